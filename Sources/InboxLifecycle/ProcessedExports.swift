import Foundation
import StateStore

/// One grower export processed successfully, as `ProcessedExports` stores it.
package struct ProcessedExport: Equatable, Sendable {
  /// The SHA-256 of the file's content, 64 lowercase hex digits.
  package var sha256: String
  /// The file's name as it was dropped into the inbox.
  package var originalName: String
  /// The caller's name for what the file is, such as `customers` or `locations`.
  package var kind: String
  package var processedAt: Date
  /// Where the file went, usually its path under `inbox/processed/`.
  package var destination: String

  package init(
    sha256: String, originalName: String, kind: String, processedAt: Date, destination: String
  ) {
    self.sha256 = sha256
    self.originalName = originalName
    self.kind = kind
    self.processedAt = processedAt
    self.destination = destination
  }
}

/// The grower exports processed successfully, in the `processed_exports` table (schema
/// version 2), so that the same content dropped again is recognised and not processed twice.
///
/// Only successes are recorded: a failed file may be dropped again, fixed or not, and is read
/// again. DWF order files do not belong here, because each order goes through its own checks.
package struct ProcessedExports {
  package let database: Database

  /// Takes a database already migrated to version 2 or later, such as one from
  /// `StateSchema.open(path:busyTimeout:)`.
  package init(database: Database) {
    self.database = database
  }

  /// Returns whether content with this SHA-256 was processed successfully before.
  ///
  /// - Throws: `InboxLifecycleError.invalidSHA256` and `StateStoreError`.
  package func wasProcessed(sha256: String) throws -> Bool {
    try export(sha256: sha256) != nil
  }

  /// Returns the record for content with this SHA-256, or nil when there is none.
  package func export(sha256: String) throws -> ProcessedExport? {
    let key = try Self.normalized(sha256)
    let statement = try database.prepare(
      """
      SELECT original_name, kind, processed_at, destination FROM processed_exports
      WHERE sha256 = :sha256
      """)
    defer { statement.finalize() }
    try statement.bind(key, named: ":sha256")
    guard try statement.step() else { return nil }

    let time = statement.string(at: 2) ?? ""
    return ProcessedExport(
      sha256: key, originalName: statement.string(at: 0) ?? "", kind: statement.string(at: 1) ?? "",
      processedAt: Self.timeFormat.date(from: time) ?? Date(timeIntervalSince1970: 0),
      destination: statement.string(at: 3) ?? "")
  }

  /// Records a successfully processed export and returns `false` when its SHA-256 was recorded
  /// already, in which case the first record is kept.
  ///
  /// Call it in the transaction that commits the export's work, so a crash cannot leave the
  /// work without the record or the record without the work.
  @discardableResult
  package func record(_ export: ProcessedExport) throws -> Bool {
    let key = try Self.normalized(export.sha256)
    let statement = try database.prepare(
      """
      INSERT INTO processed_exports (sha256, original_name, kind, processed_at, destination)
      VALUES (:sha256, :name, :kind, :time, :destination)
      ON CONFLICT (sha256) DO NOTHING
      """)
    defer { statement.finalize() }
    try statement.bind(key, named: ":sha256")
    try statement.bind(export.originalName, named: ":name")
    try statement.bind(export.kind, named: ":kind")
    try statement.bind(Self.timeFormat.string(from: export.processedAt), named: ":time")
    try statement.bind(export.destination, named: ":destination")
    try statement.step()
    return try database.changes() == 1
  }

  private static func normalized(_ sha256: String) throws -> String {
    guard SHA256.isDigest(sha256) else { throw InboxLifecycleError.invalidSHA256(value: sha256) }
    return sha256.lowercased()
  }

  /// UTC with milliseconds, `2024-03-10T08:15:00.000Z`, as `schema_history` writes times.
  private static var timeFormat: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}
