import Foundation
import LoopbackHTTP

/// A local stand-in for Komet's API on 127.0.0.1, serving the integration's methods from a
/// `SandboxState` for trying the tool without tokens and for tests.
///
/// The sandbox stores what Komet would hold (web orders, their items, the boxes left) and a
/// log of the requests it received, both dumped as JSON with tokens masked. Faults come from
/// the server's `FaultInjector`: a fault that skips the handler (`status`,
/// `closeBeforeHandler`) leaves no log entry and no count, and one that runs it
/// (`closeAfterHandler`, `delay`) logs the status the handler chose.
package final class KometSandbox: Sendable {
  private let server: LoopbackServer
  private let handler: SandboxHandler

  /// Starts serving `state` on 127.0.0.1 at the configured port.
  ///
  /// - Throws: `SandboxError.serverFailed` when the port cannot be bound.
  package init(
    state: SandboxState? = nil, configuration: SandboxConfiguration = SandboxConfiguration()
  ) throws(SandboxError) {
    handler = SandboxHandler(
      state: state ?? .seeded(today: configuration.clock()), configuration: configuration)
    var serverConfiguration = ServerConfiguration()
    serverConfiguration.port = configuration.port
    serverConfiguration.requestTimeout = configuration.requestTimeout
    serverConfiguration.idleTimeout = configuration.idleTimeout
    // The server's own limit stays above the sandbox's, so an oversized request still gets
    // a JSON response and a log entry. Beyond it the server sends 413 itself, unlogged.
    serverConfiguration.maxBodyBytes = max(configuration.maxRequestBytes * 4, 1024 * 1024)
    do {
      server = try LoopbackServer(configuration: serverConfiguration, handler: handler)
    } catch {
      throw .serverFailed(reason: error.description)
    }
  }

  /// Starts serving the state saved in the file at `path` (the `--state FILE` option).
  ///
  /// - Throws: `SandboxError.unreadableState`, `.invalidState` or `.serverFailed`.
  package convenience init(
    stateFile path: String, configuration: SandboxConfiguration = SandboxConfiguration()
  ) throws(SandboxError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableState(path: path, reason: error.localizedDescription)
    }
    try self.init(
      state: SandboxState.decode(data, source: path), configuration: configuration)
  }

  /// The port the sandbox listens on.
  package var port: UInt16 { server.port }

  /// The API's base URL, for example `http://127.0.0.1:49152/api/`.
  package var baseURL: URL { server.baseURL.appendingPathComponent("api/") }

  /// Faults for the coming requests, matched by HTTP method and path such as
  /// `/api/web-order-item.add`.
  package var faults: FaultInjector { server.faults }

  /// A copy of the current state.
  package var state: SandboxState { handler.state.withLock { $0 } }

  /// The requests handled so far, oldest first, with tokens masked.
  package var requestLog: [RequestLogEntry] { handler.state.withLock { $0.requestLog } }

  /// Returns the state as JSON, with token values left out, ready for `--state FILE`.
  package func dumpState() -> Data {
    handler.state.withLock { $0.encodedJSON() }
  }

  /// Writes `dumpState()` to `path`, replacing any file there.
  package func saveState(to path: String) throws {
    try dumpState().write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// Stops serving and waits until every connection has closed.
  package func stop() {
    server.stop()
  }
}
