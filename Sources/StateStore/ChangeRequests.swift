import CSQLite3
import Foundation

/// Where a change request stands.
package enum ChangeRequestState: String, Sendable, Equatable, CaseIterable {
  /// Waiting for the pipeline that holds the workspace lock.
  case queued
  /// Being carried out by the pipeline whose PID the row records.
  case claimed
  case succeeded
  case failed

  /// Whether the request has its outcome.
  package var isFinished: Bool { self == .succeeded || self == .failed }
}

/// A change that a command asked the pipeline to make, such as retrying an order.
package struct ChangeRequest: Sendable, Equatable {
  package var id: Int64
  /// The name of the change, such as `retry`, which picks the handler that carries it out.
  package var kind: String
  package var orderNumber: String?
  /// The 1-based order line the change is about, when it is about one.
  package var line: Int?
  /// Further arguments as a JSON document.
  package var arguments: String
  package var state: ChangeRequestState
  /// The number of times a pipeline claimed the request.
  package var attempts: Int
  package var requestedAt: Date
  /// The message of the handler that carried the request out, or why it could not.
  package var outcome: String?
  package var finishedAt: Date?
}

/// The outcome of waiting for a change request.
package enum ChangeRequestWait: Sendable, Equatable {
  /// The request succeeded or failed within the wait.
  case finished(ChangeRequest)
  /// The wait ended first, so the request is still queued or being carried out.
  case pending(ChangeRequest)
}

/// The queue of change requests in the state database.
///
/// Any process may enqueue a request and read its row. Only the pipeline that holds the
/// workspace lock claims requests, so no two pipelines carry out the same one. A claim that
/// the holder did not finish, because it was killed, is returned to the queue by
/// `requeueInterrupted` when the next holder starts.
package struct ChangeRequests {
  /// The claims a request gets before `requeueInterrupted` fails it instead.
  package static let maximumAttempts = 3

  package let database: Database

  /// Takes a database migrated to the version that created `change_requests`, such as one
  /// from `StateSchema.open`.
  package init(database: Database) {
    self.database = database
  }

  /// Queues a request and returns its row.
  ///
  /// - Throws: `StateStoreError.statementFailed` when `kind` is empty, `line` is below 1 or
  ///   `arguments` is not valid JSON, which the table's checks reject.
  package func enqueue(
    kind: String, orderNumber: String? = nil, line: Int? = nil, arguments: String = "{}",
    at date: Date = Date()
  ) throws -> ChangeRequest {
    let statement = try database.prepare(
      """
      INSERT INTO change_requests
        (kind, order_number, line, arguments, state, requested_at, requested_by_pid)
      VALUES (:kind, :order, :line, :arguments, 'queued', :time, :pid)
      RETURNING \(Self.columns)
      """)
    defer { statement.finalize() }
    try statement.bind(kind, named: ":kind")
    try bind(orderNumber, named: ":order", in: statement)
    if let line { try statement.bind(Int64(line), named: ":line") } else {
      try statement.bindNull(named: ":line")
    }
    try statement.bind(arguments, named: ":arguments")
    try statement.bind(Self.format(date), named: ":time")
    try statement.bind(Int64(getpid()), named: ":pid")
    return try singleRow(statement)
  }

  /// Marks the oldest queued request as claimed by this process and returns it, or returns
  /// nil when none is queued. Call it only while holding the workspace lock.
  package func claimNext(at date: Date = Date()) throws -> ChangeRequest? {
    let statement = try database.prepare(
      """
      UPDATE change_requests
      SET state = 'claimed', claimed_at = :time, claimed_by_pid = :pid, attempts = attempts + 1
      WHERE id = (SELECT id FROM change_requests WHERE state = 'queued' ORDER BY id LIMIT 1)
      RETURNING \(Self.columns)
      """)
    defer { statement.finalize() }
    try statement.bind(Self.format(date), named: ":time")
    try statement.bind(Int64(getpid()), named: ":pid")
    guard try statement.step() else { return nil }
    let request = read(statement)
    while try statement.step() {}
    return request
  }

  /// Records the outcome of the claimed request `id` and returns its row.
  ///
  /// - Throws: `ChangeRequestError.notClaimed` when `id` is missing or not claimed.
  package func finish(
    id: Int64, succeeded: Bool, outcome: String, at date: Date = Date()
  ) throws -> ChangeRequest {
    let statement = try database.prepare(
      """
      UPDATE change_requests
      SET state = :state, outcome = :outcome, finished_at = :time
      WHERE id = :id AND state = 'claimed'
      RETURNING \(Self.columns)
      """)
    defer { statement.finalize() }
    try statement.bind(succeeded ? "succeeded" : "failed", named: ":state")
    try statement.bind(outcome, named: ":outcome")
    try statement.bind(Self.format(date), named: ":time")
    try statement.bind(id, named: ":id")
    guard let request = try rows(statement).first else {
      throw ChangeRequestError.notClaimed(path: database.path, id: id)
    }
    return request
  }

  /// Returns the claimed request `id` to the queue without counting its claim, for a
  /// handler that could not reach Komet, and returns its row.
  ///
  /// - Throws: `ChangeRequestError.notClaimed` when `id` is missing or not claimed.
  package func handBack(id: Int64) throws -> ChangeRequest {
    let statement = try database.prepare(
      """
      UPDATE change_requests
      SET state = 'queued', claimed_at = NULL, claimed_by_pid = NULL,
        attempts = max(attempts - 1, 0)
      WHERE id = :id AND state = 'claimed'
      RETURNING \(Self.columns)
      """)
    defer { statement.finalize() }
    try statement.bind(id, named: ":id")
    guard let request = try rows(statement).first else {
      throw ChangeRequestError.notClaimed(path: database.path, id: id)
    }
    return request
  }

  /// Returns claimed requests to the queue, or fails those claimed `maximumAttempts` times,
  /// and returns the rows it changed. Call it once after taking the workspace lock, when no
  /// claim can still be running.
  @discardableResult
  package func requeueInterrupted(at date: Date = Date()) throws -> [ChangeRequest] {
    try database.transaction {
      let fail = try database.prepare(
        """
        UPDATE change_requests
        SET state = 'failed', finished_at = :time,
          outcome = 'the pipeline stopped while carrying it out ' || attempts || ' times, so'
            || ' it was given up. Check the order, then ask again'
        WHERE state = 'claimed' AND attempts >= :maximum
        RETURNING \(Self.columns)
        """)
      defer { fail.finalize() }
      try fail.bind(Self.format(date), named: ":time")
      try fail.bind(Int64(Self.maximumAttempts), named: ":maximum")
      var changed = try rows(fail)

      let requeue = try database.prepare(
        """
        UPDATE change_requests SET state = 'queued', claimed_at = NULL, claimed_by_pid = NULL
        WHERE state = 'claimed'
        RETURNING \(Self.columns)
        """)
      defer { requeue.finalize() }
      changed += try rows(requeue)
      return changed.sorted { $0.id < $1.id }
    }
  }

  /// Returns the request `id`, or nil when there is none.
  package func request(id: Int64) throws -> ChangeRequest? {
    let statement = try database.prepare(
      "SELECT \(Self.columns) FROM change_requests WHERE id = :id")
    defer { statement.finalize() }
    try statement.bind(id, named: ":id")
    return try rows(statement).first
  }

  /// Returns the requests that are queued or being carried out, oldest first.
  package func unfinished() throws -> [ChangeRequest] {
    let statement = try database.prepare(
      """
      SELECT \(Self.columns) FROM change_requests WHERE state IN ('queued', 'claimed')
      ORDER BY id
      """)
    defer { statement.finalize() }
    return try rows(statement)
  }

  /// Reads the row of `id` every `pollInterval` until it has an outcome or `timeout` has
  /// passed, blocking the calling thread.
  ///
  /// - Throws: `StateStoreError.statementFailed` from SQLite, or
  ///   `ChangeRequestError.notFound` when the row does not exist.
  package func waitForOutcome(
    id: Int64, timeout: Duration = .seconds(10), pollInterval: Duration = .milliseconds(100)
  ) throws -> ChangeRequestWait {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      guard let request = try request(id: id) else {
        throw ChangeRequestError.notFound(path: database.path, id: id)
      }
      if request.state.isFinished { return .finished(request) }
      guard clock.now < deadline else { return .pending(request) }
      let pause = min(pollInterval, clock.now.duration(to: deadline))
      Thread.sleep(forTimeInterval: Self.seconds(pause))
    }
  }

  private static let columns = """
    id, kind, order_number, line, arguments, state, attempts, requested_at, outcome, finished_at
    """

  private func read(_ statement: Statement) -> ChangeRequest {
    ChangeRequest(
      id: statement.int64(at: 0) ?? 0, kind: statement.string(at: 1) ?? "",
      orderNumber: statement.string(at: 2), line: statement.int64(at: 3).map { Int($0) },
      arguments: statement.string(at: 4) ?? "{}",
      state: ChangeRequestState(rawValue: statement.string(at: 5) ?? "") ?? .failed,
      attempts: Int(statement.int64(at: 6) ?? 0),
      requestedAt: Self.parse(statement.string(at: 7)) ?? Date(timeIntervalSince1970: 0),
      outcome: statement.string(at: 8), finishedAt: Self.parse(statement.string(at: 9)))
  }

  private func rows(_ statement: Statement) throws -> [ChangeRequest] {
    var result: [ChangeRequest] = []
    while try statement.step() {
      result.append(read(statement))
    }
    return result
  }

  private func singleRow(_ statement: Statement) throws -> ChangeRequest {
    guard let request = try rows(statement).first else {
      throw StateStoreError.statementFailed(
        path: database.path, sql: statement.sql, code: SQLITE_NOTFOUND,
        extendedCode: SQLITE_NOTFOUND, message: "no change request matched")
    }
    return request
  }

  private func bind(_ value: String?, named name: String, in statement: Statement) throws {
    if let value { try statement.bind(value, named: name) } else {
      try statement.bindNull(named: name)
    }
  }

  private static func seconds(_ duration: Duration) -> TimeInterval {
    let parts = duration.components
    return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
  }

  /// UTC with milliseconds, as the other tables write times.
  private static func format(_ date: Date) -> String {
    timeFormat.string(from: date)
  }

  private static func parse(_ text: String?) -> Date? {
    text.flatMap { timeFormat.date(from: $0) }
  }

  private static var timeFormat: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}

/// A change request that is not where the caller expected it.
package enum ChangeRequestError: Error, Equatable, Sendable, CustomStringConvertible {
  case notFound(path: String, id: Int64)
  /// `finish` was called for a request that is not claimed, such as one already finished.
  case notClaimed(path: String, id: Int64)

  package var description: String {
    switch self {
    case .notFound(let path, let id):
      return "change request \(id) was not found in \(path)."
    case .notClaimed(let path, let id):
      return "change request \(id) in \(path) is not being carried out, so it cannot be"
        + " finished. It is missing or already has its outcome."
    }
  }
}
