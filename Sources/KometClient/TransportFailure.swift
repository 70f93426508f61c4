import Foundation
import Komet

/// A request that failed before an HTTP response arrived, described without the failing URL's
/// query, so no token travels with it.
///
/// Foundation's URL errors put the whole failing URL in their description and `userInfo`, so
/// the client keeps only the error's domain and code from them, never the error itself.
package struct TransportFailure: Equatable, Sendable, CustomStringConvertible {
  package let method: KometMethod
  package let httpMethod: HTTPMethod
  /// The URL without its query, as `RedactedURL` writes it.
  package let url: String
  /// The error domain, `NSURLErrorDomain` for the URL loading system.
  package let domain: String
  /// The error code, such as `NSURLErrorTimedOut` (-1001).
  package let code: Int
  /// The attempts made, the failing one included.
  package let attempts: Int

  package init(
    method: KometMethod, httpMethod: HTTPMethod, url: String, domain: String, code: Int,
    attempts: Int
  ) {
    self.method = method
    self.httpMethod = httpMethod
    self.url = url
    self.domain = domain
    self.code = code
    self.attempts = attempts
  }

  /// Tells whether the failing attempt could not connect. That attempt sent nothing, but
  /// libcurl may have delivered the request on a reused connection just before, so for a POST
  /// it proves nothing (`KometClient` reports such a POST as `outcomeUnknown`).
  package var happenedBeforeSending: Bool {
    domain == NSURLErrorDomain && code == NSURLErrorCannotConnectToHost
  }

  /// Tells whether sending a GET again may succeed.
  var isRetryableForReads: Bool {
    guard domain == NSURLErrorDomain else { return true }
    return !Self.permanentCodes.contains(code)
  }

  /// Codes that the same request meets again: a cancelled task, a malformed or unsupported
  /// URL, a response over the size limit, and rejected TLS certificates.
  private static let permanentCodes: Set<Int> = [
    NSURLErrorCancelled, NSURLErrorBadURL, NSURLErrorUnsupportedURL,
    NSURLErrorDataLengthExceedsMaximum, NSURLErrorServerCertificateHasBadDate,
    NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasUnknownRoot,
    NSURLErrorServerCertificateNotYetValid, NSURLErrorClientCertificateRejected,
  ]

  /// The code's meaning in a few words.
  package var reason: String {
    guard domain == NSURLErrorDomain else { return "error \(code) in \(domain)" }
    switch code {
    case NSURLErrorTimedOut: return "the request timed out"
    case NSURLErrorCannotConnectToHost: return "the connection was refused"
    case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "the host was not found"
    case NSURLErrorNetworkConnectionLost: return "the connection was lost"
    case NSURLErrorNotConnectedToInternet: return "the network is down"
    case NSURLErrorBadServerResponse: return "the server sent no valid response"
    case NSURLErrorSecureConnectionFailed: return "the TLS connection failed"
    case NSURLErrorCancelled: return "the request was cancelled"
    default: return "URL error \(code)"
    }
  }

  package var description: String {
    "\(httpMethod.rawValue) \(method) to \(url) failed after \(attempts) attempt(s):"
      + " \(reason) (\(domain) \(code))"
  }
}
