import Foundation
import Komet

/// Checks a base URL before the client sends anything to it, by `BaseURLPolicy`, the rule the
/// configuration applies too.
enum BaseURLCheck {
  /// Returns `url` when it is HTTPS, or HTTP to a loopback host, with no query or user info.
  static func validated(_ url: URL) throws(KometClientError) -> URL {
    switch BaseURLPolicy.check(url.absoluteString) {
    case .success:
      return url
    case .failure(.plainHTTPToRemoteHost), .failure(.unsupportedScheme):
      throw .insecureBaseURL(RedactedURL.text(url))
    case .failure(let rejection):
      throw .invalidBaseURL(RedactedURL.text(url), reason: "it \(rejection)")
    }
  }
}
