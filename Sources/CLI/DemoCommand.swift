import Configuration
import Exchange
import Foundation
import KometSandbox
import Logging
import Onboarding
import PipelineAssembly
import Workspace

/// The `komet-dwf demo [--workspace DIR] [--samples DIR]` command: the exchange's main job on
/// the sample exports, end to end, with the Komet sandbox started in-process.
///
/// It creates a workspace: a new temporary folder, unless `--workspace` names an empty or
/// missing one. It starts the sandbox on a free loopback port, points the workspace's config at
/// it and copies the sample exports into `inbox/`. Then it runs one pass of the pipeline (the
/// intake, then one inventory drop) and writes the onboarding files for DWF. Then it runs the
/// sample order files of `DemoOrderPlan` in two more passes, prints their acknowledgements and
/// the sandbox's web orders, and lists every file it wrote. It exits 1 when an order outcome
/// differs from what its sample is for.
/// `KOMET_*` variables of the caller's shell are ignored, so the demo never reaches a real
/// Komet account.
struct DemoCommand {
  let samplesFolder: String
  let workspaceFolder: String?

  static let usage = "komet-dwf demo [--workspace DIR] [--samples DIR]"
  static let sampleExports = [
    "komet-customers.xlsx", "komet-locations.xlsx", "komet-inventory.xlsx",
  ]
  /// The location the demo's config names as the default, the first of the sample's four.
  static let demoDefaultLocation = "200101"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["samples", "workspace"], switches: [])
    guard parsed.positional.isEmpty else {
      throw UsageError.unknownOption(parsed.positional[0])
    }
    samplesFolder = parsed.options["samples"] ?? "Samples"
    workspaceFolder = parsed.options["workspace"]
  }

  func run(streams: OutputStreams, environment: [String: String]) throws -> ExitCode {
    let samples = Self.sampleExports.map { (samplesFolder as NSString).appendingPathComponent($0) }
    for path in samples + sampleOrderPaths() where !FileManager.default.fileExists(atPath: path) {
      streams.writeError(
        "komet-dwf: \(path) not found. Run the demo from the repository's top folder, or pass"
          + " --samples with the folder that contains "
          + Self.sampleExports.joined(separator: ", ") + " and "
          + DemoOrderPlan.folderName + "/.\n")
      return .noInput
    }

    let workspace: Workspace
    switch makeWorkspace() {
    case .success(let made): workspace = made
    case .failure(let problem):
      streams.writeError("komet-dwf: \(problem.message)\n")
      return problem.exitCode
    }

    let sandbox: KometSandbox
    do {
      sandbox = try KometSandbox()
    } catch {
      streams.writeError("komet-dwf: the Komet sandbox could not start: \(error)\n")
      return .unavailable
    }
    defer { sandbox.stop() }

    let root = workspace.root.path
    streams.write(
      """
      komet-dwf demo: one full cycle of the exchange on the sample exports.
      Workspace: \(root)
      Komet sandbox: \(sandbox.baseURL.absoluteString) (company ID 4242, sandbox-only tokens)


      """)

    do {
      try prepare(workspace, sandbox: sandbox, samples: samples)
    } catch {
      streams.writeError("komet-dwf: the demo workspace could not be prepared: \(error)\n")
      return .cannotCreate
    }
    streams.write(
      "1. Created the workspace (komet-dwf init), pointed komet-dwf.json at the sandbox, and\n"
        + "   copied the sample exports into inbox/.\n")

    // The caller's KOMET_* variables would override the demo's config and could name a real
    // account, so none of them is passed on.
    let demoEnvironment = environment.filter { !$0.key.hasPrefix("KOMET_") }
    let pass = runPass(workspace, environment: demoEnvironment, streams: streams)
    streams.write(
      "2. Ran one pass of the pipeline (komet-dwf once): \(pass.status.description).\n"
        + "   \(pass.filesProcessed) file(s) processed, \(pass.filesFailed) failed,"
        + " \(pass.filesWaiting) waiting, then one inventory cycle.\n"
        + "   Its log is on standard error.\n")

    let onboardingStatus = runOnboarding(workspace, environment: demoEnvironment, streams: streams)
    streams.write(
      "3. Wrote the onboarding files for DWF (komet-dwf onboarding): \(onboardingStatus).\n")

    let orders = runOrderSamples(
      workspace, sandbox: sandbox, environment: demoEnvironment, streams: streams)

    streams.write("\n" + DemoArtifacts(workspace: workspace).summary())
    streams.write(
      """

      Look around with:
        komet-dwf status --workspace \(root)
        komet-dwf onboarding --workspace \(root)
      The sandbox stopped with the demo, so `once` or `run` in this workspace would find
      Komet unreachable.

      """)
    return finish(exportPass: pass, orders: orders, streams: streams)
  }

  /// Prints whether every order outcome was the one its sample is for, and returns the exit
  /// status: the export pass's status, or a failure when an outcome differs.
  private func finish(
    exportPass: PassReport, orders: DemoOrderOutcome, streams: OutputStreams
  ) -> ExitCode {
    guard orders.mismatches.isEmpty else {
      streams.write("\nThe sample orders did not all end as they should:\n")
      for mismatch in orders.mismatches {
        streams.write("  \(mismatch)\n")
      }
      streams.writeError(
        "komet-dwf: \(orders.mismatches.count) order outcome(s) of the demo differ from its"
          + " samples; see the list on standard output and the log above.\n")
      return .failure
    }
    streams.write("\nEvery sample order ended as it should.\n")
    return PipelineSetup.exitCode(for: exportPass.status)
  }

  // MARK: Steps

  private struct Problem: Error {
    var message: String
    var exitCode: ExitCode
  }

  /// Returns the workspace named by `--workspace`, which must be missing or empty, or a new
  /// temporary folder.
  private func makeWorkspace() -> Result<Workspace, Problem> {
    let manager = FileManager.default
    guard let folder = workspaceFolder else {
      let template = (NSTemporaryDirectory() as NSString)
        .appendingPathComponent("komet-dwf-demo-XXXXXX")
      var bytes = Array(template.utf8CString)
      guard mkdtemp(&bytes) != nil else {
        return .failure(
          Problem(
            message: "no temporary folder could be made under \(NSTemporaryDirectory());"
              + " pass --workspace DIR with an empty folder instead",
            exitCode: .cannotCreate))
      }
      let path = String(
        decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      return .success(Workspace(root: URL(fileURLWithPath: path)))
    }

    let workspace = Workspace(option: folder)
    let entries = (try? manager.contentsOfDirectory(atPath: workspace.root.path)) ?? []
    guard entries.isEmpty else {
      return .failure(
        Problem(
          message: "\(workspace.root.path) is not empty. The demo writes a whole workspace, so"
            + " give it an empty or new folder, or leave out --workspace to use a temporary one.",
          exitCode: .cannotCreate))
    }
    return .success(workspace)
  }

  /// Creates the workspace's folders, writes the sandbox's token files and a config that
  /// points at the sandbox, and copies the sample exports into `inbox/`.
  private func prepare(_ workspace: Workspace, sandbox: KometSandbox, samples: [String]) throws {
    _ = try WorkspaceSetup(workspace: workspace).run()

    let tokens = workspace.state.appendingPathComponent("sandbox", isDirectory: true)
    try FileManager.default.createDirectory(
      at: tokens, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let writer = AtomicFileWriter(temporaryFolder: workspace.state.appendingPathComponent(".tmp"))
    for (role, token) in [
      ("company", SandboxTokens.company), ("customer", SandboxTokens.customer),
      ("user", SandboxTokens.user),
    ] {
      try writer.write(
        token + "\n", to: tokens.appendingPathComponent("\(role).token"), mode: 0o600)
    }

    try writer.write(
      demoConfig(baseURL: sandbox.baseURL.absoluteString), to: workspace.configFile, mode: 0o644)

    for sample in samples {
      let name = (sample as NSString).lastPathComponent
      try FileManager.default.copyItem(
        atPath: sample, toPath: workspace.inbox.appendingPathComponent(name).path)
    }
  }

  /// Returns the demo's `komet-dwf.json`: the sandbox's URL and company, its token files, and
  /// the first sample location as the default. The settle time is 0, because the demo copies
  /// each sample in whole before the pass that takes it.
  private func demoConfig(baseURL: String) -> String {
    """
    {
      "komet": {
        "baseURL": "\(baseURL)",
        "companyId": "4242",
        "defaultLocationId": "\(Self.demoDefaultLocation)",
        "tokenFiles": {
          "company": "state/sandbox/company.token",
          "customer": "state/sandbox/customer.token",
          "user": "state/sandbox/user.token"
        }
      },
      "inventory": { "source": "ecommerce" },
      "orders": { "defaultCarrierId": "3101" },
      "watch": { "settleSeconds": 0 }
    }

    """
  }

  /// Runs one pass of the pipeline under the workspace lock and returns its report.
  func runPass(
    _ workspace: Workspace, environment: [String: String], streams: OutputStreams
  ) -> PassReport {
    var failed = PassReport()
    do {
      let lock = try WorkspaceLock(workspace: workspace)
      defer { lock.release() }
      let stop = StopSignal()
      guard
        let pipeline = PipelineSetup.make(
          workspace: workspace, lock: lock, streams: streams, environment: environment,
          stop: stop)
      else {
        failed.record(.configurationUnusable)
        return failed
      }
      return blockUntilDone { await pipeline.runOnce() }
    } catch {
      streams.writeError("komet-dwf: \(error)\n")
      failed.record(.internalFailure)
      return failed
    }
  }

  /// Writes the onboarding files and returns a one-line outcome.
  private func runOnboarding(
    _ workspace: Workspace, environment: [String: String], streams: OutputStreams
  ) -> String {
    let settings: KometSettings
    do {
      settings = try KometSettings.load(workspace: workspace.root, environment: environment)
    } catch {
      return "not run, the demo's config is invalid (\(error))"
    }
    let logger = Logger(label: "onboarding", handler: OutputStreamLogHandler(streams: streams))
    let onboarding = OnboardingRun(
      workspace: workspace, settings: settings, includesTokens: false, logger: logger)
    let outcome = blockUntilDone { () async -> String in
      do {
        let report = try await onboarding.run()
        return report.status == .complete
          ? "complete" : "incomplete, see komet-dwf onboarding"
      } catch {
        return "failed (\(error))"
      }
    }
    return outcome
  }
}
