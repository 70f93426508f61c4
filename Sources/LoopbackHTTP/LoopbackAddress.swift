import Glibc

/// A socket address that is certain to be loopback: `127.0.0.1` or `::1`.
///
/// There is no other way to build one, so the server cannot bind a wildcard or an external
/// interface whatever its configuration contains.
struct LoopbackAddress: Sendable, Equatable {
  enum Family: Sendable, Equatable {
    case ipv4
    case ipv6
  }

  let family: Family

  /// Parses `text` as an IP address and accepts it only when it is `127.0.0.1` or `::1`.
  ///
  /// Other addresses in 127.0.0.0/8 are rejected too, and so are host names such as
  /// `localhost`, because resolving a name could give a non-loopback address.
  ///
  /// - Throws: `LoopbackHTTPError.invalidAddress` for text that is no address, and
  ///   `LoopbackHTTPError.addressNotLoopback` for any other address.
  init(_ text: String) throws(LoopbackHTTPError) {
    var ipv4 = in_addr()
    var ipv6 = in6_addr()
    if inet_pton(AF_INET, text, &ipv4) == 1 {
      guard UInt32(bigEndian: ipv4.s_addr) == 0x7F00_0001 else {
        throw .addressNotLoopback(text)
      }
      family = .ipv4
    } else if inet_pton(AF_INET6, text, &ipv6) == 1 {
      let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
      guard bytes == Array(repeating: 0, count: 15) + [1] else {
        throw .addressNotLoopback(text)
      }
      family = .ipv6
    } else {
      throw .invalidAddress(text)
    }
  }

  /// The text of the address, for a URL host (IPv6 in brackets).
  var urlHost: String {
    family == .ipv4 ? "127.0.0.1" : "[::1]"
  }
}
