extension Database {
  /// Runs `body` in a write transaction, committing when it returns and rolling back when it
  /// throws.
  ///
  /// The transaction starts with `BEGIN IMMEDIATE`, so it takes the write lock up front (waiting
  /// up to the busy timeout) instead of failing with `SQLITE_BUSY` halfway through. Nesting is
  /// rejected, not mapped to savepoints, so a rollback always undoes everything `body` wrote.
  ///
  /// - Throws: `StateStoreError.nestedTransaction` when a transaction is already open, any error
  ///   from `BEGIN` or `COMMIT`, and whatever `body` throws, after the rollback.
  package func transaction<Result>(_ body: () throws -> Result) throws -> Result {
    guard !isInTransaction else { throw StateStoreError.nestedTransaction(path: path) }

    try execute("BEGIN IMMEDIATE")
    let result: Result
    do {
      result = try body()
      try execute("COMMIT")
    } catch {
      rollBackIfOpen()
      throw error
    }
    return result
  }

  /// Rolls back the open transaction, if SQLite has not already done so after an error such
  /// as `SQLITE_FULL`. A failure here is dropped because the caller's error explains the cause.
  private func rollBackIfOpen() {
    guard isInTransaction else { return }
    try? execute("ROLLBACK")
  }
}
