import Configuration
import Exchange
import Foundation
import Logging
import StateStore
import Testing
import Workspace

struct PipelineOnceTests {
  private func pipeline(
    _ scratch: ScratchWorkspace, inventory: FixedInventory? = nil,
    handlers: [any ChangeRequestHandler] = [], logs: InMemoryLogHandler = InMemoryLogHandler()
  ) throws -> (Pipeline, WorkspaceLock) {
    let lock = try WorkspaceLock(workspace: scratch.workspace)
    let stages = PipelineStages(
      intake: MovingIntake(workspace: scratch.workspace), inventory: inventory,
      changeHandlers: handlers)
    let pipeline = Pipeline(
      workspace: scratch.workspace, lock: lock, settings: ExchangeSettings(), stages: stages,
      logger: Logger(label: "test", handler: logs))
    return (pipeline, lock)
  }

  @Test(arguments: [
    (["good"], PassStatus.succeeded),
    (["good", "bad"], .inputFailed),
    (["bad", "unreachable"], .kometUnreachable),
    (["unreachable", "config", "bad"], .configurationUnusable),
    (["partial"], .succeeded),
  ])
  func statusIsWorstOutcome(contents: [String], expected: PassStatus) async throws {
    let scratch = try ScratchWorkspace()
    for (index, text) in contents.enumerated() {
      try scratch.drop(text, as: "file-\(index).csv")
    }
    let (pipeline, lock) = try pipeline(scratch, inventory: FixedInventory(.unchanged(sequence: 1)))
    defer { lock.release() }

    let report = await pipeline.runOnce()
    #expect(report.status == expected)
    #expect(report.inventoryCycles == 1)
  }

  @Test func filesMoveAndAreLogged() async throws {
    let scratch = try ScratchWorkspace()
    try scratch.drop("good", as: "customers.csv")
    try scratch.drop("bad", as: "notes.txt")
    let logs = InMemoryLogHandler()
    let (pipeline, lock) = try pipeline(scratch, logs: logs)
    defer { lock.release() }

    let report = await pipeline.runOnce()
    #expect(report.filesProcessed == 1)
    #expect(report.filesFailed == 1)
    #expect(scratch.names(in: scratch.workspace.processed) == ["customers.csv"])
    #expect(scratch.names(in: scratch.workspace.failed) == ["notes.txt"])
    let processed = try #require(logs.records.first { $0.message == "File processed" })
    #expect(processed.metadata["file.kind"] == "test")
    #expect(processed.metadata["file.destination"]?.hasSuffix("processed/customers.csv") == true)
    #expect(
      logs.records.contains {
        $0.message == "No inventory stage in this build, so no drop is written"
      })
  }

  @Test(arguments: [
    (InventoryCycleOutcome.Result.published(sequence: 2, itemCount: 5), PassStatus.succeeded),
    (.kometUnreachable(reason: "refused"), .kometUnreachable),
    (.inputFailed(reason: "damaged export"), .inputFailed),
    (.configurationUnusable(reason: "no DWF customer"), .configurationUnusable),
  ])
  func inventoryOutcomeSetsStatus(result: InventoryCycleOutcome.Result, expected: PassStatus)
    async throws
  {
    let scratch = try ScratchWorkspace()
    let inventory = FixedInventory(result)
    let (pipeline, lock) = try pipeline(scratch, inventory: inventory)
    defer { lock.release() }

    let report = await pipeline.runOnce()
    #expect(report.status == expected)
    #expect(inventory.cycles == 1)
  }

  @Test(arguments: [
    (
      "the daily Komet allowance is used up (30 of 30 requests for the customer token), so the"
        + " request was not sent. Wait until 2030-06-02T05:00:00Z.",
      "Inventory not read, because the daily Komet quota is used up; previous drop kept"
    ),
    ("connection refused", "Inventory not read, because Komet is unreachable; previous drop kept"),
  ])
  func inventoryLogNamesQuota(reason: String, message: String) async throws {
    let scratch = try ScratchWorkspace()
    let logs = InMemoryLogHandler()
    let inventory = FixedInventory(.kometUnreachable(reason: reason))
    let (pipeline, lock) = try pipeline(scratch, inventory: inventory, logs: logs)
    defer { lock.release() }

    _ = await pipeline.runOnce()
    let inventoryLines = logs.records.filter { $0.message.hasPrefix("Inventory not read") }
    #expect(inventoryLines.map(\.message) == [message])
  }

  @Test func queuedRequestsCarriedOut() async throws {
    let scratch = try ScratchWorkspace()
    let asker = ChangeRequests(
      database: try StateSchema.open(workspace: scratch.workspace.root.path))
    let touch = try asker.enqueue(kind: "touch", orderNumber: "PO-7")
    let unknown = try asker.enqueue(kind: "repaint")
    let (pipeline, lock) = try pipeline(
      scratch, handlers: [TouchHandler(folder: scratch.workspace.state)])
    defer { lock.release() }

    let report = await pipeline.runOnce()
    #expect(report.changeRequestsFinished == 2)
    let touched = scratch.workspace.state.appendingPathComponent("touched-\(touch.id)")
    #expect(try String(contentsOf: touched, encoding: .utf8) == "PO-7")
    #expect(try asker.request(id: touch.id)?.state == .succeeded)
    #expect(try asker.request(id: touch.id)?.outcome == "touched PO-7")
    let failed = try #require(try asker.request(id: unknown.id))
    #expect(failed.state == .failed)
    #expect(failed.outcome?.contains("no handler for change requests of kind \"repaint\"") == true)
  }
}
