/// The overall result of a pass or a run, from best to worst.
///
/// Several steps combine into the worst of their statuses, so `once` exits with the status of
/// the most serious problem: an internal failure, then an unusable configuration, then Komet
/// unreachable, then a failed input.
package enum PassStatus: Int, Sendable, Comparable, CustomStringConvertible {
  case succeeded
  /// An input file or the inventory source was unusable.
  case inputFailed
  /// Komet could not be reached, or the daily request quota is used up: either way the next
  /// pass tries again (exit status 75).
  case kometUnreachable
  case configurationUnusable
  /// A step threw an error that is not about the input, such as a database failure.
  case internalFailure

  package static func < (lhs: PassStatus, rhs: PassStatus) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  package var description: String {
    switch self {
    case .succeeded: return "succeeded"
    case .inputFailed: return "input failed"
    case .kometUnreachable: return "Komet unreachable or daily quota used up"
    case .configurationUnusable: return "configuration unusable"
    case .internalFailure: return "internal failure"
    }
  }
}

/// What one pass did: counts per outcome and the worst status.
package struct PassReport: Sendable, Equatable {
  package var status = PassStatus.succeeded
  package var filesProcessed = 0
  package var filesFailed = 0
  package var filesWaiting = 0
  /// Files, counted in `filesWaiting` too, that a listing found modified within the settle
  /// time and left for a later pass.
  package var filesBeingWritten = 0
  package var changeRequestsFinished = 0
  package var inventoryCycles = 0
  /// Orders that the order stage finished with at least one line accepted.
  package var ordersPlaced = 0
  /// Lines waiting for quota after the last order pass.
  package var linesWaiting = 0

  package init() {}

  package mutating func record(_ next: PassStatus) {
    status = max(status, next)
  }
}
