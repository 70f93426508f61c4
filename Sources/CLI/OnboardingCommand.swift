import Configuration
import Dispatch
import Foundation
import Logging
import Onboarding
import StateStore
import Workspace

/// The `komet-dwf onboarding` command: prints what is still missing and how to get it,
/// cross-checks the IDs with Komet, and writes `outbox/dwf/onboarding/` for DWF.
///
/// With `--include-tokens` it also writes the token package of Komet's own set-up guide to the
/// grower-only `outbox/onboarding/`, the one file komet-dwf puts whole tokens in.
struct OnboardingCommand {
  let workspace: Workspace
  let includesTokens: Bool

  static let usage = "komet-dwf onboarding [--workspace DIR] [--include-tokens]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["workspace"], switches: ["include-tokens"])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(
        extra, reason: "onboarding takes no file argument; use --workspace DIR")
    }
    workspace = Workspace(option: parsed.options["workspace"])
    includesTokens = parsed.flags.contains("include-tokens")
  }

  func run(streams: OutputStreams, environment: [String: String]) -> ExitCode {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: workspace.root.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      streams.writeError(
        "komet-dwf: the workspace \(workspace.root.path) is not a folder. Create it with"
          + " `komet-dwf init \(workspace.root.path)` first.\n")
      return .noInput
    }

    let settings: KometSettings
    do {
      settings = try KometSettings.load(workspace: workspace.root, environment: environment)
    } catch {
      streams.writeError("komet-dwf: \(error)\n")
      streams.writeError("See docs/configuration.md for the keys and their sources.\n")
      return .configuration
    }

    let logger = Logger(label: "onboarding", handler: OutputStreamLogHandler(streams: streams))
    var run = OnboardingRun(
      workspace: workspace, settings: settings, includesTokens: includesTokens, logger: logger)
    do {
      run.defaultCarrier = try ExchangeSettings.load(
        workspace: workspace.root, environment: environment
      ).ordersDefaultCarrierId
    } catch {
      run.carrierSettingError = error.description
    }
    let onboarding = run
    let outcome = blockUntilDone { () async -> Result<OnboardingReport, any Error> in
      do {
        return .success(try await onboarding.run())
      } catch {
        return .failure(error)
      }
    }

    switch outcome {
    case .success(let report):
      streams.write(report.checklist())
      return Self.exitCode(for: report.status)
    case .failure(let error as OnboardingError):
      streams.writeError("komet-dwf: \(error)\n")
      if case .invalidStoredID = error { return .dataError }
      return .cannotCreate
    case .failure(let error):
      streams.writeError("komet-dwf: \(error)\n")
      return .ioError
    }
  }

  /// Maps the run's status to the exit status that the help and the README list.
  static func exitCode(for status: OnboardingReport.Status) -> ExitCode {
    switch status {
    case .complete: return .success
    case .incomplete: return .configuration
    case .kometUnreachable: return .unavailable
    case .quotaExhausted: return .temporaryFailure
    case .kometFailed: return .dataError
    }
  }

}

