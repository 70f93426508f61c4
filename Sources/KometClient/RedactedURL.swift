import Foundation

/// URL text that is safe for logs and errors: scheme, host, port and path, never the query,
/// user, password or fragment, where a token could be.
package enum RedactedURL {
  package static func text(_ url: URL) -> String {
    guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
      return "(unreadable URL)"
    }
    let hadQuery = components.percentEncodedQuery != nil
    components.user = nil
    components.password = nil
    components.percentEncodedQuery = nil
    components.fragment = nil
    let base = components.string ?? "(unreadable URL)"
    return hadQuery ? base + "?(query removed)" : base
  }
}
