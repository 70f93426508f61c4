import Foundation
import Inventory
import StateStore
import Testing

@Suite("Stored inventory export")
struct StoredInventoryExportTests {
  private func database() throws -> (Database, String) {
    let folder = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("inventory-tests-\(UUID().uuidString)")
    return (try StateSchema.open(path: folder + "/state.sqlite"), folder)
  }

  @Test("a snapshot comes back whole, prices exact and order kept, and a newer one replaces it")
  func roundTrip() throws {
    let (database, folder) = try database()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = StoredInventoryExport(database: database)
    #expect(try store.latest() == nil)

    let items = [
      InventoryItem(
        inventoryId: "900002", origin: .future, productCode: "ROS-FRE-50",
        productDescription: "Rose Freedom 50 cm, \"red\"", grade: "A1", category: "Roses",
        boxType: "QB", unitsPerBox: 250, unitType: "ST", boxesAvailable: 12,
        unitPrice: Decimal(string: "0.4375")!, locationId: "200101",
        availableFrom: "2026-12-10", availableTo: "2026-12-20"),
      InventoryItem(
        inventoryId: "900001", origin: .onHand, boxesAvailable: 3,
        unitPrice: Decimal(string: "12345678.91")!),
    ]
    let first = InventoryExportSnapshot(
      items: items, sourceFile: "Inventory.xlsx", sha256: String(repeating: "0", count: 64),
      takenAt: Date(timeIntervalSince1970: 1_800_000_000.125))
    try store.replace(with: first)
    #expect(try store.latest() == first)

    let second = InventoryExportSnapshot(
      items: [items[1]], sourceFile: "Inventory (2).xlsx",
      sha256: String(repeating: "1", count: 64), takenAt: Date(timeIntervalSince1970: 1_800_000_600))
    try database.transaction { try store.replace(with: second) }
    #expect(try store.latest() == second)
  }
}
