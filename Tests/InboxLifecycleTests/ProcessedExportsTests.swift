import CSQLite3
import Foundation
import StateStore
import Testing

@testable import InboxLifecycle

/// Checks the record of processed exports in a real SQLite file: lookups, reopening, the
/// first record kept, and the migration from version 1.
struct ProcessedExportsTests {
  let folder: LifecycleFolder
  let path: String
  static let digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
  static let export = ProcessedExport(
    sha256: digest, originalName: "customers.xlsx", kind: "customers",
    processedAt: Date(timeIntervalSince1970: 1_710_113_400),
    destination: "inbox/processed/2024-03-10/customers.xlsx")

  init() throws {
    folder = try LifecycleFolder()
    path = folder.file("state/komet-dwf.sqlite")
  }

  @Test func recordSurvivesReopening() throws {
    let writer = try StateSchema.open(path: path)
    #expect(try ProcessedExports(database: writer).record(Self.export))
    writer.close()

    let exports = ProcessedExports(database: try StateSchema.open(path: path))

    #expect(try exports.wasProcessed(sha256: Self.digest))
    #expect(try exports.wasProcessed(sha256: Self.digest.uppercased()))
    #expect(try exports.export(sha256: Self.digest) == Self.export)
    #expect(!(try exports.wasProcessed(sha256: String(repeating: "0", count: 64))))
  }

  @Test func secondRecordKeepsFirst() throws {
    let exports = ProcessedExports(database: try StateSchema.open(path: path))
    try exports.record(Self.export)
    var again = Self.export
    again.originalName = "customers (2).xlsx"

    #expect(!(try exports.record(again)))
    #expect(try exports.export(sha256: Self.digest)?.originalName == "customers.xlsx")
  }

  @Test func processedThenDroppedAgainIsRecognised() throws {
    let lifecycle = try LifecycleFolder()
    let mover = FileMover(inbox: lifecycle.inbox)
    let exports = ProcessedExports(database: try StateSchema.open(path: path))
    let first = try lifecycle.drop("customers.xlsx", text: "same content")
    let firstDigest = try SHA256.hex(ofFileAt: first)
    #expect(!(try exports.wasProcessed(sha256: firstDigest)))
    let destination = try mover.moveToProcessed(first)
    try exports.record(
      ProcessedExport(
        sha256: firstDigest, originalName: "customers.xlsx", kind: "customers",
        processedAt: Date(), destination: destination))

    let second = try lifecycle.drop("renamed.xlsx", text: "same content")

    #expect(try exports.wasProcessed(sha256: try SHA256.hex(ofFileAt: second)))
  }

  @Test func invalidDigestIsRejected() throws {
    let exports = ProcessedExports(database: try StateSchema.open(path: path))

    let error = try #require(throws: InboxLifecycleError.self) {
      try exports.wasProcessed(sha256: "abc")
    }

    #expect(error == .invalidSHA256(value: "abc"))
  }

  @Test func migrationFromVersionOneKeepsLedger() throws {
    let first = SchemaMigrator(migrations: Array(StateSchema.migrations.prefix(1)))
    let old = try Database(path: path)
    #expect(try first.migrate(old) == 1)
    let ledger = QuotaLedger(database: old, timeZone: TimeZone(identifier: "UTC")!)
    try ledger.recordRequest(role: .company, at: Self.export.processedAt)
    try ledger.recordRequest(role: .company, at: Self.export.processedAt)
    try ledger.recordRequest(role: .customer, at: Self.export.processedAt)
    old.close()

    let database = try StateSchema.open(path: path)

    #expect(try StateSchema.migrator.currentVersion(of: database) == StateSchema.migrator.latestVersion)
    let migrated = QuotaLedger(database: database, timeZone: TimeZone(identifier: "UTC")!)
    #expect(try migrated.count(role: .company, day: "2024-03-10") == 2)
    #expect(try migrated.count(role: .customer, day: "2024-03-10") == 1)
    #expect(try ProcessedExports(database: database).record(Self.export))
  }
}
