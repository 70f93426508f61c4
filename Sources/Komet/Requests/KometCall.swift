/// A typed request of one Komet method and the type of its response.
package protocol KometCall: Sendable {
  associatedtype Response: KometResponse
  static var method: KometMethod { get }
  /// Adds the request's parameters in the order Komet's page lists them, checking their limits.
  func addParameters(to list: inout ParameterList) throws(KometError)
}

/// The limits Komet states for every request.
package enum KometLimits {
  /// The maximum size of a request in bytes: request line, headers and body together.
  // NOTE: not confirmed by Komet: the page says "64kb" without saying whether that is 64,000 or
  // 65,536 bytes or what counts, so the smaller figure is used for the whole request.
  package static let maxRequestBytes = 64_000
  /// Requests per paid user per day.
  package static let dailyRequestsPerUser = 1_000
}
