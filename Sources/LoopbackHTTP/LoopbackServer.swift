import Dispatch
import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1 or ::1 that serves each connection on its own thread.
///
/// The server listens as soon as it is created and keeps serving until `stop()`, which also
/// runs when the last reference goes away. Bodies are framed by `Content-Length` only.
package final class LoopbackServer: Sendable {
  package let configuration: ServerConfiguration

  /// The port the server listens on, picked by the kernel when the configured port is 0.
  package let port: UInt16

  /// Faults to inject into coming requests; see `HTTPFault`.
  package let faults: FaultInjector

  private let core: ServerCore

  /// Binds the configured loopback address and starts accepting connections for `handler`.
  ///
  /// - Throws: `LoopbackHTTPError.invalidAddress` or `.addressNotLoopback` for a bind address
  ///   other than `127.0.0.1` or `::1` (checked before any socket is made), and
  ///   `.systemCall` when a socket call fails, for example when the port is taken.
  package init(
    configuration: ServerConfiguration = ServerConfiguration(), handler: some HTTPHandler
  ) throws(LoopbackHTTPError) {
    let address = try LoopbackAddress(configuration.bindAddress)
    let listener = try SocketCalls.makeListener(address: address, port: configuration.port)
    let wake: (read: Int32, write: Int32)
    do {
      wake = try SocketCalls.makeWakePipe()
    } catch {
      close(listener.descriptor)
      throw error
    }

    self.configuration = configuration
    self.port = listener.port
    self.faults = FaultInjector()
    self.host = address.urlHost
    core = ServerCore(
      listener: listener.descriptor, wake: wake, configuration: configuration,
      handler: handler, faults: faults)
    core.startAccepting()
  }

  /// Creates a server for a handler closure.
  package convenience init(
    configuration: ServerConfiguration = ServerConfiguration(),
    handler: @escaping @Sendable (HTTPRequest) -> HTTPReply
  ) throws(LoopbackHTTPError) {
    try self.init(configuration: configuration, handler: ClosureHandler(handler))
  }

  deinit {
    core.stop()
  }

  private let host: String

  /// The URL of the server's root, for example `http://127.0.0.1:49152/`.
  package var baseURL: URL {
    URL(string: "http://\(host):\(port)/")!
  }

  /// The number of connections accepted since the server started, rejected ones included.
  package var acceptedConnectionCount: Int {
    core.statistics.accepted
  }

  /// The number of connections whose threads are still running.
  package var openConnectionCount: Int {
    core.statistics.open
  }

  /// Closes the listener and every open connection, and waits until their threads end.
  ///
  /// A handler that is running finishes first, but its response is not sent, and a reply's
  /// delay is cut short. Calling `stop()` again, from any thread, returns once the server
  /// has stopped. It must not be called from a handler, whose thread it would wait for.
  package func stop() {
    core.stop()
  }
}

/// The state shared by the accept thread, the connection threads and `stop()`.
private final class ServerCore: Sendable {
  private struct State {
    var isRunning = true
    var wakeWrite: Int32
    var open: [Int: Int32] = [:]
    var nextIdentifier = 0
    var accepted = 0
  }

  private let listener: Int32
  private let wakeRead: Int32
  private let configuration: ServerConfiguration
  private let handler: any HTTPHandler
  private let faults: FaultInjector
  private let state: Mutex<State>
  private let threads = DispatchGroup()

  init(
    listener: Int32, wake: (read: Int32, write: Int32), configuration: ServerConfiguration,
    handler: any HTTPHandler, faults: FaultInjector
  ) {
    self.listener = listener
    self.wakeRead = wake.read
    self.configuration = configuration
    self.handler = handler
    self.faults = faults
    state = Mutex(State(wakeWrite: wake.write))
  }

  var statistics: (accepted: Int, open: Int) {
    state.withLock { ($0.accepted, $0.open.count) }
  }

  func startAccepting() {
    threads.enter()
    let thread = Thread { [self] in
      acceptLoop()
      close(listener)
      threads.leave()
    }
    thread.name = "LoopbackHTTP accept"
    thread.start()
  }

  private func acceptLoop() {
    while SocketCalls.waitReadable(listener, wake: wakeRead, until: .now + .seconds(3600))
      != .stopped
    {
      let descriptor = SocketCalls.acceptConnection(listener)
      if descriptor < 0 {
        // EMFILE and ENFILE leave the connection queued, so wait instead of spinning.
        if errno == EMFILE || errno == ENFILE { usleep(10_000) }
        continue
      }
      guard let identifier = register(descriptor) else { continue }
      startSession(descriptor: descriptor, identifier: identifier)
    }
  }

  /// Adds an accepted descriptor to the open set, or closes it when the server is stopping
  /// or full.
  private func register(_ descriptor: Int32) -> Int? {
    let identifier: Int? = state.withLock { state in
      state.accepted += 1
      guard state.isRunning, state.open.count < configuration.maxConnections else { return nil }
      state.nextIdentifier += 1
      state.open[state.nextIdentifier] = descriptor
      threads.enter()
      return state.nextIdentifier
    }
    if identifier == nil { close(descriptor) }
    return identifier
  }

  private func startSession(descriptor: Int32, identifier: Int) {
    let thread = Thread { [self] in
      var session = ConnectionSession(
        descriptor: descriptor, wake: wakeRead, configuration: configuration, handler: handler,
        faults: faults)
      session.run()

      // Removing the descriptor under the lock before closing it means stop() never shuts
      // down a number that the kernel has already given to another file.
      state.withLock { _ = $0.open.removeValue(forKey: identifier) }
      close(descriptor)
      threads.leave()
    }
    thread.name = "LoopbackHTTP connection \(identifier)"
    thread.start()
  }

  func stop() {
    let wakeWrite: Int32? = state.withLock { state in
      guard state.isRunning else { return nil }
      state.isRunning = false
      for descriptor in state.open.values {
        shutdown(descriptor, Int32(SHUT_RDWR))
      }
      return state.wakeWrite
    }

    // Closing the write end makes the read end readable for every waiting thread at once.
    if let wakeWrite { close(wakeWrite) }
    threads.wait()
    if wakeWrite != nil { close(wakeRead) }
  }
}
