import Glibc
import Synchronization

/// A TCP port on 127.0.0.1 that refuses connections, for tests of unreachable servers.
///
/// A socket is bound to the port but never listens, so a connection gets a reset. Meanwhile the
/// kernel cannot hand the port to a server that another test starts, as it could once a
/// stopped server has freed it.
package final class RefusingLoopbackPort: @unchecked Sendable {
  // @unchecked: `descriptor` is read and changed only inside `release()`, under `lock`, which
  // closes it at most once.
  package let port: UInt16
  private var descriptor: Int32
  private let lock = Mutex(())

  /// Binds a free port that the kernel picks.
  package convenience init() throws(LoopbackHTTPError) {
    try self.init(holding: 0)
  }

  /// Binds `port`, for example the port of a server that was just stopped, so that it keeps
  /// refusing connections. `SO_REUSEADDR` lets the bind succeed while the stopped server's
  /// connections linger in `TIME_WAIT`.
  package init(holding port: UInt16) throws(LoopbackHTTPError) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw .systemCall(call: "socket", code: errno) }
    var reuse: Int32 = 1
    setsockopt(
      descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))

    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard bound == 0, named == 0 else {
      let code = errno
      close(descriptor)
      throw .systemCall(call: "bind", code: code)
    }
    self.descriptor = descriptor
    self.port = UInt16(bigEndian: address.sin_port)
  }

  /// Frees the port, so that a server can bind it. Safe to call more than once.
  package func release() {
    lock.withLock { _ in
      guard descriptor >= 0 else { return }
      close(descriptor)
      descriptor = -1
    }
  }

  deinit {
    release()
  }
}
