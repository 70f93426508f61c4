import Foundation

/// The kind of Komet ID a `KnownID` is.
package enum KnownIDKind: String, Sendable, CaseIterable {
  /// The customer record that stands for DWF, from the customers export's Id column.
  case dwfCustomer
  /// One of the company's locations, from the locations export's last column.
  case location
}

/// One ID read from a grower's export, with the export it came from.
package struct KnownID: Equatable, Sendable {
  package var kind: KnownIDKind
  /// The ID as a string of digits, the way Komet's API takes it.
  package var id: String
  package var name: String?
  package var code: String?
  /// The export's name as it was dropped into the inbox.
  package var sourceFile: String
  /// The SHA-256 of the export's content, in lowercase hex.
  package var sourceSHA256: String
  package var recordedAt: Date

  package init(
    kind: KnownIDKind, id: String, name: String? = nil, code: String? = nil, sourceFile: String,
    sourceSHA256: String, recordedAt: Date
  ) {
    self.kind = kind
    self.id = id
    self.name = name
    self.code = code
    self.sourceFile = sourceFile
    self.sourceSHA256 = sourceSHA256
    self.recordedAt = recordedAt
  }
}

/// The IDs read from the grower's exports, in the `known_ids` table (schema version 3).
///
/// A newer export of a kind replaces every ID of that kind, because an export lists them all:
/// a location missing from the newest locations export is no longer one to use. The config
/// keys `komet.dwfCustomerId` and `komet.defaultLocationId` override what is stored here; that
/// choice is the caller's.
package struct KnownIDs {
  package let database: Database

  /// Takes a database migrated to version 3 or later, such as one from `StateSchema.open`.
  package init(database: Database) {
    self.database = database
  }

  /// Replaces the IDs of `kind` with `ids`, all of which must be of that kind.
  ///
  /// Call it inside the transaction that commits the export's work (see
  /// `ProcessedExports.record`), so the IDs and the record of the export change together.
  package func replace(_ kind: KnownIDKind, with ids: [KnownID]) throws {
    precondition(ids.allSatisfy { $0.kind == kind }, "every ID must be of kind \(kind)")

    let delete = try database.prepare("DELETE FROM known_ids WHERE kind = :kind")
    defer { delete.finalize() }
    try delete.bind(kind.rawValue, named: ":kind")
    try delete.step()

    let insert = try database.prepare(
      """
      INSERT INTO known_ids (kind, id, name, code, source_file, source_sha256, recorded_at)
      VALUES (:kind, :id, :name, :code, :file, :sha256, :time)
      ON CONFLICT (kind, id) DO NOTHING
      """)
    defer { insert.finalize() }
    for known in ids {
      try insert.reset()
      try insert.bind(kind.rawValue, named: ":kind")
      try insert.bind(known.id, named: ":id")
      try bind(known.name, named: ":name", in: insert)
      try bind(known.code, named: ":code", in: insert)
      try insert.bind(known.sourceFile, named: ":file")
      try insert.bind(known.sourceSHA256.lowercased(), named: ":sha256")
      try insert.bind(Self.timeFormat.string(from: known.recordedAt), named: ":time")
      try insert.step()
    }
  }

  /// Returns the stored IDs of `kind`, ordered by ID as a number.
  package func ids(_ kind: KnownIDKind) throws -> [KnownID] {
    let statement = try database.prepare(
      """
      SELECT id, name, code, source_file, source_sha256, recorded_at FROM known_ids
      WHERE kind = :kind ORDER BY length(id), id
      """)
    defer { statement.finalize() }
    try statement.bind(kind.rawValue, named: ":kind")

    var result: [KnownID] = []
    while try statement.step() {
      result.append(
        KnownID(
          kind: kind, id: statement.string(at: 0) ?? "", name: statement.string(at: 1),
          code: statement.string(at: 2), sourceFile: statement.string(at: 3) ?? "",
          sourceSHA256: statement.string(at: 4) ?? "",
          recordedAt: Self.timeFormat.date(from: statement.string(at: 5) ?? "")
            ?? Date(timeIntervalSince1970: 0)))
    }
    return result
  }

  private func bind(_ value: String?, named name: String, in statement: Statement) throws {
    if let value { try statement.bind(value, named: name) } else { try statement.bindNull(named: name) }
  }

  /// UTC with milliseconds, as the other tables write times.
  private static var timeFormat: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}
