import Configuration
import Exchange
import Foundation
import Logging
import Synchronization
import Testing
import Workspace

/// An order file that waits for the first inventory drop is taken again in the same pass once
/// the pass's inventory cycle wrote one.
struct PipelineWaitingOrderTests {
  /// An intake of `inbox/dwf/` that leaves each file waiting until `drop` exists, then moves it
  /// to `inbox/processed/`, counting its takes.
  final class DropGatedIntake: IntakeStage {
    let workspace: Workspace
    let drop: URL
    private let count = Mutex(0)

    init(workspace: Workspace, drop: URL) {
      self.workspace = workspace
      self.drop = drop
    }

    var takes: Int { count.withLock { $0 } }

    func pendingEntries() throws -> [InboxEntry] {
      let names = try FileManager.default.contentsOfDirectory(atPath: workspace.dwfInbox.path)
      return names.sorted().map { name in
        InboxEntry(
          folder: workspace.dwfInbox.path, name: name,
          type: .regularFile(size: 0, modified: Date()))
      }
    }

    func take(_ entry: InboxEntry) async throws -> EntryOutcome {
      count.withLock { $0 += 1 }
      guard FileManager.default.fileExists(atPath: drop.path) else {
        return .waiting(kind: "orderFile", reason: "no inventory drop yet")
      }
      let destination = workspace.processed.appendingPathComponent(entry.name)
      try FileManager.default.moveItem(atPath: entry.path, toPath: destination.path)
      return .processed(kind: "orderFile", destination: destination.path)
    }
  }

  /// An inventory stage that writes `drop` and returns `result`.
  struct DropWritingInventory: InventoryStage {
    let drop: URL
    let result: InventoryCycleOutcome.Result

    func publishCycle() async throws -> InventoryCycleOutcome {
      try Data("drop".utf8).write(to: drop)
      return InventoryCycleOutcome(result)
    }
  }

  /// An order stage that counts its passes.
  final class CountingOrders: OrderStage {
    private let count = Mutex(0)
    var passes: Int { count.withLock { $0 } }

    func placeOrders() async throws -> OrderPassOutcome {
      count.withLock { $0 += 1 }
      return OrderPassOutcome(.finished)
    }

    func hasPendingWork() throws -> Bool { false }
  }

  @Test(arguments: [
    (InventoryCycleOutcome.Result.published(sequence: 1, itemCount: 3), true),
    (.unchanged(sequence: 1), false),
    (.kometUnreachable(reason: "connection refused"), false),
  ])
  func waitingOrderFileTakenAfterDrop(
    result: InventoryCycleOutcome.Result, isTaken: Bool
  ) async throws {
    let scratch = try ScratchWorkspace()
    try scratch.drop("order", as: "order-1.csv", in: scratch.workspace.dwfInbox)
    let drop = scratch.workspace.root.appendingPathComponent("drop-written")
    let intake = DropGatedIntake(workspace: scratch.workspace, drop: drop)
    let orders = CountingOrders()
    let stages = PipelineStages(
      intake: intake, inventory: DropWritingInventory(drop: drop, result: result),
      orders: orders)
    let lock = try WorkspaceLock(workspace: scratch.workspace)
    defer { lock.release() }
    let pipeline = Pipeline(
      workspace: scratch.workspace, lock: lock, settings: ExchangeSettings(), stages: stages,
      logger: Logger(label: "test", handler: InMemoryLogHandler()))

    let report = await pipeline.runOnce()

    #expect(intake.takes == (isTaken ? 2 : 1))
    #expect(report.filesProcessed == (isTaken ? 1 : 0))
    #expect(report.filesWaiting == (isTaken ? 0 : 1))
    #expect(orders.passes == (isTaken ? 2 : 1))
    let processed = scratch.names(in: scratch.workspace.processed)
    #expect(processed == (isTaken ? ["order-1.csv"] : []))
  }
}
