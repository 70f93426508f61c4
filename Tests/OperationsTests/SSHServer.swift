import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A failure to start the test's sshd.
enum SSHServerError: Error, CustomStringConvertible {
  case noFreePort(errno: Int32)
  case configurationRejected(message: String)
  case notListening(port: UInt16, log: String)

  var description: String {
    switch self {
    case .noFreePort(let code):
      "no free port on 127.0.0.1: \(String(cString: strerror(code)))"
    case .configurationRejected(let message):
      "sshd -t rejected the configuration: \(message)"
    case .notListening(let port, let log):
      "sshd did not listen on 127.0.0.1 port \(port) within 10 s; its log:\n\(log)"
    }
  }
}

/// An sshd child process that listens on 127.0.0.1 only, started with `-D -e -f CONFIG`.
final class SSHServer {
  static let executable = "/usr/sbin/sshd"

  let port: UInt16
  let logFile: URL
  private let pid: pid_t
  private var isStopped = false

  /// Checks `configFile` with `sshd -t`, starts sshd on it and waits until it listens on `port`.
  init(configFile: URL, port: UInt16, runner: CommandRunner) throws {
    let check = try runner.run(Self.executable, ["-t", "-f", configFile.path])
    guard check.status == 0 else {
      throw SSHServerError.configurationRejected(message: check.error)
    }

    self.port = port
    let folder = configFile.deletingLastPathComponent()
    logFile = folder.appendingPathComponent("sshd.log")
    pid = try CommandRunner.spawn(
      Self.executable, ["-D", "-e", "-f", configFile.path],
      output: folder.appendingPathComponent("sshd.out").path, error: logFile.path)

    // sshd logs this line once its socket listens, so no test connection is needed to know.
    let listening = "Server listening on 127.0.0.1 port \(port)."
    for _ in 0..<200 {
      if log.contains(listening) { return }
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        isStopped = true
        break
      }
      usleep(50_000)
    }
    stop()
    throw SSHServerError.notListening(port: port, log: log)
  }

  /// The server's log so far.
  var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

  /// Sends SIGTERM and waits for sshd to exit.
  func stop() {
    guard !isStopped else { return }
    isStopped = true
    kill(pid, SIGTERM)
    _ = CommandRunner.wait(for: pid, timeout: .seconds(10))
  }

  /// Returns a TCP port on 127.0.0.1 that was free a moment ago.
  ///
  /// NOTE: another program may take the port before sshd binds it, which makes the test fail
  /// with `notListening` and the bind error in the sshd log.
  static func freeLoopbackPort() throws -> UInt16 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SSHServerError.noFreePort(errno: errno) }
    defer { close(descriptor) }

    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bind(descriptor, socketAddress, length) == 0
          && getsockname(descriptor, socketAddress, &length) == 0
      }
    }
    guard bound else { throw SSHServerError.noFreePort(errno: errno) }
    return UInt16(bigEndian: address.sin_port)
  }
}
