/// The decision on a line whose `web-order-item.add` has an unknown outcome.
package enum ReconciliationVerdict: Sendable, Equatable {
  /// The web order contains the line, with the item ID when one could be matched.
  case landed(itemId: String?)
  /// The web order does not hold the line, so it is sent again.
  case notLanded
  /// The item list does not settle the question, or could not be read.
  case review(reason: String)

  package var logText: String {
    switch self {
    case .landed: return "landed"
    case .notLanded: return "not landed"
    case .review(let reason): return "review: \(reason)"
    }
  }
}

/// Decides whether a line whose add has an unknown outcome landed, from the items the web
/// order holds (`web-order-details.list`, both status IDs added up).
///
/// Lines are added to a web order one at a time, so while one add is unsettled the web order
/// holds either the lines journaled as landed or those plus the one in question. Any other
/// count, or item IDs that do not match the journaled ones, means something else changed the
/// web order, and the line goes to review.
package enum Reconciliation {
  /// - Parameters:
  ///   - heldItemIds: the item IDs the web order holds now.
  ///   - landedItemIds: the item IDs journaled for the lines accepted on this web order; nil
  ///     entries are lines whose add response carried no item ID.
  package static func decide(heldItemIds: [String], landedItemIds: [String?])
    -> ReconciliationVerdict
  {
    let known = Set(landedItemIds.compactMap { $0 })
    let held = Set(heldItemIds)
    guard known.isSubset(of: held) else {
      let missing = known.subtracting(held).sorted().joined(separator: ", ")
      return .review(reason: "web order no longer holds items \(missing)")
    }

    switch heldItemIds.count - landedItemIds.count {
    case 0:
      return .notLanded
    case 1:
      let unmatched = held.subtracting(known)
      let newItem = landedItemIds.contains(nil) ? nil : unmatched.first
      return .landed(itemId: newItem)
    default:
      return .review(
        reason: "web order holds \(heldItemIds.count) items but \(landedItemIds.count) lines "
          + "are journaled as landed")
    }
  }

  /// Returns the verdict for a failed `web-order-details.list`, which is always review.
  package static func detailsFailed(_ message: String) -> ReconciliationVerdict {
    .review(reason: "web-order-details.list failed: \(message)")
  }
}
