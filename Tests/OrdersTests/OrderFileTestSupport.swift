import Foundation
import Inventory

@testable import Orders

/// A temporary folder for the order files a test writes, removed when the value is released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "orders-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `bytes` to `name` in the folder and returns its path.
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Array(text.utf8))
  }
}

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path

/// Parses `text` written to a file named `name`.
func parseOrders(_ text: String, name: String = "orders.csv") throws -> OrderFile {
  let folder = try TemporaryFolder()
  return try OrderFileParser.parse(path: folder.write(name, text))
}

/// Returns the problems that fail the file `text`, or an empty list when it parses.
func fileProblems(_ text: String, name: String = "orders.csv") throws -> [OrderProblem] {
  do {
    _ = try parseOrders(text, name: name)
    return []
  } catch let error as OrderFileError {
    return error.problems
  }
}

let csvHeader =
  "order_number,line_number,ship_date,carrier_id,location_id,inventory_id,origin,quantity,"
  + "unit_price,mark_code,action\n"

/// An inventory snapshot matching the sandbox's first seeded lines.
let snapshot: [InventoryItem] = [
  InventoryItem(
    inventoryId: "5100001", origin: .onHand, boxesAvailable: 10,
    unitPrice: Decimal(string: "0.45")!, locationId: "200101"),
  InventoryItem(
    inventoryId: "5100005", origin: .onHand, boxesAvailable: 2,
    unitPrice: Decimal(string: "3.25")!, locationId: "200101"),
  InventoryItem(
    inventoryId: "7300001", origin: .future, boxesAvailable: 10,
    unitPrice: Decimal(string: "5.30")!, locationId: "200101"),
  InventoryItem(
    inventoryId: "5100027", origin: .onHand, boxesAvailable: 10,
    unitPrice: Decimal(string: "0.60")!, locationId: "200102"),
]

func validator(
  locationIds: [String] = ["200101", "200102"], defaultLocationId: String? = "200101",
  tolerance: Decimal = 0, allOrNothing: Bool = false, hasDefaultCarrier: Bool = true
) -> OrderValidator {
  OrderValidator(
    today: OrderDate("2030-06-01")!, locationIds: locationIds,
    defaultLocationId: defaultLocationId, inventory: snapshot, priceTolerance: tolerance,
    allOrNothing: allOrNothing, hasDefaultCarrier: hasDefaultCarrier)
}
