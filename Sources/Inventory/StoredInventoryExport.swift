import Foundation
import StateStore

/// The newest inventory export taken from the inbox, parsed.
package struct InventoryExportSnapshot: Sendable, Equatable {
  package var items: [InventoryItem]
  /// The export's name as it was dropped into the inbox.
  package var sourceFile: String
  /// The SHA-256 of the export's content, in lowercase hex.
  package var sha256: String
  /// When the intake took the export, which is the as-of time of a drop made from it.
  package var takenAt: Date

  package init(items: [InventoryItem], sourceFile: String, sha256: String, takenAt: Date) {
    self.items = items
    self.sourceFile = sourceFile
    self.sha256 = sha256
    self.takenAt = takenAt
  }
}

/// The parsed copy of the newest inventory export, in the `inventory_export_source` and
/// `inventory_export_lines` tables (schema version 4).
///
/// Only one export is kept: a newer one replaces the lines whole, so a drop never mixes two.
package struct StoredInventoryExport {
  package let database: Database

  /// Takes a database migrated to version 4 or later, such as one from `StateSchema.open`.
  package init(database: Database) {
    self.database = database
  }

  /// Replaces the stored copy with `snapshot`.
  ///
  /// Call it inside the transaction that records the export in `ProcessedExports`.
  package func replace(with snapshot: InventoryExportSnapshot) throws {
    try database.execute("DELETE FROM inventory_export_lines; DELETE FROM inventory_export_source")

    let source = try database.prepare(
      """
      INSERT INTO inventory_export_source (id, source_file, source_sha256, taken_at)
      VALUES (1, :file, :sha256, :time)
      """)
    defer { source.finalize() }
    try source.bind(snapshot.sourceFile, named: ":file")
    try source.bind(snapshot.sha256.lowercased(), named: ":sha256")
    try source.bind(Self.timeFormat.string(from: snapshot.takenAt), named: ":time")
    try source.step()

    let line = try database.prepare(
      """
      INSERT INTO inventory_export_lines (position, inventory_id, origin, product_code,
        product_description, grade, category, box_type, units_per_box, unit_type,
        boxes_available, unit_price, location_id, available_from, available_to)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
      """)
    defer { line.finalize() }
    for (position, item) in snapshot.items.enumerated() {
      try line.reset()
      let values: [SQLiteValue] = [
        .integer(Int64(position)), .text(item.inventoryId), .text(item.origin.rawValue),
        Self.text(item.productCode), Self.text(item.productDescription), Self.text(item.grade),
        Self.text(item.category), Self.text(item.boxType),
        item.unitsPerBox.map { .integer(Int64($0)) } ?? .null, Self.text(item.unitType),
        .integer(Int64(item.boxesAvailable)), .text("\(item.unitPrice)"),
        Self.text(item.locationId), Self.text(item.availableFrom), Self.text(item.availableTo),
      ]
      for (index, value) in values.enumerated() {
        try line.bind(value, at: Int32(index + 1))
      }
      try line.step()
    }
  }

  /// Returns the SHA-256 of the export the stored copy came from, or nil when there is none,
  /// without reading its lines.
  package func sourceSHA256() throws -> String? {
    let statement = try database.prepare(
      "SELECT source_sha256 FROM inventory_export_source WHERE id = 1")
    defer { statement.finalize() }
    guard try statement.step() else { return nil }
    return statement.string(at: 0)
  }

  /// Returns the stored copy, or nil when no inventory export was ever taken.
  ///
  /// - Throws: `StoredInventoryExportError.invalidPrice` for a price that is not decimal text,
  ///   which only a hand-edited database can hold, and `StateStoreError`.
  package func latest() throws -> InventoryExportSnapshot? {
    let source = try database.prepare(
      "SELECT source_file, source_sha256, taken_at FROM inventory_export_source WHERE id = 1")
    defer { source.finalize() }
    guard try source.step() else { return nil }
    let file = source.string(at: 0) ?? ""
    let sha256 = source.string(at: 1) ?? ""
    let takenAt = Self.timeFormat.date(from: source.string(at: 2) ?? "")
      ?? Date(timeIntervalSince1970: 0)

    let lines = try database.prepare(
      """
      SELECT inventory_id, origin, product_code, product_description, grade, category,
        box_type, units_per_box, unit_type, boxes_available, unit_price, location_id,
        available_from, available_to
      FROM inventory_export_lines ORDER BY position
      """)
    defer { lines.finalize() }
    var items: [InventoryItem] = []
    while try lines.step() {
      let priceText = lines.string(at: 10) ?? ""
      guard let price = Decimal(string: priceText, locale: Locale(identifier: "en_US_POSIX"))
      else {
        throw StoredInventoryExportError.invalidPrice(
          inventoryId: lines.string(at: 0) ?? "", value: priceText)
      }
      items.append(
        InventoryItem(
          inventoryId: lines.string(at: 0) ?? "",
          origin: InventoryOrigin(rawValue: lines.string(at: 1) ?? "") ?? .onHand,
          productCode: lines.string(at: 2), productDescription: lines.string(at: 3),
          grade: lines.string(at: 4), category: lines.string(at: 5), boxType: lines.string(at: 6),
          unitsPerBox: lines.int64(at: 7).map { Int($0) }, unitType: lines.string(at: 8),
          boxesAvailable: Int(lines.int64(at: 9) ?? 0), unitPrice: price,
          locationId: lines.string(at: 11), availableFrom: lines.string(at: 12),
          availableTo: lines.string(at: 13)))
    }
    return InventoryExportSnapshot(
      items: items, sourceFile: file, sha256: sha256, takenAt: takenAt)
  }

  private static func text(_ value: String?) -> SQLiteValue {
    value.map { .text($0) } ?? .null
  }

  /// UTC with milliseconds, as the other tables write times.
  private static var timeFormat: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}

/// The reasons the stored inventory export could not be read back.
package enum StoredInventoryExportError: Error, Equatable, CustomStringConvertible {
  case invalidPrice(inventoryId: String, value: String)

  package var description: String {
    switch self {
    case .invalidPrice(let id, let value):
      return "the stored inventory export has the price \"\(value)\" for inventory ID \(id),"
        + " which is not a decimal number; drop the inventory export into inbox/ again"
    }
  }
}
