/// A field's text as a file gave it, trimmed, with where it was found.
struct RawCell: Sendable, Equatable {
  var text: String
  var position: SourcePosition
}

/// An order as read from CSV rows or a JSON object, before its fields are typed.
struct RawOrder {
  var orderNumber: String
  var position: SourcePosition
  /// The order-level fields that had a non-blank value.
  var fields: [OrderField: RawCell] = [:]
  var lines: [RawLine] = []
  /// Problems the reader found in this order's fields, such as a JSON value of the wrong type.
  var problems: [OrderProblem] = []
}

/// A line as read from a CSV row or a JSON object, before its fields are typed.
struct RawLine {
  var position: SourcePosition
  /// The line fields that had a non-blank value.
  var fields: [OrderField: RawCell] = [:]
  var problems: [OrderProblem] = []
}
