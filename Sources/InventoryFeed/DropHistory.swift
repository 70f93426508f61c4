import Foundation
import StateStore

/// The `inventory_drops` table: one row per drop written, newest sequence last.
struct DropHistory {
  let database: Database

  /// Returns the drop with the highest sequence number, or nil when none was written.
  func latest() throws -> DropRecord? {
    let statement = try database.prepare(
      """
      SELECT sequence, stamp, source, as_of, confirmed_as_of, written_at, item_count,
        csv_sha256, csv_bytes, json_sha256, json_bytes, stale
      FROM inventory_drops ORDER BY sequence DESC LIMIT 1
      """)
    defer { statement.finalize() }
    guard try statement.step() else { return nil }

    let stamp = statement.string(at: 1) ?? ""
    let sourceText = statement.string(at: 2) ?? ""
    guard let source = InventoryFeedSettings.Source(rawValue: sourceText),
      let asOf = DropFiles.parseTime(statement.string(at: 3) ?? ""),
      let confirmedAsOf = DropFiles.parseTime(statement.string(at: 4) ?? ""),
      let writtenAt = DropFiles.parseTime(statement.string(at: 5) ?? "")
    else {
      throw InventoryFeedError.stateFailed(
        reason: "the inventory_drops row for stamp \(stamp) has an unknown source or time")
    }
    return DropRecord(
      sequence: Int(statement.int64(at: 0) ?? 0), stamp: stamp, source: source, asOf: asOf,
      confirmedAsOf: confirmedAsOf, writtenAt: writtenAt,
      itemCount: Int(statement.int64(at: 6) ?? 0),
      csv: FileDigest(
        name: DropFiles.csvName(stamp), sha256: statement.string(at: 7) ?? "",
        bytes: Int(statement.int64(at: 8) ?? 0)),
      json: FileDigest(
        name: DropFiles.jsonName(stamp), sha256: statement.string(at: 9) ?? "",
        bytes: Int(statement.int64(at: 10) ?? 0)),
      stale: statement.int64(at: 11) == 1)
  }

  /// Inserts `record`, or replaces the row of the same sequence number.
  func save(_ record: DropRecord) throws {
    let statement = try database.prepare(
      """
      INSERT OR REPLACE INTO inventory_drops (sequence, stamp, source, as_of, confirmed_as_of,
        written_at, item_count, csv_sha256, csv_bytes, json_sha256, json_bytes, stale)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
      """)
    defer { statement.finalize() }
    let values: [SQLiteValue] = [
      .integer(Int64(record.sequence)), .text(record.stamp), .text(record.source.rawValue),
      .text(DropFiles.databaseTime(record.asOf)),
      .text(DropFiles.databaseTime(record.confirmedAsOf)),
      .text(DropFiles.databaseTime(record.writtenAt)), .integer(Int64(record.itemCount)),
      .text(record.csv.sha256), .integer(Int64(record.csv.bytes)), .text(record.json.sha256),
      .integer(Int64(record.json.bytes)), .integer(record.stale ? 1 : 0),
    ]
    for (index, value) in values.enumerated() {
      try statement.bind(value, at: Int32(index + 1))
    }
    _ = try statement.step()
  }

  /// Deletes every row but the newest `keep`.
  func prune(keep: Int) throws {
    let statement = try database.prepare(
      """
      DELETE FROM inventory_drops WHERE sequence NOT IN
        (SELECT sequence FROM inventory_drops ORDER BY sequence DESC LIMIT ?1)
      """)
    defer { statement.finalize() }
    try statement.bind(Int64(max(1, keep)), at: 1)
    _ = try statement.step()
  }
}
