/// One step of the schema: the version it produces and the SQL that gets there from the
/// version before it.
package struct Migration: Sendable {
  package var version: Int
  /// SQL without parameters, which may hold several statements.
  package var sql: String

  package init(version: Int, sql: String) {
    self.version = version
    self.sql = sql
  }
}

/// Brings a database to the latest of an ordered list of migrations.
///
/// The current version is the single row of `schema_version` (0 when the table is missing),
/// and `schema_history` records when each version was applied, in UTC. Each migration runs in
/// its own `BEGIN IMMEDIATE` transaction that also reads the version and writes the new one.
/// So a failed migration leaves the previous version intact, and two processes that open a new
/// database at once apply each migration once.
package struct SchemaMigrator {
  package let migrations: [Migration]

  /// The version of the last migration, or 0 for an empty list.
  package var latestVersion: Int { migrations.last?.version ?? 0 }

  /// Takes migrations numbered 1, 2, 3 and so on, in that order.
  package init(migrations: [Migration]) {
    for (position, migration) in migrations.enumerated() {
      precondition(
        migration.version == position + 1,
        "migration \(position) has version \(migration.version), expected \(position + 1)")
    }
    self.migrations = migrations
  }

  /// Applies every migration newer than the database's version and returns the version after.
  ///
  /// - Throws: `StateStoreError.databaseTooNew` when the database is newer than the last
  ///   migration, `.unrecognizedDatabase` when it contains tables but no `schema_version`,
  ///   `.invalidSchemaVersion`, and `.migrationFailed` with the version kept.
  @discardableResult
  package func migrate(_ database: Database) throws -> Int {
    let startVersion = try currentVersion(of: database)
    try checkKnown(startVersion, database: database)

    for migration in migrations where migration.version > startVersion {
      try database.transaction {
        // Another process may have applied it since the version was read.
        let version = try currentVersion(of: database)
        try checkKnown(version, database: database)
        guard version < migration.version else { return }
        try apply(migration, from: version, to: database)
      }
    }
    return try currentVersion(of: database)
  }

  /// Reads the schema version: 0 for a new, empty database.
  package func currentVersion(of database: Database) throws -> Int {
    let tables = try tableNames(in: database)
    guard tables.contains("schema_version") else {
      guard tables.isEmpty else {
        throw StateStoreError.unrecognizedDatabase(path: database.path, tables: tables)
      }
      return 0
    }

    let statement = try database.prepare("SELECT version FROM schema_version")
    defer { statement.finalize() }
    var versions: [Int64?] = []
    while try statement.step() {
      versions.append(statement.int64(at: 0))
    }
    guard versions.count == 1, let version = versions[0], version >= 0 else {
      throw StateStoreError.invalidSchemaVersion(
        path: database.path,
        detail: "expected one row with a version of 0 or more, found \(versions.count) rows")
    }
    return Int(version)
  }

  private func checkKnown(_ version: Int, database: Database) throws {
    guard version <= latestVersion else {
      throw StateStoreError.databaseTooNew(
        path: database.path, version: version, latestKnown: latestVersion)
    }
  }

  private func tableNames(in database: Database) throws -> [String] {
    let statement = try database.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        + " ORDER BY name")
    defer { statement.finalize() }
    var names: [String] = []
    while try statement.step() {
      if let name = statement.string(at: 0) { names.append(name) }
    }
    return names
  }

  /// Runs one migration inside the caller's transaction and records its version.
  private func apply(_ migration: Migration, from version: Int, to database: Database) throws {
    var sql = migration.sql
    do {
      if version == 0 {
        sql = SchemaMigrator.versionTablesSQL
        try database.execute(sql)
      }
      sql = migration.sql
      try database.execute(sql)
      sql = "UPDATE schema_version SET version = ?"
      try run(sql, version: migration.version, in: database)
      sql =
        "INSERT INTO schema_history (version, applied_at)"
        + " VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
      try run(sql, version: migration.version, in: database)
    } catch StateStoreError.statementFailed(_, _, let code, let extendedCode, let message) {
      throw StateStoreError.migrationFailed(
        path: database.path, fromVersion: version, toVersion: migration.version, sql: sql,
        code: code, extendedCode: extendedCode, message: message)
    }
  }

  private func run(_ sql: String, version: Int, in database: Database) throws {
    let statement = try database.prepare(sql)
    defer { statement.finalize() }
    try statement.bind(Int64(version), at: 1)
    try statement.step()
  }

  /// Creates the version tables, with the version at 0 until the first migration's update.
  private static let versionTablesSQL = """
    CREATE TABLE schema_version (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL CHECK (version >= 0)
    );
    INSERT INTO schema_version (id, version) VALUES (1, 0);
    CREATE TABLE schema_history (
      version INTEGER PRIMARY KEY,
      applied_at TEXT NOT NULL
    );
    """
}
