import Exchange
import Foundation
import Workspace

/// The `komet-dwf once` command: one pass over the inbox, the queued change requests and one
/// inventory cycle, for cron and systemd timers.
struct OnceCommand {
  let workspace: Workspace

  static let usage = "komet-dwf once [--workspace DIR]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace"], switches: [])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(extra, reason: "once takes no file argument")
    }
    workspace = Workspace(option: parsed.options["workspace"])
  }

  func run(streams: OutputStreams, environment: [String: String]) throws -> ExitCode {
    if let missing = WorkspaceCheck.requireInbox(workspace, command: "once", streams: streams) {
      return missing
    }
    let lock = try WorkspaceLock(workspace: workspace)
    defer { lock.release() }
    let stop = StopSignal.trapping()
    defer { stop.restoreSignals() }

    guard let pipeline = PipelineSetup.make(
      workspace: workspace, lock: lock, streams: streams, environment: environment, stop: stop)
    else { return .configuration }

    let report = blockUntilDone { await pipeline.runOnce() }
    return PipelineSetup.exitCode(for: report.status)
  }
}
