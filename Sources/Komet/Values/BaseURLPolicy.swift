import Foundation

/// The rule for Komet base URLs: HTTPS, or plain HTTP to a loopback host for the sandbox.
package enum BaseURLPolicy {
  /// The hosts that may be reached over plain HTTP.
  package static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

  /// Returns `text` for an error message, without the user name, password, query and
  /// fragment, where a pasted token could be.
  ///
  /// Text that `URLComponents` cannot parse is shown only when it has no `@`, `?` or `#`.
  package static func displayText(_ text: String) -> String {
    guard var components = URLComponents(string: text) else {
      let hidesNothing = !text.contains { "@?#".contains($0) }
      return hidesNothing ? text : "(unreadable URL)"
    }
    let hadSecretParts =
      components.user != nil || components.password != nil || components.query != nil
      || components.fragment != nil
    guard hadSecretParts else { return text }

    components.user = nil
    components.password = nil
    components.query = nil
    components.fragment = nil
    return (components.string ?? "(unreadable URL)") + " (user, password, query, fragment hidden)"
  }

  /// Returns the URL for `text`, or the reason it cannot be a base URL.
  package static func check(_ text: String) -> Result<URL, BaseURLRejection> {
    guard let components = URLComponents(string: text), let scheme = components.scheme,
      let url = components.url
    else {
      return .failure(.notAbsolute)
    }
    let host = (components.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    guard !host.isEmpty else { return .failure(.notAbsolute) }
    guard components.user == nil, components.password == nil else {
      return .failure(.hasUserInfo)
    }
    guard components.query == nil, components.fragment == nil else {
      return .failure(.hasQueryOrFragment)
    }

    switch scheme.lowercased() {
    case "https":
      return .success(url)
    case "http":
      return loopbackHosts.contains(host.lowercased())
        ? .success(url) : .failure(.plainHTTPToRemoteHost(host))
    default:
      return .failure(.unsupportedScheme(scheme))
    }
  }
}

/// The reason a text cannot be a Komet base URL.
package enum BaseURLRejection: Error, Equatable, Sendable, CustomStringConvertible {
  case notAbsolute
  case hasUserInfo
  case hasQueryOrFragment
  case unsupportedScheme(String)
  case plainHTTPToRemoteHost(String)

  package var description: String {
    switch self {
    case .notAbsolute:
      return "is not an absolute URL. Use one such as https://api.kometsales.com/api/"
    case .hasUserInfo:
      return "carries a user name or password. Remove it, because Komet takes tokens instead"
    case .hasQueryOrFragment:
      return "has a query or fragment. Remove it, because method names are appended to the path"
    case .unsupportedScheme(let scheme):
      return "uses the scheme \(scheme). Use https"
    case .plainHTTPToRemoteHost(let host):
      return "uses plain HTTP to \(host). Use https, because plain HTTP is allowed only to"
        + " 127.0.0.1, ::1 and localhost"
    }
  }
}
