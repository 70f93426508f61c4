import Foundation

/// Checks a base URL before the client sends anything to it.
enum BaseURLCheck {
  /// Hosts that may be reached over plain HTTP, because traffic to them stays on the machine.
  static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

  /// Returns `url` when it is HTTPS, or HTTP to a loopback host, with no query or user info.
  static func validated(_ url: URL) throws(KometClientError) -> URL {
    guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
      let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(),
      !host.isEmpty
    else {
      throw .invalidBaseURL(RedactedURL.text(url), reason: "it is not an absolute URL")
    }
    guard components.percentEncodedQuery == nil, components.user == nil,
      components.password == nil, components.fragment == nil
    else {
      throw .invalidBaseURL(
        RedactedURL.text(url), reason: "it has a query, user, password or fragment")
    }

    switch scheme {
    case "https":
      return url
    case "http" where loopbackHosts.contains(host):
      return url
    default:
      throw .insecureBaseURL(RedactedURL.text(url))
    }
  }
}
