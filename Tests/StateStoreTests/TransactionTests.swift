import CSQLite3
import Foundation
import Testing

@testable import StateStore

/// Checks `transaction(_:)`: commit, rollback on a thrown error, nesting and the busy timeout.
struct TransactionTests {
  struct BodyFailed: Error, Equatable {}

  let folder: TemporaryFolder
  let path: String

  init() throws {
    folder = try TemporaryFolder()
    path = folder.file("state/komet-dwf.sqlite")
    let database = try Database(path: path)
    try database.execute("CREATE TABLE item (value INTEGER NOT NULL)")
  }

  @Test func bodyReturnCommits() throws {
    let database = try Database(path: path)

    let result = try database.transaction {
      try database.execute("INSERT INTO item VALUES (1)")
      return "done"
    }

    #expect(result == "done")
    #expect(!database.isInTransaction)
    let other = try Database(path: path)
    #expect(try integer(of: "SELECT count(*) FROM item", in: other) == 1)
  }

  @Test func thrownErrorRollsBack() throws {
    let database = try Database(path: path)

    #expect(throws: BodyFailed()) {
      try database.transaction {
        try database.execute("INSERT INTO item VALUES (1)")
        throw BodyFailed()
      }
    }

    #expect(!database.isInTransaction)
    #expect(try integer(of: "SELECT count(*) FROM item", in: database) == 0)
  }

  @Test func failedStatementRollsBack() throws {
    let database = try Database(path: path)

    #expect(throws: StateStoreError.self) {
      try database.transaction {
        try database.execute("INSERT INTO item VALUES (1)")
        try database.execute("INSERT INTO item VALUES (NULL)")
      }
    }

    #expect(!database.isInTransaction)
    #expect(try integer(of: "SELECT count(*) FROM item", in: database) == 0)
  }

  @Test func nestedTransactionIsRejected() throws {
    let database = try Database(path: path)

    #expect(throws: StateStoreError.nestedTransaction(path: path)) {
      try database.transaction {
        try database.execute("INSERT INTO item VALUES (1)")
        try database.transaction {}
      }
    }

    // The outer transaction saw the error and rolled back too.
    #expect(try integer(of: "SELECT count(*) FROM item", in: database) == 0)
  }

  @Test func busyTimeoutBoundsWaitForWriteLock() throws {
    let holder = try Database(path: path)
    let waiter = try Database(path: path, busyTimeout: .milliseconds(300))
    try holder.execute("BEGIN IMMEDIATE")
    defer { try? holder.execute("ROLLBACK") }

    let start = ContinuousClock.now
    let error = try #require(throws: StateStoreError.self) {
      try waiter.transaction { try waiter.execute("INSERT INTO item VALUES (1)") }
    }
    let waited = ContinuousClock.now - start

    #expect(waited >= .milliseconds(250))
    #expect(waited < .seconds(2))
    guard case .statementFailed(_, let sql, let code, _, _) = error else {
      Issue.record("expected statementFailed, got \(error)")
      return
    }
    #expect(sql == "BEGIN IMMEDIATE")
    #expect(code == SQLITE_BUSY)
    #expect(error.description.contains("database is locked"))
    #expect(error.description.contains("held the database locked for longer than the busy"))
  }

  @Test func writerWaitsForLockRelease() throws {
    let holder = try Database(path: path)
    let waiterPath = path
    try holder.execute("BEGIN IMMEDIATE")

    let finished = DispatchSemaphore(value: 0)
    let outcome = OutcomeBox()
    Thread.detachNewThread {
      do {
        // The holder commits after 0.2 s. The long timeout only leaves room for a slow
        // fsync on a loaded machine, because the waiter returns as soon as the lock is free.
        let waiter = try Database(path: waiterPath, busyTimeout: .seconds(60))
        try waiter.transaction { try waiter.execute("INSERT INTO item VALUES (2)") }
        outcome.set("committed")
      } catch {
        outcome.set("\(error)")
      }
      finished.signal()
    }
    Thread.sleep(forTimeInterval: 0.2)
    try holder.execute("COMMIT")

    #expect(finished.wait(timeout: .now() + 90) == .success)
    #expect(outcome.value == "committed")
    #expect(try integer(of: "SELECT count(*) FROM item", in: holder) == 1)
  }
}

/// A string set on one thread and read on another.
final class OutcomeBox: @unchecked Sendable {
  // @unchecked: every access to `stored` happens with `lock` taken.
  private let lock = NSLock()
  private var stored: String?

  func set(_ text: String) {
    lock.withLock { stored = text }
  }

  var value: String? { lock.withLock { stored } }
}
