/// The outcome of validating one order: what goes ahead and what is rejected, with reasons.
package struct OrderValidation: Sendable, Equatable {
  package var order: DWFOrder
  /// The problems that reject the whole order; empty when it goes ahead.
  package var orderProblems: [OrderProblem]
  /// Every line with the problems that reject it, in file order; cancellations have none.
  package var lines: [LineValidation]
  /// The location the order is placed at: its own, else the default, else the company's only
  /// location. Nil for a single-location company that lists no location.
  package var locationId: String?

  /// Whether the order is placed (or, for a cancellation, cancelled).
  package var goesAhead: Bool { orderProblems.isEmpty }

  /// The lines to place: those with no problem, when the order goes ahead.
  package var acceptedLines: [DWFOrderLine] {
    goesAhead ? lines.filter(\.problems.isEmpty).map(\.line) : []
  }

  /// The lines rejected for problems of their own.
  package var rejectedLines: [LineValidation] {
    lines.filter { !$0.problems.isEmpty }
  }
}

/// One line and the problems that reject it.
package struct LineValidation: Sendable, Equatable {
  package var line: DWFOrderLine
  package var problems: [OrderProblem]
}
