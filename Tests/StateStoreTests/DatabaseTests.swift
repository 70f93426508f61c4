import CSQLite3
import Foundation
import Testing

@testable import StateStore

/// Checks opening a database file: folders, file modes, the pragmas in effect and closing.
struct DatabaseTests {
  @Test func openCreatesFolderAndFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("workspace/state/komet-dwf.sqlite")

    let database = try Database(path: path)

    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try TemporaryFolder.mode(of: folder.file("workspace/state")) == 0o700)
    #expect(try TemporaryFolder.mode(of: folder.file("workspace")) == 0o700)
    #expect(try TemporaryFolder.mode(of: path) == 0o600)
    database.close()
  }

  @Test func walFilesTakeDatabaseMode() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("state/komet-dwf.sqlite")
    let database = try Database(path: path)

    try database.execute("CREATE TABLE t (x INTEGER)")

    #expect(try TemporaryFolder.mode(of: path + "-wal") == 0o600)
    #expect(try TemporaryFolder.mode(of: path + "-shm") == 0o600)
  }

  @Test func openKeepsExistingFolderMode() throws {
    let folder = try TemporaryFolder()
    let state = folder.file("state")
    try FileManager.default.createDirectory(
      atPath: state, withIntermediateDirectories: false,
      attributes: [.posixPermissions: 0o750])

    _ = try Database(path: folder.file("state/komet-dwf.sqlite"))

    #expect(try TemporaryFolder.mode(of: state) == 0o750)
  }

  @Test func pragmasAreInEffect() throws {
    let folder = try TemporaryFolder()
    let database = try Database(
      path: folder.file("state/komet-dwf.sqlite"), busyTimeout: .milliseconds(1_234))

    #expect(try text(of: "PRAGMA journal_mode", in: database) == "wal")
    // synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    #expect(try integer(of: "PRAGMA synchronous", in: database) == 2)
    #expect(try integer(of: "PRAGMA foreign_keys", in: database) == 1)
    #expect(try integer(of: "PRAGMA busy_timeout", in: database) == 1_234)
  }

  @Test func foreignKeysAreEnforced() throws {
    let folder = try TemporaryFolder()
    let database = try Database(path: folder.file("state/komet-dwf.sqlite"))
    try database.execute(
      """
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id));
      """)

    #expect {
      try database.execute("INSERT INTO child (parent_id) VALUES (7)")
    } throws: { error in
      guard
        case .statementFailed(_, _, let code, let extendedCode, _)? =
          error as? StateStoreError
      else { return false }
      // Swift does not import SQLITE_CONSTRAINT_FOREIGNKEY, defined as SQLITE_CONSTRAINT | 3 << 8.
      return code == SQLITE_CONSTRAINT && extendedCode == SQLITE_CONSTRAINT | 3 << 8
    }
  }

  @Test func closeIsSafeToRepeat() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("state/komet-dwf.sqlite")
    let database = try Database(path: path)
    let statement = try database.prepare("SELECT 1")

    database.close()
    database.close()

    #expect(database.isClosed)
    #expect(throws: StateStoreError.databaseClosed(path: path)) {
      try database.execute("SELECT 1")
    }
    #expect(throws: StateStoreError.databaseClosed(path: path)) {
      try statement.step()
    }
    statement.finalize()
    statement.finalize()
  }

  @Test func reopenSeesCommittedRows() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("state/komet-dwf.sqlite")
    let first = try Database(path: path)
    try first.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)")
    first.close()

    let second = try Database(path: path)

    #expect(try integer(of: "SELECT x FROM t", in: second) == 42)
  }

  @Test func folderPathIsAFile() throws {
    let folder = try TemporaryFolder()
    let blocker = folder.file("state")
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
    let path = folder.file("state/komet-dwf.sqlite")

    let error = try #require(throws: StateStoreError.self) {
      try Database(path: path)
    }

    #expect(error == .folderCreateFailed(path: blocker, errno: ENOTDIR))
    #expect(error.description.contains("the state folder could not be created"))
  }

  @Test func missingParentIsAFile() throws {
    let folder = try TemporaryFolder()
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder.file("workspace")))
    let path = folder.file("workspace/state/komet-dwf.sqlite")

    let error = try #require(throws: StateStoreError.self) {
      try Database(path: path)
    }

    #expect(error == .folderCreateFailed(path: folder.file("workspace/state"), errno: ENOTDIR))
    #expect(error.description.contains("the state folder could not be created"))
  }

  @Test func folderAtDatabasePath() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("state/komet-dwf.sqlite")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)

    let error = try #require(throws: StateStoreError.self) {
      try Database(path: path)
    }

    guard case .openFailed(let errorPath, let code, _, _) = error else {
      Issue.record("expected openFailed, got \(error)")
      return
    }
    #expect(errorPath == path)
    #expect(code == SQLITE_CANTOPEN)
    #expect(error.description.contains("names a file, not a folder"))
  }
}

/// Returns the first column of the first row of `sql` as text.
func text(of sql: String, in database: Database) throws -> String? {
  let statement = try database.prepare(sql)
  defer { statement.finalize() }
  guard try statement.step() else { return nil }
  return statement.string(at: 0)
}

/// Returns the first column of the first row of `sql` as an integer.
func integer(of sql: String, in database: Database) throws -> Int64? {
  let statement = try database.prepare(sql)
  defer { statement.finalize() }
  guard try statement.step() else { return nil }
  return statement.int64(at: 0)
}
