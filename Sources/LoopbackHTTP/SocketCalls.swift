import Glibc

/// The result of waiting for a socket to become readable.
enum ReadinessWait: Equatable {
  case readable
  case timedOut
  case stopped
}

/// Thin wrappers over the POSIX socket calls the server makes, each named after its call.
enum SocketCalls {
  /// Creates a listening TCP socket on `address` and `port`, and returns it with the bound port.
  ///
  /// The socket is non-blocking so that `accept` after `poll` never blocks on a connection the
  /// client already reset. Calls `socket`, `setsockopt(SO_REUSEADDR)`, `bind`, `listen` and
  /// `getsockname`.
  static func makeListener(
    address: LoopbackAddress, port: UInt16
  ) throws(LoopbackHTTPError) -> (descriptor: Int32, port: UInt16) {
    let domain = address.family == .ipv4 ? AF_INET : AF_INET6
    let type =
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
      | Int32(SOCK_NONBLOCK.rawValue)
    let descriptor = socket(domain, type, 0)
    guard descriptor >= 0 else { throw .systemCall(call: "socket", code: errno) }

    do throws(LoopbackHTTPError) {
      var yes: Int32 = 1
      let size = socklen_t(MemoryLayout<Int32>.size)
      guard setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, size) == 0 else {
        throw .systemCall(call: "setsockopt(SO_REUSEADDR)", code: errno)
      }
      try bind(descriptor, to: address, port: port)
      guard listen(descriptor, 64) == 0 else { throw .systemCall(call: "listen", code: errno) }
      return (descriptor, try boundPort(of: descriptor))
    } catch {
      close(descriptor)
      throw error
    }
  }

  private static func bind(
    _ descriptor: Int32, to address: LoopbackAddress, port: UInt16
  ) throws(LoopbackHTTPError) {
    let result: Int32
    switch address.family {
    case .ipv4:
      var socketAddress = sockaddr_in()
      socketAddress.sin_family = sa_family_t(AF_INET)
      socketAddress.sin_port = port.bigEndian
      socketAddress.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
      result = withUnsafePointer(to: &socketAddress) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    case .ipv6:
      var socketAddress = sockaddr_in6()
      socketAddress.sin6_family = sa_family_t(AF_INET6)
      socketAddress.sin6_port = port.bigEndian
      socketAddress.sin6_addr = in6addr_loopback
      result = withUnsafePointer(to: &socketAddress) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    guard result == 0 else { throw .systemCall(call: "bind", code: errno) }
  }

  private static func boundPort(of descriptor: Int32) throws(LoopbackHTTPError) -> UInt16 {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard result == 0 else { throw .systemCall(call: "getsockname", code: errno) }

    // sin_port and sin6_port sit at the same offset, right after the family.
    return withUnsafeBytes(of: storage) { bytes in
      UInt16(bigEndian: bytes.load(fromByteOffset: 2, as: UInt16.self))
    }
  }

  /// Makes a pipe whose read end every wait polls, so closing the write end wakes them all.
  static func makeWakePipe() throws(LoopbackHTTPError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw .systemCall(call: "pipe", code: errno) }
    setCloseOnExec(ends[0])
    setCloseOnExec(ends[1])
    return (ends[0], ends[1])
  }

  /// Accepts one pending connection, or returns -1 with `errno` set. Calls `accept`.
  ///
  /// Swift does not see Glibc's `accept4`, which needs `_GNU_SOURCE`. Close-on-exec is set with
  /// `fcntl` right after instead, so a process spawned in that gap could inherit the socket.
  static func acceptConnection(_ listener: Int32) -> Int32 {
    let descriptor = accept(listener, nil, nil)
    if descriptor >= 0 { setCloseOnExec(descriptor) }
    return descriptor
  }

  private static func setCloseOnExec(_ descriptor: Int32) {
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
  }

  /// Waits until `descriptor` is readable, `deadline` passes, or `wake` becomes readable.
  ///
  /// A nil `descriptor` waits only for the deadline or the wake pipe. Hang-up and error
  /// conditions count as readable, so the next `recv` reports them. Calls `poll`.
  static func waitReadable(
    _ descriptor: Int32?, wake: Int32, until deadline: ContinuousClock.Instant
  ) -> ReadinessWait {
    var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    if let descriptor {
      fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
    }
    while true {
      let remaining = ContinuousClock.now.duration(to: deadline)
      guard remaining > .zero else { return .timedOut }
      let result = poll(&fds, nfds_t(fds.count), milliseconds(rounding: remaining))
      if result < 0 {
        if errno == EINTR { continue }
        return .stopped
      }
      if fds[0].revents != 0 { return .stopped }
      if fds.count > 1 && fds[1].revents != 0 { return .readable }
    }
  }

  private static func milliseconds(rounding duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: max(1, total))
  }

  /// Receives up to `count` bytes and appends them to `buffer`. Calls `recv`.
  ///
  /// Returns the number of bytes received, 0 at the end of the stream and -1 on an error.
  static func receive(_ descriptor: Int32, appendingTo buffer: inout [UInt8], count: Int) -> Int {
    var chunk = [UInt8](repeating: 0, count: count)
    while true {
      let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
      if received < 0 && errno == EINTR { continue }
      if received > 0 {
        buffer.append(contentsOf: chunk[0..<received])
      }
      return received
    }
  }

  /// Sends all of `bytes`, and returns false when the peer is gone or a send timed out.
  /// Calls `send` with `MSG_NOSIGNAL`, so a closed peer gives `EPIPE` instead of `SIGPIPE`.
  static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += sent
    }
    return true
  }

  /// Limits how long one `send` on `descriptor` may block. Calls `setsockopt(SO_SNDTIMEO)`.
  static func setSendTimeout(_ descriptor: Int32, _ timeout: Duration) {
    let (seconds, attoseconds) = timeout.components
    var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    _ = setsockopt(
      descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }
}
