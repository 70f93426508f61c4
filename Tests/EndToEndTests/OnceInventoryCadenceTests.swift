import Foundation
import StateStore
import Testing

/// `komet-dwf once` reads the inventory only when the last read is older than the interval,
/// so a `once` run every minute from cron spends no more of the daily quota than `run`.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct OnceInventoryCadenceTests {
  private func inventoryReads(_ workspace: OrderWorkspace) -> Int {
    workspace.sandbox.requestLog.filter { $0.path == "/api/ecommerce/inventory.list" }.count
  }

  @Test func secondOnceSkipsRecentRead() throws {
    let workspace = try OrderWorkspace()
    let readsAfterFirst = inventoryReads(workspace)
    #expect(readsAfterFirst > 0)

    let second = try workspace.once()

    #expect(second.status == 0, "\(second.error)")
    #expect(inventoryReads(workspace) == readsAfterFirst)
    #expect(second.error.contains("Inventory not read in this pass"))
  }

  @Test func onceReadsAgainAfterInterval() throws {
    let workspace = try OrderWorkspace()
    let readsAfterFirst = inventoryReads(workspace)
    let database = try StateSchema.open(workspace: workspace.root.path)
    try database.execute(
      "UPDATE inventory_drops SET confirmed_as_of = '2020-01-01T00:00:00.000Z'")
    database.close()

    let second = try workspace.once()

    #expect(second.status == 0, "\(second.error)")
    #expect(inventoryReads(workspace) > readsAfterFirst)
  }

  @Test func onceReadsAgainWhenDropFilesAreGone() throws {
    let workspace = try OrderWorkspace()
    let readsAfterFirst = inventoryReads(workspace)
    let folder = workspace.root.appendingPathComponent("outbox/dwf/inventory")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    for name in names where name.hasPrefix("inventory-") && name.hasSuffix(".json") {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }

    let second = try workspace.once()

    #expect(second.status == 0, "\(second.error)")
    #expect(inventoryReads(workspace) > readsAfterFirst)
  }
}
