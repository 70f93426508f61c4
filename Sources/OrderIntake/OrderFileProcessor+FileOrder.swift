import Orders

extension OrderFileProcessor {
  /// Lifts the repeated-number problem between an order and its cancellation in one file, so
  /// the two are carried out in file order.
  ///
  /// A cancellation applies to whatever came before it under its number, so it never carries
  /// the problem. An order keeps it unless every earlier copy of its number in the file is a
  /// cancellation, because then the order comes after its cancellation and is journaled
  /// cancelled. Two orders under one number still reject the later one.
  static func inFileOrder(_ validations: [OrderValidation]) -> [OrderValidation] {
    var earlierActions: [String: [OrderAction?]] = [:]
    return validations.map { validation in
      var adjusted = validation
      let number = validation.order.orderNumber
      let earlier = earlierActions[number, default: []]
      let isCancellation = validation.order.action == .cancel
      if !earlier.isEmpty, isCancellation || earlier.allSatisfy({ $0 == .cancel }) {
        adjusted.orderProblems.removeAll { problem in
          if case .duplicateOrderNumber = problem.reason { return true }
          return false
        }
      }
      earlierActions[number, default: []].append(validation.order.action)
      return adjusted
    }
  }
}
