/// Everything that can go wrong while opening, migrating or using the state database.
///
/// Cases that come from SQLite carry its primary result code, its extended result code, its
/// message (`sqlite3_errmsg`) and the SQL that failed. The SQL is the statement text with its
/// `?` or `:name` parameters, never the bound values, which may be secrets. The `description`
/// states what is wrong and what to do next, so the text can go to a person as it is.
package enum StateStoreError: Error, Equatable, Sendable {
  /// The database's folder could not be created, and `errno` is the `mkdir` error.
  case folderCreateFailed(path: String, errno: Int32)
  /// The folder exists but this process may not create files in it.
  case folderNotWritable(path: String)
  /// The database file could not be created or given mode 0600; `errno` is the system error.
  case fileCreateFailed(path: String, errno: Int32)
  /// `sqlite3_open_v2` failed.
  case openFailed(path: String, code: Int32, extendedCode: Int32, message: String)
  /// A statement failed to prepare, bind or step.
  case statementFailed(
    path: String, sql: String, code: Int32, extendedCode: Int32, message: String)
  /// A pragma set while opening did not take effect, such as WAL on a file system without
  /// shared memory.
  case pragmaNotApplied(path: String, pragma: String, expected: String, actual: String)
  /// A `:name` parameter that the statement does not contain.
  case unknownParameter(path: String, sql: String, name: String)
  /// A use of the connection, or of one of its statements, after `close()`.
  case databaseClosed(path: String)
  /// A `transaction(_:)` called while a transaction is already open on the connection.
  case nestedTransaction(path: String)
  /// A schema version newer than the latest migration this build contains.
  case databaseTooNew(path: String, version: Int, latestKnown: Int)
  /// A `schema_version` table that does not hold exactly one row with a version of 0 or more.
  case invalidSchemaVersion(path: String, detail: String)
  /// A database with tables but no `schema_version` table, so not one this program wrote.
  case unrecognizedDatabase(path: String, tables: [String])
  /// A migration's SQL failed, so the database stays at `fromVersion`.
  case migrationFailed(
    path: String, fromVersion: Int, toVersion: Int, sql: String, code: Int32,
    extendedCode: Int32, message: String)
}
