import CSQLite3
import Foundation

/// A value bound to a statement parameter or read from a result column.
package enum SQLiteValue: Equatable, Sendable {
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob(Data)
  case null
}

/// A prepared SQL statement on one `Database`, finalized in `deinit` or by `finalize()`.
///
/// Values reach SQLite only through the `bind` methods, never through the SQL text. Parameter
/// indexes start at 1 and column indexes at 0, as in SQLite's C interface. The statement keeps
/// its database object alive, and every call after the database's `close()` throws
/// `StateStoreError.databaseClosed`.
package final class Statement {
  /// The SQL as prepared, with its parameters but never their values.
  package let sql: String
  private let database: Database
  private var handle: OpaquePointer?

  init(database: Database, handle: OpaquePointer, sql: String) {
    self.database = database
    self.handle = handle
    self.sql = sql
  }

  deinit {
    finalize()
  }

  /// Frees the statement (`sqlite3_finalize`); calling it again does nothing.
  package func finalize() {
    guard let handle else { return }
    self.handle = nil
    sqlite3_finalize(handle)
  }

  // MARK: Binding

  /// Binds `value` to the parameter at `index`, counted from 1.
  package func bind(_ value: SQLiteValue, at index: Int32) throws {
    let statement = try openHandle()
    let code: Int32
    switch value {
    case .integer(let number):
      code = sqlite3_bind_int64(statement, index, number)
    case .real(let number):
      code = sqlite3_bind_double(statement, index, number)
    case .text(let text):
      code = Statement.bindText(text, to: statement, at: index)
    case .blob(let bytes):
      code = Statement.bindBlob(bytes, to: statement, at: index)
    case .null:
      code = sqlite3_bind_null(statement, index)
    }
    guard code == SQLITE_OK else { throw database.failure(sql: sql, code: code) }
  }

  /// Binds `value` to the parameter called `name`, written with its prefix (`:day`, `@day`,
  /// `$day`) as in the SQL (`sqlite3_bind_parameter_index`).
  ///
  /// - Throws: `StateStoreError.unknownParameter` when the SQL has no such parameter.
  package func bind(_ value: SQLiteValue, named name: String) throws {
    try bind(value, at: try parameterIndex(named: name))
  }

  package func bind(_ value: Int64, at index: Int32) throws { try bind(.integer(value), at: index) }
  package func bind(_ value: Double, at index: Int32) throws { try bind(.real(value), at: index) }
  package func bind(_ value: String, at index: Int32) throws { try bind(.text(value), at: index) }
  package func bind(_ value: Data, at index: Int32) throws { try bind(.blob(value), at: index) }
  /// Binds `true` as the integer 1 and `false` as 0.
  package func bind(_ value: Bool, at index: Int32) throws {
    try bind(.integer(value ? 1 : 0), at: index)
  }
  package func bindNull(at index: Int32) throws { try bind(.null, at: index) }

  package func bind(_ value: Int64, named name: String) throws {
    try bind(.integer(value), named: name)
  }
  package func bind(_ value: Double, named name: String) throws {
    try bind(.real(value), named: name)
  }
  package func bind(_ value: String, named name: String) throws {
    try bind(.text(value), named: name)
  }
  package func bind(_ value: Data, named name: String) throws {
    try bind(.blob(value), named: name)
  }
  package func bind(_ value: Bool, named name: String) throws {
    try bind(.integer(value ? 1 : 0), named: name)
  }
  package func bindNull(named name: String) throws { try bind(.null, named: name) }

  // MARK: Stepping

  /// Runs the statement to its next row (`sqlite3_step`).
  ///
  /// - Returns: `true` when a row is ready for the column reads, `false` when the statement
  ///   has finished. A call after `false` runs the statement again from the start, because
  ///   SQLite resets a finished statement by itself.
  /// - Throws: `StateStoreError.statementFailed` with SQLite's code, such as `SQLITE_BUSY`
  ///   after the busy timeout or `SQLITE_CONSTRAINT`.
  @discardableResult
  package func step() throws -> Bool {
    let statement = try openHandle()
    let code = sqlite3_step(statement)
    switch code {
    case SQLITE_ROW:
      return true
    case SQLITE_DONE:
      return false
    default:
      throw database.failure(sql: sql, code: code)
    }
  }

  /// Makes the statement ready to run again and clears its bindings to NULL
  /// (`sqlite3_reset`, `sqlite3_clear_bindings`).
  ///
  /// The error of a failed last step is reported by `step()`, so `sqlite3_reset`'s copy of it
  /// is not thrown again here.
  package func reset() throws {
    let statement = try openHandle()
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  // MARK: Columns

  /// The number of columns in each result row (`sqlite3_column_count`).
  package var columnCount: Int32 {
    handle.map { sqlite3_column_count($0) } ?? 0
  }

  /// Returns the name of the column at `index`, as SQLite gives it (`sqlite3_column_name`).
  package func columnName(at index: Int32) -> String? {
    guard let handle, let name = sqlite3_column_name(handle, index) else { return nil }
    return String(cString: name)
  }

  /// Returns whether the column at `index` of the current row is NULL.
  package func isNull(at index: Int32) -> Bool {
    guard let handle else { return true }
    return sqlite3_column_type(handle, index) == SQLITE_NULL
  }

  /// Returns the column at `index` of the current row with its storage class.
  package func value(at index: Int32) -> SQLiteValue {
    guard let handle else { return .null }
    switch sqlite3_column_type(handle, index) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, index))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, index))
    case SQLITE_TEXT:
      return .text(readText(handle, index))
    case SQLITE_BLOB:
      return .blob(readBlob(handle, index))
    default:
      return .null
    }
  }

  /// Returns the column as an integer (SQLite converts text and reals), or nil for NULL.
  package func int64(at index: Int32) -> Int64? {
    guard let handle, !isNull(at: index) else { return nil }
    return sqlite3_column_int64(handle, index)
  }

  /// Returns the column as a real (SQLite converts integers and text), or nil for NULL.
  package func double(at index: Int32) -> Double? {
    guard let handle, !isNull(at: index) else { return nil }
    return sqlite3_column_double(handle, index)
  }

  /// Returns the column as UTF-8 text (SQLite converts numbers), or nil for NULL.
  package func string(at index: Int32) -> String? {
    guard let handle, !isNull(at: index) else { return nil }
    return readText(handle, index)
  }

  /// Returns the column's bytes (text as its UTF-8 bytes), or nil for NULL.
  package func data(at index: Int32) -> Data? {
    guard let handle, !isNull(at: index) else { return nil }
    return readBlob(handle, index)
  }

  /// Returns the column as a Boolean, any integer other than 0 being `true`, or nil for NULL.
  package func bool(at index: Int32) -> Bool? {
    int64(at: index).map { $0 != 0 }
  }

  // MARK: Helpers

  private func openHandle() throws -> OpaquePointer {
    guard let handle, !database.isClosed else {
      throw StateStoreError.databaseClosed(path: database.path)
    }
    return handle
  }

  private func parameterIndex(named name: String) throws -> Int32 {
    let statement = try openHandle()
    let index = sqlite3_bind_parameter_index(statement, name)
    guard index > 0 else {
      throw StateStoreError.unknownParameter(path: database.path, sql: sql, name: name)
    }
    return index
  }

  private static func bindText(_ text: String, to statement: OpaquePointer, at index: Int32)
    -> Int32
  {
    // An empty array may have no address, and a NULL pointer would bind NULL.
    guard !text.isEmpty else {
      return "".withCString { komet_sqlite3_bind_text_copy(statement, index, $0, 0) }
    }

    // The byte count is passed, so text with NUL characters is stored whole.
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { characters in
        komet_sqlite3_bind_text_copy(
          statement, index, characters.baseAddress, UInt64(characters.count))
      }
    }
  }

  private static func bindBlob(_ bytes: Data, to statement: OpaquePointer, at index: Int32)
    -> Int32
  {
    // A NULL pointer would bind NULL, so an empty blob is bound as a zero-length blob.
    guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
    return bytes.withUnsafeBytes { buffer in
      komet_sqlite3_bind_blob_copy(statement, index, buffer.baseAddress, UInt64(buffer.count))
    }
  }

  private func readText(_ handle: OpaquePointer, _ index: Int32) -> String {
    // sqlite3_column_text must come before sqlite3_column_bytes, which then counts UTF-8.
    guard let text = sqlite3_column_text(handle, index) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, index))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  private func readBlob(_ handle: OpaquePointer, _ index: Int32) -> Data {
    guard let bytes = sqlite3_column_blob(handle, index) else { return Data() }
    let count = Int(sqlite3_column_bytes(handle, index))
    return Data(bytes: bytes, count: count)
  }
}
