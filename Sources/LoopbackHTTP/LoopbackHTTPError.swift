import Glibc

/// The ways starting a `LoopbackServer` can fail.
package enum LoopbackHTTPError: Error, Equatable, CustomStringConvertible {
  /// The bind address is not the text of an IPv4 or IPv6 address.
  case invalidAddress(String)

  /// The bind address is a valid address but neither `127.0.0.1` nor `::1`.
  case addressNotLoopback(String)

  /// A socket call failed; `call` names it and `code` is its `errno`.
  case systemCall(call: String, code: Int32)

  /// `start()` ran on a server that had already started.
  case alreadyStarted

  package var description: String {
    switch self {
    case .invalidAddress(let text):
      "The bind address '\(text)' is not an IP address: use 127.0.0.1 or ::1."
    case .addressNotLoopback(let text):
      "The bind address '\(text)' is not loopback: the server binds only 127.0.0.1 or ::1."
    case .systemCall(let call, let code):
      "\(call) failed: \(String(cString: strerror(code))) (errno \(code))."
    case .alreadyStarted:
      "The server has already been started: create a new server to start again."
    }
  }
}
