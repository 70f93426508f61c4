import Synchronization

/// Faults waiting for the requests they match, each used a set number of times.
///
/// The server queries the injector once per complete request, before the handler runs. The
/// first rule that matches is used, and a rule whose count reaches zero is removed, so
/// `add(.closeAfterHandler, matching: RequestMatcher(method: "POST", path: "/api/x"))`
/// closes the connection after the handler stored the next such request, and only that one.
package final class FaultInjector: Sendable {
  private struct Rule {
    var fault: HTTPFault
    var matcher: RequestMatcher
    var remaining: Int
  }

  private let rules = Mutex<[Rule]>([])

  package init() {}

  /// Adds a fault for the next `times` requests that `matcher` accepts, after earlier rules.
  package func add(_ fault: HTTPFault, matching matcher: RequestMatcher = .any, times: Int = 1) {
    guard times > 0 else { return }
    rules.withLock { $0.append(Rule(fault: fault, matcher: matcher, remaining: times)) }
  }

  /// Removes every fault not used yet.
  package func removeAll() {
    rules.withLock { $0.removeAll() }
  }

  /// The number of fault uses still waiting, summed over all rules.
  package var pendingCount: Int {
    rules.withLock { $0.reduce(0) { $0 + $1.remaining } }
  }

  /// Takes one use of the first rule matching `request`, or returns nil when none matches.
  func takeFault(for request: HTTPRequest) -> HTTPFault? {
    rules.withLock { rules in
      guard let index = rules.firstIndex(where: { $0.matcher.matches(request) }) else {
        return nil
      }
      let fault = rules[index].fault
      rules[index].remaining -= 1
      if rules[index].remaining == 0 {
        rules.remove(at: index)
      }
      return fault
    }
  }
}
