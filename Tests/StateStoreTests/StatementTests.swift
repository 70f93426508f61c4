import CSQLite3
import Foundation
import Testing

@testable import StateStore

/// Checks binding and reading every value type through real prepared statements.
struct StatementTests {
  let folder: TemporaryFolder
  let database: Database

  init() throws {
    folder = try TemporaryFolder()
    database = try Database(path: folder.file("state/test.sqlite"))
    // No declared type, so each value keeps the storage class it was bound with.
    try database.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, value ANY) STRICT")
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var value: SQLiteValue
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(label: "integer", value: .integer(42)),
    Case(label: "negative integer", value: .integer(-7)),
    Case(label: "Int64.max", value: .integer(Int64.max)),
    Case(label: "Int64.min", value: .integer(Int64.min)),
    Case(label: "real", value: .real(3.25)),
    Case(label: "negative zero real", value: .real(-0.0)),
    Case(label: "ASCII text", value: .text("Rosa Freedom 50cm")),
    Case(label: "empty text", value: .text("")),
    Case(label: "Unicode text", value: .text("Señor Café, 花, Ωmega, 🌹🇪🇨, e\u{301}")),
    Case(label: "text with NUL", value: .text("before\u{0}after")),
    Case(label: "blob", value: .blob(Data([0, 1, 2, 0xFF, 0]))),
    Case(label: "empty blob", value: .blob(Data())),
    Case(label: "NULL", value: .null),
  ]

  @Test(arguments: cases)
  func valueRoundTripsByIndex(testCase: Case) throws {
    try insert(testCase.value) { statement in try statement.bind(testCase.value, at: 1) }

    #expect(try readBack() == testCase.value)
  }

  @Test(arguments: cases)
  func valueRoundTripsByName(testCase: Case) throws {
    let statement = try database.prepare("INSERT INTO item (value) VALUES (:value)")
    try statement.bind(testCase.value, named: ":value")
    try statement.step()
    statement.finalize()

    #expect(try readBack() == testCase.value)
  }

  @Test func typedOverloadsBindByIndex() throws {
    let statement = try database.prepare(
      "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, typeof(?7), typeof(?8)")
    defer { statement.finalize() }
    try statement.bind(Int64(9_007_199_254_740_993), at: 1)
    try statement.bind(0.1, at: 2)
    try statement.bind("Ecuador 🌹", at: 3)
    try statement.bind(Data([0xDE, 0xAD]), at: 4)
    try statement.bind(true, at: 5)
    try statement.bind(false, at: 6)
    try statement.bindNull(at: 7)
    try statement.bind(true, at: 8)

    #expect(try statement.step())
    #expect(statement.int64(at: 0) == 9_007_199_254_740_993)
    #expect(statement.double(at: 1) == 0.1)
    #expect(statement.string(at: 2) == "Ecuador 🌹")
    #expect(statement.data(at: 3) == Data([0xDE, 0xAD]))
    #expect(statement.bool(at: 4) == true)
    #expect(statement.bool(at: 5) == false)
    #expect(statement.isNull(at: 6))
    #expect(statement.int64(at: 6) == nil)
    #expect(statement.string(at: 6) == nil)
    #expect(statement.data(at: 6) == nil)
    #expect(statement.double(at: 6) == nil)
    #expect(statement.bool(at: 6) == nil)
    #expect(statement.string(at: 7) == "null")
    #expect(statement.string(at: 8) == "integer")
  }

  @Test func typedOverloadsBindByName() throws {
    let statement = try database.prepare(
      "SELECT :count, @price, $name, :bytes, :flag, typeof(:missing)")
    defer { statement.finalize() }
    try statement.bind(Int64(12), named: ":count")
    try statement.bind(1.5, named: "@price")
    try statement.bind("Freedom", named: "$name")
    try statement.bind(Data([1]), named: ":bytes")
    try statement.bind(true, named: ":flag")
    try statement.bindNull(named: ":missing")

    #expect(try statement.step())
    #expect(statement.int64(at: 0) == 12)
    #expect(statement.double(at: 1) == 1.5)
    #expect(statement.string(at: 2) == "Freedom")
    #expect(statement.data(at: 3) == Data([1]))
    #expect(statement.bool(at: 4) == true)
    #expect(statement.string(at: 5) == "null")
    #expect(statement.columnCount == 6)
    #expect(statement.columnName(at: 0) == ":count")
  }

  @Test func largeTextRoundTrips() throws {
    // 8 MiB of mixed one- to four-byte UTF-8 characters.
    let unit = "abc-ñ-花-🌹|"
    let text = String(repeating: unit, count: 8 * 1024 * 1024 / unit.utf8.count)

    try insert(.text(text)) { statement in try statement.bind(text, at: 1) }

    #expect(try readBack() == .text(text))
    #expect(
      try integer(of: "SELECT length(CAST(value AS BLOB)) FROM item", in: database)
        == Int64(text.utf8.count))
  }

  @Test func unknownParameterNameIsRejected() throws {
    let sql = "SELECT :day"
    let statement = try database.prepare(sql)
    defer { statement.finalize() }

    #expect(
      throws: StateStoreError.unknownParameter(path: database.path, sql: sql, name: ":dya")
    ) {
      try statement.bind("2024-05-01", named: ":dya")
    }
  }

  @Test func indexOutOfRangeIsRejected() throws {
    let statement = try database.prepare("SELECT ?")
    defer { statement.finalize() }

    let error = try #require(throws: StateStoreError.self) {
      try statement.bind(Int64(1), at: 2)
    }

    guard case .statementFailed(_, let sql, let code, _, _) = error else {
      Issue.record("expected statementFailed, got \(error)")
      return
    }
    #expect(sql == "SELECT ?")
    #expect(code == SQLITE_RANGE)
  }

  @Test func resetClearsBindingsForReuse() throws {
    let statement = try database.prepare("INSERT INTO item (value) VALUES (?)")
    defer { statement.finalize() }
    try statement.bind(Int64(1), at: 1)
    try statement.step()

    try statement.reset()
    try statement.step()

    #expect(try integer(of: "SELECT count(*) FROM item", in: database) == 2)
    #expect(try integer(of: "SELECT count(*) FROM item WHERE value IS NULL", in: database) == 1)
  }

  @Test func stepReturnsEachRowThenFalse() throws {
    try database.execute("INSERT INTO item (value) VALUES (10), (20), (30)")
    let statement = try database.prepare("SELECT value FROM item ORDER BY id")
    defer { statement.finalize() }

    var values: [Int64] = []
    while try statement.step() {
      values.append(try #require(statement.int64(at: 0)))
    }

    #expect(values == [10, 20, 30])
  }

  @Test func errorOmitsBoundValues() throws {
    try database.execute("CREATE TABLE secret (token TEXT NOT NULL UNIQUE)")
    let token = "tok_9f8e7d6c5b4a"
    let statement = try database.prepare("INSERT INTO secret (token) VALUES (?)")
    defer { statement.finalize() }
    try statement.bind(token, at: 1)
    try statement.step()
    try statement.reset()
    try statement.bind(token, at: 1)

    let error = try #require(throws: StateStoreError.self) { try statement.step() }

    #expect(error.description.contains("INSERT INTO secret (token) VALUES (?)"))
    #expect(error.description.contains("UNIQUE constraint failed"))
    #expect(!error.description.contains(token))
    #expect(!String(reflecting: error).contains(token))
  }

  @Test func prepareErrorCarriesSQLAndMessage() throws {
    let sql = "SELECT * FROM no_such_table"

    let error = try #require(throws: StateStoreError.self) { try database.prepare(sql) }

    #expect(
      error
        == .statementFailed(
          path: database.path, sql: sql, code: SQLITE_ERROR, extendedCode: SQLITE_ERROR,
          message: "no such table: no_such_table"))
  }

  private func insert(_ value: SQLiteValue, bind: (Statement) throws -> Void) throws {
    let statement = try database.prepare("INSERT INTO item (value) VALUES (?)")
    defer { statement.finalize() }
    try bind(statement)
    try statement.step()
  }

  private func readBack() throws -> SQLiteValue {
    let statement = try database.prepare("SELECT value FROM item")
    defer { statement.finalize() }
    #expect(try statement.step())
    return statement.value(at: 0)
  }
}
