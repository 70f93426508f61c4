import CSQLite3
import Foundation
import Testing

@testable import StateStore

/// Checks migrations from an empty file, reopening, future versions, failed migrations, and
/// files that are not state databases.
struct SchemaMigratorTests {
  let folder: TemporaryFolder
  let path: String

  /// Version 1 alone, so a test can add its own version 2 after it.
  static let firstMigration = Array(StateSchema.migrations.prefix(1))

  init() throws {
    folder = try TemporaryFolder()
    path = folder.file("state/komet-dwf.sqlite")
  }

  @Test func emptyFileMigratesToLatest() throws {
    let database = try StateSchema.open(path: path)

    #expect(try StateSchema.migrator.currentVersion(of: database) == StateSchema.migrator.latestVersion)
    #expect(try integer(of: "SELECT count(*) FROM schema_version", in: database) == 1)
    #expect(
      try integer(of: "SELECT max(version) FROM schema_history", in: database)
        == Int64(StateSchema.migrator.latestVersion))
    let appliedAt = try #require(
      try text(of: "SELECT applied_at FROM schema_history", in: database))
    #expect(appliedAt.hasSuffix("Z"))
    // Each later migration's own tests check its tables; these are the first ones.
    #expect(
      Set(try tables(in: database)).isSuperset(of: [
        "known_ids", "processed_exports", "quota_ledger", "schema_history", "schema_version",
      ]))
  }

  @Test func workspaceOpenUsesStateFolder() throws {
    let workspace = folder.file("workspace")

    let database = try StateSchema.open(workspace: workspace)

    #expect(database.path == workspace + "/state/komet-dwf.sqlite")
    #expect(FileManager.default.fileExists(atPath: database.path))
  }

  @Test func reopenAtCurrentVersionChangesNothing() throws {
    try StateSchema.open(path: path).close()

    let database = try StateSchema.open(path: path)

    #expect(try StateSchema.migrator.currentVersion(of: database) == StateSchema.migrator.latestVersion)
    #expect(
      try integer(of: "SELECT count(*) FROM schema_history", in: database)
        == Int64(StateSchema.migrator.latestVersion))
  }

  @Test func laterMigrationAppliesOnReopen() throws {
    try SchemaMigrator(migrations: Self.firstMigration).migrate(try Database(path: path))
    let next = Migration(version: 2, sql: "CREATE TABLE later (id INTEGER PRIMARY KEY)")
    let migrator = SchemaMigrator(migrations: Self.firstMigration + [next])

    let database = try Database(path: path)
    let version = try migrator.migrate(database)

    #expect(version == 2)
    #expect(try integer(of: "SELECT count(*) FROM schema_history", in: database) == 2)
    #expect(try tables(in: database).contains("later"))
  }

  @Test func futureDatabaseIsRejected() throws {
    let writer = try StateSchema.open(path: path)
    try writer.execute("UPDATE schema_version SET version = 99")
    writer.close()

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    #expect(
      error
        == .databaseTooNew(
          path: path, version: 99, latestKnown: StateSchema.migrator.latestVersion))
    #expect(
      error.description
        == "\(path): the database is at schema version 99, but this komet-dwf knows versions"
        + " up to \(StateSchema.migrator.latestVersion) only; a newer komet-dwf wrote it. Install that version (or a later one),"
        + " or restore the file from a backup.")
  }

  @Test func failedMigrationKeepsPreviousVersion() throws {
    try SchemaMigrator(migrations: Self.firstMigration).migrate(try Database(path: path))
    // The first statement succeeds and the second fails, so a partial change would show.
    let broken = Migration(
      version: 2,
      sql: "CREATE TABLE half_done (id INTEGER); INSERT INTO missing_table VALUES (1)")
    let migrator = SchemaMigrator(migrations: Self.firstMigration + [broken])
    let database = try Database(path: path)

    let error = try #require(throws: StateStoreError.self) { try migrator.migrate(database) }

    guard case .migrationFailed(_, let from, let to, let sql, let code, _, let message) = error
    else {
      Issue.record("expected migrationFailed, got \(error)")
      return
    }
    #expect(from == 1)
    #expect(to == 2)
    #expect(sql == broken.sql)
    #expect(code == SQLITE_ERROR)
    #expect(message == "no such table: missing_table")
    #expect(error.description.contains("The database stays at version 1."))
    #expect(try migrator.currentVersion(of: database) == 1)
    #expect(!(try tables(in: database).contains("half_done")))
    #expect(!database.isInTransaction)
  }

  @Test func failedFirstMigrationLeavesEmptyFile() throws {
    let broken = Migration(version: 1, sql: "CREATE TABLE t (id INTEGER); SELECT nonsense(")
    let database = try Database(path: path)

    #expect(throws: StateStoreError.self) {
      try SchemaMigrator(migrations: [broken]).migrate(database)
    }

    #expect(try tables(in: database) == [])
    #expect(try StateSchema.migrator.migrate(database) == StateSchema.migrator.latestVersion)
  }

  @Test func missingVersionRowIsInvalid() throws {
    let writer = try StateSchema.open(path: path)
    try writer.execute("DELETE FROM schema_version")
    writer.close()

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    #expect(
      error
        == .invalidSchemaVersion(
          path: path, detail: "expected one row with a version of 0 or more, found 0 rows"))
  }

  @Test func foreignDatabaseIsRejected() throws {
    let other = try Database(path: path)
    try other.execute("CREATE TABLE photos (id INTEGER); CREATE TABLE albums (id INTEGER)")
    other.close()

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    #expect(error == .unrecognizedDatabase(path: path, tables: ["albums", "photos"]))
    #expect(error.description.contains("komet-dwf did not write it"))
  }

  @Test func randomBytesAreNotADatabase() throws {
    try FileManager.default.createDirectory(
      atPath: folder.file("state"), withIntermediateDirectories: false)
    var generator = SplitMix64(seed: 20_240_501)
    let bytes = (0..<8192).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    try expectNotADatabase(error)
  }

  @Test func textFileIsNotADatabase() throws {
    try FileManager.default.createDirectory(
      atPath: folder.file("state"), withIntermediateDirectories: false)
    try Data("{\"komet\": {\"dryRun\": true}}\n".utf8).write(to: URL(fileURLWithPath: path))

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    try expectNotADatabase(error)
  }

  @Test func damagedPagesAreCorrupt() throws {
    let writer = try StateSchema.open(path: path)
    let statement = try writer.prepare("INSERT INTO quota_ledger VALUES (?, 'company', 1)")
    for day in 1...28 {
      try statement.reset()
      try statement.bind(String(format: "2024-02-%02d", day), at: 1)
      try statement.step()
    }
    statement.finalize()
    // Moves every page from the -wal file into the main file, so the damage below is seen.
    try writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer.close()

    // Keeps the 100-byte header and overwrites the rest of page 1, which contains the schema table.
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 100)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: 3_996))
    try handle.close()

    let error = try #require(throws: StateStoreError.self) {
      try StateSchema.open(path: path)
    }

    guard case .statementFailed(let errorPath, _, let code, _, _) = error else {
      Issue.record("expected statementFailed, got \(error)")
      return
    }
    #expect(errorPath == path)
    #expect(code == SQLITE_CORRUPT)
    #expect(error.description.contains("The database file is corrupt."))
  }

  private func expectNotADatabase(_ error: StateStoreError) throws {
    guard
      case .statementFailed(let errorPath, let sql, let code, let extendedCode, let message) = error
    else {
      Issue.record("expected statementFailed, got \(error)")
      return
    }
    #expect(errorPath == path)
    #expect(sql == "PRAGMA journal_mode = WAL")
    #expect(code == SQLITE_NOTADB)
    #expect(extendedCode == SQLITE_NOTADB)
    #expect(message == "file is not a database")
    #expect(error.description.contains("The file is not a SQLite database."))
  }

  private func tables(in database: Database) throws -> [String] {
    let statement = try database.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    defer { statement.finalize() }
    var names: [String] = []
    while try statement.step() {
      names.append(try #require(statement.string(at: 0)))
    }
    return names
  }
}

/// A seeded generator, so the "random" file is the same bytes on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
