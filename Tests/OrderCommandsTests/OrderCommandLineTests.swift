import Exchange
import Foundation
import OrderJournal
import StateStore
import Testing

/// Runs `retry`, `review` and `cancel` in-process, with a pipeline pass carrying out what
/// they queue.
@Suite struct OrderCommandLineTests {
  @Test func retryCommandPrintsOutcome() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let (result, report) = try await runWithPipeline(["retry", "DWF-100"], in: scratch)

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("request 1 (retry) carried out: order DWF-100: 1 line goes"))
    #expect(result.error == "")
    #expect(report.changeRequestsFinished == 1)
    #expect(line(3, of: try scratch.journal().snapshot(of: "DWF-100"))?.state == .received)
  }

  @Test func reviewCommandSettlesLine() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let (result, _) = try await runWithPipeline(
      ["review", "DWF-100", "2", "--not-added"], in: scratch)

    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.output
        == "request 1 (review) carried out: order DWF-100 line 2 settled as not added: it is"
        + " rejected now, and 'komet-dwf retry DWF-100' sends it again.\n")
    #expect(line(2, of: try scratch.journal().snapshot(of: "DWF-100"))?.state == .rejected)
  }

  @Test func reviewOfAcceptedLineExitsOne() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = await runOffPool(
      ["review", "DWF-100", "1", "--added", "--workspace", scratch.path, "--wait", "0"])

    #expect(result.status == 1)
    #expect(result.output == "")
    #expect(
      result.error
        == "komet-dwf: review not queued: order DWF-100 line 1 is accepted, not in review, so"
        + " there is nothing to settle. 'komet-dwf status' lists the lines in review.\n")
    #expect(try scratch.queue().unfinished().isEmpty)
  }

  @Test func cancelCommandCancelsOrder() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let (result, _) = try await runWithPipeline(["cancel", "DWF-100"], in: scratch)

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("deletes web order WO-1 with web-order.delete"))
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.state == .cancelled)
  }

  @Test func retryOfUnknownOrderExitsOne() async throws {
    let scratch = try ScratchWorkspace()

    let result = await runOffPool(["retry", "DWF-404", "--workspace", scratch.path, "--wait", "0"])

    #expect(result.status == 1)
    #expect(
      result.error.hasPrefix("komet-dwf: retry not queued: order DWF-404 is not in the journal;"))
    #expect(try scratch.queue().unfinished().isEmpty)
  }

  @Test func retryOfCancelledOrderExitsOneAtOnce() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())
    try scratch.journal().cancel(orderNumber: "DWF-100")

    let result = await runOffPool(["retry", "DWF-100", "--workspace", scratch.path, "--wait", "0"])

    #expect(result.status == 1)
    #expect(
      result.error
        == "komet-dwf: retry not queued: order DWF-100 is cancelled, so it has no line to"
        + " retry.\n")
    #expect(try scratch.queue().unfinished().isEmpty)
  }

  @Test func cancelWithoutPipelineIsQueued() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    // With no pipeline to carry it out, the command does not wait out its --wait.
    let result = await runOffPool(
      ["cancel", "DWF-100", "--workspace", scratch.path, "--wait", "600"])

    #expect(result.elapsed < .seconds(300))
    #expect(result.status == 75)
    #expect(
      result.output
        == "request 1 (cancel) is queued: no pipeline is running, so the next 'komet-dwf once'"
        + " or 'komet-dwf run' carries it out. Do not send it again; 'komet-dwf status' lists"
        + " it.\n")
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.state != .cancelled)

    let report = try await runPass(in: scratch, handlers: makeHandlers(scratch))

    #expect(report.changeRequestsFinished == 1)
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.state == .cancelled)
    let queue = try scratch.queue()
    #expect(try queue.request(id: 1)?.state == .succeeded)
  }

  @Test func onceCarriesOutQueuedCancel() async throws {
    let scratch = try ScratchWorkspace()
    #expect(await runOffPool(["init", scratch.path]).status == 0)
    try journalSampleOrder(try scratch.journal())
    let queued = await runOffPool(["cancel", "DWF-100", "--workspace", scratch.path, "--wait", "0"])
    #expect(queued.status == 75)

    // The bare workspace has no Komet settings, so the pass ends with 78 after the change
    // requests. The test checks only that `once` has the cancel handler.
    let once = await runOffPool(["once", "--workspace", scratch.path])

    #expect(once.error.contains("Change request carried out"), "\(once.error)")
    #expect(try scratch.queue().request(id: 1)?.state == .succeeded)
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.state == .cancelled)
  }

  @Test(arguments: [
    (["retry"], "missing order number", "komet-dwf retry ORDER"),
    (["retry", "A", "B"], "unexpected argument 'B'", "komet-dwf retry ORDER"),
    (["retry", "A", "--force"], "unknown option '--force'", "komet-dwf retry ORDER"),
    (["review", "A"], "missing line number", "komet-dwf review ORDER LINE"),
    (["review", "A", "1"], "missing --added or --not-added", "komet-dwf review ORDER LINE"),
    (["review", "A", "0", "--added"], "unexpected argument '0'", "komet-dwf review ORDER LINE"),
    (
      ["review", "A", "x", "--added"], "LINE is a line number of 1 or more",
      "komet-dwf review ORDER LINE"
    ),
    (
      ["review", "A", "1", "--added", "--not-added"], "not both",
      "komet-dwf review ORDER LINE"
    ),
    (["cancel", "  "], "missing order number", "komet-dwf cancel ORDER"),
    (["cancel", "A", "--wait", "-1"], "invalid value '-1' for --wait", "komet-dwf cancel ORDER"),
    (["cancel", "A", "--wait", "soon"], "invalid value 'soon'", "komet-dwf cancel ORDER"),
    (["cancel", "A", "--wait", "3601"], "from 0 to 3600", "komet-dwf cancel ORDER"),
    (["cancel", "A", "--wait"], "option --wait needs a value", "komet-dwf cancel ORDER"),
  ])
  func usageErrorExits64(arguments: [String], problem: String, usage: String) async throws {
    let scratch = try ScratchWorkspace()

    let commandLine = [arguments[0], "--workspace", scratch.path] + arguments.dropFirst()
    let result = await runOffPool(commandLine)

    #expect(result.status == 64)
    #expect(result.error.hasPrefix("komet-dwf: "))
    #expect(result.error.contains(problem), "\(result.error)")
    #expect(result.error.contains("\nusage: \(usage) "), "\(result.error)")
    #expect(result.output == "")
    let database = scratch.workspace.state.appendingPathComponent("komet-dwf.sqlite")
    #expect(!FileManager.default.fileExists(atPath: database.path))
  }

  @Test(arguments: ["retry", "cancel"])
  func folderWithoutInboxExits66(command: String) async throws {
    let scratch = try ScratchWorkspace()
    try FileManager.default.removeItem(at: scratch.workspace.inbox)

    let result = await runOffPool([command, "A", "--workspace", scratch.path])

    #expect(result.status == 66)
    #expect(result.error.contains("is not a komet-dwf workspace"))
    #expect(result.error.contains("\(command) changed nothing."))
  }

  @Test(arguments: ["retry", "review", "cancel"])
  func helpNamesCommand(command: String) async {
    let result = await runOffPool([command, "--help"])

    #expect(result.status == 0)
    #expect(result.output.hasPrefix("komet-dwf \(command) ORDER"))
  }
}
