import CSQLite3
import Foundation

/// Counts Komet requests per day and token role in the state database.
///
/// The ledger only counts: the daily limit, the warning threshold and whether tokens share one
/// allowance belong to the caller. Counts are rows in `quota_ledger`, so they survive closing
/// and reopening, and every connection to the file reads the same counts.
package struct QuotaLedger {
  package let database: Database
  /// The time zone whose midnight starts a new day.
  package let timeZone: TimeZone

  /// Takes a database already migrated to version 1 or later, such as one from
  /// `StateSchema.open(path:busyTimeout:)`.
  package init(database: Database, timeZone: TimeZone) {
    self.database = database
    self.timeZone = timeZone
  }

  /// Returns the day that `date` falls on in the ledger's time zone, as `yyyy-MM-dd`.
  package func day(of date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }

  /// Counts one request with `role` on the day of `date`, and returns that role's new count
  /// for the day.
  ///
  /// Call it before the request is sent, so a request that fails in transit still counts, as
  /// it may have reached Komet. The increment and the read are one SQL statement, so two
  /// connections that record at once get different counts.
  @discardableResult
  package func recordRequest(role: TokenRole, at date: Date = Date()) throws -> Int64 {
    let statement = try database.prepare(
      """
      INSERT INTO quota_ledger (day, token_role, request_count) VALUES (:day, :role, 1)
      ON CONFLICT (day, token_role) DO UPDATE SET request_count = request_count + 1
      RETURNING request_count
      """)
    defer { statement.finalize() }
    try statement.bind(day(of: date), named: ":day")
    try statement.bind(role.rawValue, named: ":role")

    guard try statement.step(), let count = statement.int64(at: 0) else {
      throw StateStoreError.statementFailed(
        path: database.path, sql: statement.sql, code: SQLITE_INTERNAL,
        extendedCode: SQLITE_INTERNAL,
        message: "the upsert returned no count")
    }
    // The statement's autocommit transaction ends when the statement runs to completion.
    while try statement.step() {}
    return count
  }

  /// Returns the number of requests counted for `role` on the day of `date`.
  package func count(role: TokenRole, at date: Date = Date()) throws -> Int64 {
    try count(role: role, day: day(of: date))
  }

  /// Returns the number of requests counted for `role` on `day` (`yyyy-MM-dd`).
  package func count(role: TokenRole, day: String) throws -> Int64 {
    let statement = try database.prepare(
      "SELECT request_count FROM quota_ledger WHERE day = :day AND token_role = :role")
    defer { statement.finalize() }
    try statement.bind(day, named: ":day")
    try statement.bind(role.rawValue, named: ":role")
    guard try statement.step() else { return 0 }
    return statement.int64(at: 0) ?? 0
  }

  /// Returns the number of requests counted for all roles together on the day of `date`.
  package func totalCount(at date: Date = Date()) throws -> Int64 {
    let statement = try database.prepare(
      "SELECT coalesce(sum(request_count), 0) FROM quota_ledger WHERE day = :day")
    defer { statement.finalize() }
    try statement.bind(day(of: date), named: ":day")
    guard try statement.step() else { return 0 }
    return statement.int64(at: 0) ?? 0
  }
}
