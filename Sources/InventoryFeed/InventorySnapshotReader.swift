import Foundation
import Inventory
import Komet
import StateStore
import Workspace

/// The items of the latest inventory drop, as DWF last saw them.
package struct InventorySnapshot: Sendable, Equatable {
  /// The drop's sequence number in `inventory_drops`.
  package var sequence: Int
  /// The drop's `YYYYMMDDTHHMMSSZ` stamp, which names its files.
  package var stamp: String
  /// The as-of time of the newest read that returned this content.
  package var asOf: Date
  package var items: [InventoryItem]
}

/// Reads the latest inventory drop back from `outbox/dwf/inventory/`, so order lines are
/// checked against exactly what DWF was offered.
///
/// The drop's JSON file is hashed and compared with the SHA-256 that `inventory_drops`
/// recorded when it was written, so a file changed or removed since is an error, never a
/// silently different snapshot.
package struct InventorySnapshotReader {
  let folder: URL
  let database: Database

  package init(workspace: Workspace, database: Database) {
    folder = workspace.dwfOutbox.appendingPathComponent("inventory", isDirectory: true)
    self.database = database
  }

  /// Returns the latest drop's items, or nil when no drop was written yet.
  ///
  /// - Throws: `InventorySnapshotError` when the history cannot be read, or the drop's JSON
  ///   file is missing, differs from its recorded SHA-256 or cannot be parsed.
  package func latest() throws(InventorySnapshotError) -> InventorySnapshot? {
    let record: DropRecord?
    do {
      record = try DropHistory(database: database).latest()
    } catch {
      throw .historyUnreadable(reason: String(describing: error))
    }
    guard let record else { return nil }

    let url = folder.appendingPathComponent(record.json.name)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .fileMissing(path: url.path, reason: String(describing: error))
    }
    let digest = try Self.sha256(of: data, path: url.path)
    guard digest == record.json.sha256.lowercased() else {
      throw .fileChanged(path: url.path, recorded: record.json.sha256, found: digest)
    }

    let items = try InventorySnapshotParser.items(from: data, path: url.path)
    return InventorySnapshot(
      sequence: record.sequence, stamp: record.stamp, asOf: record.confirmedAsOf, items: items)
  }

  private static func sha256(of data: Data, path: String) throws(InventorySnapshotError)
    -> String
  {
    guard let hash = StreamingSHA256() else { throw .digestFailed(path: path) }
    let fed = data.withUnsafeBytes { hash.update($0) }
    guard fed, let digest = hash.finish() else { throw .digestFailed(path: path) }
    return digest
  }
}

/// Turns the JSON of a drop (`InventoryJSONWriter`'s format) back into items.
enum InventorySnapshotParser {
  static func items(from data: Data, path: String) throws(InventorySnapshotError)
    -> [InventoryItem]
  {
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw .fileInvalid(path: path, reason: "invalid JSON (\(error))")
    }
    guard case .array(let elements) = root["items"] ?? .null else {
      throw .fileInvalid(path: path, reason: "no items array")
    }
    var items: [InventoryItem] = []
    items.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard let item = item(from: element) else {
        throw .fileInvalid(path: path, reason: "items[\(index)] is not a valid inventory item")
      }
      items.append(item)
    }
    return items
  }

  private static func item(from value: JSONValue) -> InventoryItem? {
    guard let id = text(value["inventoryId"]),
      let origin = text(value["origin"]).flatMap(InventoryOrigin.init(rawValue:)),
      let priceText = text(value["unitPrice"]),
      let price = Decimal(string: priceText, locale: Locale(identifier: "en_US_POSIX")),
      let boxes = integer(value["boxesAvailable"])
    else { return nil }
    return InventoryItem(
      inventoryId: id, origin: origin, productCode: text(value["productCode"]),
      productDescription: text(value["productDescription"]), grade: text(value["grade"]),
      category: text(value["category"]), boxType: text(value["boxType"]),
      unitsPerBox: integer(value["unitsPerBox"]), unitType: text(value["unitType"]),
      boxesAvailable: boxes, unitPrice: price, locationId: text(value["locationId"]),
      availableFrom: text(value["availableFrom"]), availableTo: text(value["availableTo"]))
  }

  private static func text(_ value: JSONValue?) -> String? {
    if case .string(let text) = value { return text }
    return nil
  }

  private static func integer(_ value: JSONValue?) -> Int? {
    if case .number(let text) = value { return Int(text) }
    return nil
  }
}

/// A reason the latest inventory snapshot could not be read.
package enum InventorySnapshotError: Error, Equatable, CustomStringConvertible {
  /// `inventory_drops` could not be read.
  case historyUnreadable(reason: String)
  /// The drop's JSON file, recorded in `inventory_drops`, cannot be read.
  case fileMissing(path: String, reason: String)
  /// The drop's JSON file no longer has the SHA-256 recorded when it was written.
  case fileChanged(path: String, recorded: String, found: String)
  /// The drop's JSON file has the recorded SHA-256 but is not a drop.
  case fileInvalid(path: String, reason: String)
  /// libcrypto failed to hash the file.
  case digestFailed(path: String)

  package var description: String {
    switch self {
    case .historyUnreadable(let reason):
      return "the inventory drop history could not be read from the state database: \(reason)"
    case .fileMissing(let path, let reason):
      return "the latest inventory drop \(path) could not be read (\(reason)); order lines are"
        + " not checked against another snapshot. The next inventory cycle writes a new drop."
    case .fileChanged(let path, let recorded, let found):
      return "the latest inventory drop \(path) was changed after it was written (SHA-256"
        + " \(found), recorded \(recorded)); order lines are not checked against it. The next"
        + " inventory cycle writes a new drop."
    case .fileInvalid(let path, let reason):
      return "the latest inventory drop \(path) is invalid: \(reason)"
    case .digestFailed(let path):
      return "libcrypto failed to compute the SHA-256 of \(path)"
    }
  }
}
