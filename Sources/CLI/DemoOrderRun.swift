import Exchange
import Foundation
import KometSandbox
import Workspace

/// The outcome of the demo's order part: the report of each pass and every outcome that
/// differs from what its sample is for.
struct DemoOrderOutcome {
  var passes: [PassReport] = []
  var mismatches: [String] = []
}

extension DemoCommand {
  /// Returns the paths of the sample order files, in the order the demo drops them.
  func sampleOrderPaths() -> [String] {
    let folder = (samplesFolder as NSString).appendingPathComponent(DemoOrderPlan.folderName)
    return DemoOrderPlan.allFiles.map { (folder as NSString).appendingPathComponent($0) }
  }

  /// Drops each step's sample order files into `inbox/dwf/`, runs one pass after each step,
  /// prints the acknowledgements, the sandbox's web orders and the reports, and checks
  /// each outcome against `DemoOrderPlan`.
  func runOrderSamples(
    _ workspace: Workspace, sandbox: KometSandbox, environment: [String: String],
    streams: OutputStreams
  ) -> DemoOrderOutcome {
    var outcome = DemoOrderOutcome()
    let folder = (samplesFolder as NSString).appendingPathComponent(DemoOrderPlan.folderName)

    for (index, step) in DemoOrderPlan.steps.enumerated() {
      do {
        for name in step.files {
          try FileManager.default.copyItem(
            atPath: (folder as NSString).appendingPathComponent(name),
            toPath: workspace.dwfInbox.appendingPathComponent(name).path)
        }
      } catch {
        outcome.mismatches.append("the sample order files could not be copied: \(error)")
        return outcome
      }
      let pass = runPass(workspace, environment: environment, streams: streams)
      outcome.passes.append(pass)
      if pass.filesFailed != step.failedFiles || pass.filesWaiting != 0 {
        outcome.mismatches.append(
          "pass \(4 + index): \(pass.filesFailed) file(s) failed and \(pass.filesWaiting)"
            + " waiting, expected \(step.failedFiles) failed and none waiting")
      }
      streams.write(
        "\(4 + index). Dropped \(step.purpose) into inbox/dwf/ and ran a pass:"
          + " \(pass.status.description).\n"
          + "   Files: \(step.files.joined(separator: ", "))\n"
          + "   \(pass.filesProcessed) file(s) processed, \(pass.filesFailed) failed,"
          + " \(pass.filesWaiting) waiting, \(pass.ordersPlaced) order(s) placed.\n")
    }

    let acknowledgements: DemoAcknowledgements
    do {
      acknowledgements = try DemoAcknowledgements(workspace: workspace)
    } catch {
      outcome.mismatches.append("the acknowledgements could not be read: \(error)")
      return outcome
    }
    let webOrders = sandbox.state.webOrders.filter {
      $0.customerId == SandboxState.dwfCustomerId
    }

    let summary = DemoOrderSummary(acknowledgements: acknowledgements, webOrders: webOrders)
    streams.write("\n" + summary.acknowledgementsText())
    streams.write("\n" + summary.webOrdersText())
    streams.write("\n" + summary.reportsText())

    outcome.mismatches += DemoOrderCheck(
      acknowledgements: acknowledgements, webOrders: webOrders
    ).mismatches()
    outcome.mismatches += filesLeft(in: workspace).map {
      "inbox/dwf/\($0): still in the inbox, expected in processed/ or failed/"
    }
    return outcome
  }

  /// Returns the sample order files still in `inbox/dwf/`.
  private func filesLeft(in workspace: Workspace) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.dwfInbox.path))
    return (names ?? []).filter { DemoOrderPlan.allFiles.contains($0) }.sorted()
  }
}
