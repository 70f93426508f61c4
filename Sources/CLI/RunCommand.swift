import Configuration
import Dispatch
import Exchange
import Foundation
import Logging
import PipelineAssembly
import Watching
import Workspace

/// The `komet-dwf run` command: the pipeline that watches the inbox until SIGINT or SIGTERM.
struct RunCommand {
  let workspace: Workspace
  let forcesPoll: Bool

  static let usage = "komet-dwf run [--workspace DIR] [--poll]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace"], switches: ["poll"])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(extra, reason: "run takes no file argument")
    }
    workspace = Workspace(option: parsed.options["workspace"])
    forcesPoll = parsed.flags.contains("poll")
  }

  func run(streams: OutputStreams, environment: [String: String]) throws -> ExitCode {
    try PipelineSetup.withPipeline(
      workspace, command: "run", streams: streams, environment: environment
    ) { pipeline in
      let mode: WatchMode =
        forcesPoll || pipeline.settings.watchMode.value == .poll ? .poll : .inotify
      return blockUntilDone { await pipeline.run(mode: mode) }
    }
  }
}

/// The steps `run` and `once` share: settings, stages and the logger.
enum PipelineSetup {
  /// Checks that `workspace` is one, takes its lock, traps SIGINT and SIGTERM, builds the
  /// pipeline and runs `body` with it, and returns the exit status of the status `body`
  /// returns. The lock and the signal handlers are released on every path.
  ///
  /// - Throws: `WorkspaceLockError` when another process holds the lock.
  static func withPipeline(
    _ workspace: Workspace, command: String, streams: OutputStreams,
    environment: [String: String], _ body: (Pipeline) -> PassStatus
  ) throws -> ExitCode {
    if let missing = WorkspaceCheck.requireInbox(workspace, command: command, streams: streams) {
      return missing
    }
    let lock = try WorkspaceLock(workspace: workspace)
    defer { lock.release() }
    let stop = StopSignal.trapping()
    defer { stop.restoreSignals() }

    guard
      let pipeline = make(
        workspace: workspace, lock: lock, streams: streams, environment: environment,
        stop: stop)
    else { return .configuration }
    return exitCode(for: body(pipeline))
  }

  /// Loads the settings and builds the pipeline, or writes the configuration error and
  /// returns nil.
  static func make(
    workspace: Workspace, lock: WorkspaceLock, streams: OutputStreams,
    environment: [String: String], stop: StopSignal
  ) -> Pipeline? {
    let settings: ExchangeSettings
    let komet: KometSettings
    do {
      komet = try KometSettings.load(workspace: workspace.root, environment: environment)
      settings = try ExchangeSettings.load(workspace: workspace.root, environment: environment)
      try settings.checkCheckout(against: komet)
    } catch {
      streams.writeError("komet-dwf: \(error)\n")
      streams.writeError("See docs/configuration.md for the keys and their sources.\n")
      return nil
    }
    let logger = Logger(label: "pipeline", handler: OutputStreamLogHandler(streams: streams))
    let stages: PipelineStages
    do {
      stages = try ExchangeStages.make(
        workspace: workspace, settings: komet, exchange: settings, logger: logger)
    } catch {
      streams.writeError("komet-dwf: the state database cannot be opened: \(error)\n")
      return nil
    }
    return Pipeline(
      workspace: workspace, lock: lock, settings: settings, stages: stages, logger: logger,
      stop: stop)
  }

  /// Maps a pipeline status to the exit status of `once` and `run`.
  static func exitCode(for status: PassStatus) -> ExitCode {
    switch status {
    case .succeeded: return .success
    case .inputFailed: return .dataError
    case .kometUnreachable: return .temporaryFailure
    case .configurationUnusable: return .configuration
    case .internalFailure: return .ioError
    }
  }
}
