import Foundation
import Testing

@testable import StateStore

/// Checks the quota ledger: counts per role and day, time zones, reopening and concurrency.
struct QuotaLedgerTests {
  static let utc = TimeZone(identifier: "UTC")!

  let folder: TemporaryFolder
  let path: String

  init() throws {
    folder = try TemporaryFolder()
    path = folder.file("state/komet-dwf.sqlite")
  }

  /// 2024-03-10 23:30 UTC, which is already 2024-03-11 east of about UTC+0:30.
  static let lateEvening = Date(timeIntervalSince1970: 1_710_113_400)

  @Test func recordReturnsNewCount() throws {
    let ledger = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)

    let counts = try (1...3).map { _ in
      try ledger.recordRequest(role: .company, at: Self.lateEvening)
    }

    #expect(counts == [1, 2, 3])
    #expect(try ledger.count(role: .company, at: Self.lateEvening) == 3)
  }

  @Test func rolesAreCountedSeparately() throws {
    let ledger = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)

    try ledger.recordRequest(role: .company, at: Self.lateEvening)
    try ledger.recordRequest(role: .company, at: Self.lateEvening)
    try ledger.recordRequest(role: .customer, at: Self.lateEvening)

    #expect(try ledger.count(role: .company, at: Self.lateEvening) == 2)
    #expect(try ledger.count(role: .customer, at: Self.lateEvening) == 1)
    #expect(try ledger.count(role: .user, at: Self.lateEvening) == 0)
    #expect(try ledger.totalCount(at: Self.lateEvening) == 3)
  }

  @Test func newDayStartsAtZero() throws {
    let ledger = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)
    let nextDay = Self.lateEvening.addingTimeInterval(3_600)

    try ledger.recordRequest(role: .user, at: Self.lateEvening)
    let countNextDay = try ledger.recordRequest(role: .user, at: nextDay)

    #expect(countNextDay == 1)
    #expect(try ledger.count(role: .user, day: "2024-03-10") == 1)
    #expect(try ledger.count(role: .user, day: "2024-03-11") == 1)
  }

  @Test(arguments: [
    ("UTC", "2024-03-10"),
    ("Pacific/Auckland", "2024-03-11"),
    ("Europe/Amsterdam", "2024-03-11"),
    ("America/Bogota", "2024-03-10"),
    ("America/Los_Angeles", "2024-03-10"),
  ])
  func dayFollowsTimeZone(identifier: String, expected: String) throws {
    let zone = try #require(TimeZone(identifier: identifier))
    let ledger = QuotaLedger(database: try StateSchema.open(path: path), timeZone: zone)

    try ledger.recordRequest(role: .company, at: Self.lateEvening)

    #expect(ledger.day(of: Self.lateEvening) == expected)
    #expect(try ledger.count(role: .company, day: expected) == 1)
  }

  @Test func ledgerStoresRoleNotToken() throws {
    let database = try StateSchema.open(path: path)
    let ledger = QuotaLedger(database: database, timeZone: Self.utc)

    try ledger.recordRequest(role: .customer, at: Self.lateEvening)

    #expect(try text(of: "SELECT token_role FROM quota_ledger", in: database) == "customer")
    #expect(try text(of: "SELECT day FROM quota_ledger", in: database) == "2024-03-10")
  }

  @Test func countsSurviveReopen() throws {
    let first = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)
    try first.recordRequest(role: .company, at: Self.lateEvening)
    try first.recordRequest(role: .company, at: Self.lateEvening)
    first.database.close()

    let second = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)

    #expect(try second.count(role: .company, at: Self.lateEvening) == 2)
    #expect(try second.recordRequest(role: .company, at: Self.lateEvening) == 3)
  }

  @Test func twoConnectionsShareCounts() throws {
    let first = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)
    let second = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)

    let counts = [
      try first.recordRequest(role: .company, at: Self.lateEvening),
      try second.recordRequest(role: .company, at: Self.lateEvening),
      try first.recordRequest(role: .company, at: Self.lateEvening),
      try second.recordRequest(role: .company, at: Self.lateEvening),
    ]

    #expect(counts == [1, 2, 3, 4])
    #expect(try first.count(role: .company, at: Self.lateEvening) == 4)
  }

  @Test func concurrentThreadsGetDistinctCounts() throws {
    try StateSchema.open(path: path).close()
    let threadCount = 4
    let recordsPerThread = 50
    let collected = CountCollector()
    let databasePath = path
    let date = Self.lateEvening

    DispatchQueue.concurrentPerform(iterations: threadCount) { _ in
      do {
        // Each thread opens its own connection, as `Database` requires.
        let database = try StateSchema.open(path: databasePath, busyTimeout: .seconds(5))
        let ledger = QuotaLedger(database: database, timeZone: Self.utc)
        for _ in 0..<recordsPerThread {
          collected.append(try ledger.recordRequest(role: .customer, at: date))
        }
      } catch {
        collected.fail("\(error)")
      }
    }

    let total = Int64(threadCount * recordsPerThread)
    #expect(collected.failures == [])
    #expect(collected.counts.sorted() == Array(1...total))
    let ledger = QuotaLedger(database: try StateSchema.open(path: path), timeZone: Self.utc)
    #expect(try ledger.count(role: .customer, at: date) == total)
  }
}

/// Counts and failure messages gathered from several threads.
final class CountCollector: @unchecked Sendable {
  // @unchecked: every access to the two arrays happens with `lock` taken.
  private let lock = NSLock()
  private var storedCounts: [Int64] = []
  private var storedFailures: [String] = []

  func append(_ count: Int64) { lock.withLock { storedCounts.append(count) } }
  func fail(_ message: String) { lock.withLock { storedFailures.append(message) } }

  var counts: [Int64] { lock.withLock { storedCounts } }
  var failures: [String] { lock.withLock { storedFailures } }
}
