import Configuration
import Dispatch
import Foundation
import Komet
import KometClient
import Logging
import StateStore

/// The `komet-dwf komet check` command, which calls cheap read methods with each configured
/// token and reports per method whether Komet accepts the call.
///
/// With `--write` it also creates an empty web order and deletes it. With `--dry-run`, or
/// `komet.dryRun` in the config file, those two writes go to `outbox/komet/requests/` instead.
struct KometCheckCommand {
  let workspace: URL
  let allowsWrites: Bool
  let forcesDryRun: Bool

  static let usage = "komet-dwf komet check [--workspace DIR] [--write] [--dry-run]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["workspace"], switches: ["write", "dry-run"])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(extra, reason: "komet check takes no file argument")
    }
    let folder = parsed.options["workspace"] ?? FileManager.default.currentDirectoryPath
    workspace = URL(fileURLWithPath: folder, isDirectory: true)
    allowsWrites = parsed.flags.contains("write")
    forcesDryRun = parsed.flags.contains("dry-run")
  }

  func run(streams: OutputStreams, environment: [String: String]) -> ExitCode {
    let settings: KometSettings
    do {
      settings = try KometSettings.load(workspace: workspace, environment: environment)
    } catch {
      streams.writeError("komet-dwf: \(error)\n")
      streams.writeError("See docs/configuration.md for the keys and their sources.\n")
      return .configuration
    }

    streams.write("Settings (workspace \(workspace.path)):\n")
    for line in settings.description.split(separator: "\n") {
      streams.write("  \(line)\n")
    }
    if forcesDryRun && !settings.dryRun.value {
      streams.write("  --dry-run overrides komet.dryRun for this run.\n")
    }
    streams.write("\n")

    let setup: KometCheckSetup
    switch KometCheckSetup.make(
      settings: settings, workspace: workspace, dryRun: forcesDryRun || settings.dryRun.value)
    {
    case .success(let made):
      setup = made
    case .failure(let problems):
      streams.writeError("komet-dwf: the configuration cannot be checked against Komet:\n")
      for problem in problems {
        streams.writeError("  - \(problem)\n")
      }
      streams.writeError("See docs/configuration.md for the keys and their sources.\n")
      return .configuration
    }

    let logger = Logger(label: "komet-check", handler: OutputStreamLogHandler(streams: streams))
    let checker = KometCheck(setup: setup, logger: logger, allowsWrites: allowsWrites)
    let allowsWrites = self.allowsWrites
    let report = blockUntilDone {
      await checker.run(announce: { streams.write($0) })
    }
    return report.print(to: streams, setup: setup, allowsWrites: allowsWrites)
  }

}

