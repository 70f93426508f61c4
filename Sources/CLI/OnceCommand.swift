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
    try PipelineSetup.withPipeline(
      workspace, command: "once", streams: streams, environment: environment
    ) { pipeline in
      blockUntilDone { await pipeline.runOnce() }.status
    }
  }
}
