import CSQLite3
import Foundation

/// One SQLite connection to a database file, set up for the state database.
///
/// Opening creates the parent folder with mode 0700 and the file with mode 0600 when they are
/// missing, then sets WAL journal mode, `synchronous = FULL`, `foreign_keys = ON` and the busy
/// timeout. SQLite creates the `-wal` and `-shm` files with the mode of the database file.
///
/// Threads: the type is not `Sendable`, so each thread or task opens its own `Database`, and
/// Swift 6 rejects sharing one. The connection is opened with `SQLITE_OPEN_FULLMUTEX` as well,
/// so a stray call from another thread is serialised by SQLite instead of corrupting memory.
/// Connections to the same file, in one process or several, are coordinated by SQLite's file
/// locks and the busy timeout.
package final class Database {
  /// The path as given to `init`, used in every error.
  package let path: String
  private var handle: OpaquePointer?

  /// Opens (and creates when missing) the database file at `path`.
  ///
  /// - Parameter busyTimeout: how long a statement waits for a lock that another connection
  ///   holds before it fails with `SQLITE_BUSY`; rounded down to milliseconds.
  /// - Throws: `StateStoreError.folderCreateFailed`, `.folderNotWritable`, `.fileCreateFailed`,
  ///   `.openFailed`, `.statementFailed` (for example `SQLITE_NOTADB` when the file contains
  ///   something else) and `.pragmaNotApplied`.
  package init(path: String, busyTimeout: Duration = .seconds(5)) throws {
    self.path = path
    try DatabaseFile.prepare(path: path)
    handle = try Database.openConnection(path: path)

    do {
      try configure(busyTimeout: busyTimeout)
    } catch {
      close()
      throw error
    }
  }

  deinit {
    close()
  }

  /// Whether `close()` has run.
  package var isClosed: Bool { handle == nil }

  /// Closes the connection. Calling it again does nothing.
  ///
  /// Statements still alive keep SQLite's connection object until they are finalized
  /// (`sqlite3_close_v2`), but every later use of them or of this object throws
  /// `StateStoreError.databaseClosed`.
  package func close() {
    guard let handle else { return }
    self.handle = nil
    sqlite3_close_v2(handle)
  }

  /// Runs SQL without parameters, which may hold several statements separated by semicolons
  /// (`sqlite3_exec`). Values never go into this text: bind them with `prepare(_:)`.
  package func execute(_ sql: String) throws {
    let connection = try openHandle()
    let code = sqlite3_exec(connection, sql, nil, nil, nil)
    guard code == SQLITE_OK else { throw failure(sql: sql, code: code) }
  }

  /// Compiles one SQL statement (`sqlite3_prepare_v3`).
  package func prepare(_ sql: String) throws -> Statement {
    let connection = try openHandle()
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(connection, sql, -1, 0, &statement, nil)
    guard code == SQLITE_OK, let statement else {
      sqlite3_finalize(statement)
      throw failure(sql: sql, code: code == SQLITE_OK ? SQLITE_MISUSE : code)
    }
    return Statement(database: self, handle: statement, sql: sql)
  }

  /// Returns the number of rows the last INSERT, UPDATE or DELETE changed
  /// (`sqlite3_changes64`).
  package func changes() throws -> Int64 {
    sqlite3_changes64(try openHandle())
  }

  /// Whether a transaction is open on this connection (`sqlite3_get_autocommit` is 0).
  package var isInTransaction: Bool {
    guard let handle else { return false }
    return sqlite3_get_autocommit(handle) == 0
  }

  // MARK: Internals shared with Statement

  /// Returns the SQLite handle, or throws when the connection is closed.
  func openHandle() throws -> OpaquePointer {
    guard let handle else { throw StateStoreError.databaseClosed(path: path) }
    return handle
  }

  /// Builds the error for a failed call from the connection's current error state.
  func failure(sql: String, code: Int32) -> StateStoreError {
    guard let handle else { return .databaseClosed(path: path) }
    let extendedCode = sqlite3_extended_errcode(handle)
    let message = String(cString: sqlite3_errmsg(handle))
    return .statementFailed(
      path: path, sql: sql, code: code & 0xFF, extendedCode: extendedCode, message: message)
  }

  // MARK: Opening

  private static func openConnection(path: String) throws -> OpaquePointer {
    var connection: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
    let code = sqlite3_open_v2(path, &connection, flags, nil)
    guard code == SQLITE_OK, let connection else {
      // sqlite3_open_v2 allocates a handle even on failure, and it carries the message.
      let message =
        connection.map { String(cString: sqlite3_errmsg($0)) }
        ?? String(cString: sqlite3_errstr(code))
      let extendedCode = connection.map { sqlite3_extended_errcode($0) } ?? code
      sqlite3_close_v2(connection)
      throw StateStoreError.openFailed(
        path: path, code: code & 0xFF, extendedCode: extendedCode, message: message)
    }
    sqlite3_extended_result_codes(connection, 1)
    return connection
  }

  private func configure(busyTimeout: Duration) throws {
    let connection = try openHandle()
    let milliseconds =
      busyTimeout.components.seconds * 1000
      + busyTimeout.components.attoseconds / 1_000_000_000_000_000
    let code = sqlite3_busy_timeout(connection, Int32(clamping: max(0, milliseconds)))
    guard code == SQLITE_OK else { throw failure(sql: "sqlite3_busy_timeout", code: code) }

    // The journal mode is read back because SQLite keeps the old mode, without an error,
    // where WAL is unavailable.
    let journalMode = try pragmaValue("PRAGMA journal_mode = WAL")
    guard journalMode?.lowercased() == "wal" else {
      throw StateStoreError.pragmaNotApplied(
        path: path, pragma: "journal_mode", expected: "wal", actual: journalMode ?? "NULL")
    }
    try execute("PRAGMA synchronous = FULL")
    try execute("PRAGMA foreign_keys = ON")
  }

  /// Runs a pragma and returns the text of its first column in its first row.
  private func pragmaValue(_ sql: String) throws -> String? {
    let statement = try prepare(sql)
    defer { statement.finalize() }
    guard try statement.step() else { return nil }
    return statement.string(at: 0)
  }
}
