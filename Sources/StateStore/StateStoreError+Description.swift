import CSQLite3
import Foundation

extension StateStoreError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .folderCreateFailed(let path, let errno):
      return "\(path): the state folder could not be created (\(systemMessage(errno)))."
        + " Check that its parent folder exists, is a folder and is writable."
    case .folderNotWritable(let path):
      return "\(path): the state folder is not writable, so SQLite cannot create the database"
        + " or its -wal and -shm files. Give the user that runs komet-dwf write permission"
        + " (chmod u+rwx), or configure another folder."
    case .fileCreateFailed(let path, let errno):
      return "\(path): the database file could not be created with mode 0600"
        + " (\(systemMessage(errno))). Check the folder's permissions and free space."
    case .openFailed(let path, let code, let extendedCode, let message):
      return "\(path): the state database could not be opened (\(message);"
        + " \(codeText(code, extendedCode))). \(advice(for: code))"
    case .statementFailed(let path, let sql, let code, let extendedCode, let message):
      return "\(path): \(message) (\(codeText(code, extendedCode)); SQL: \(sql))."
        + " \(advice(for: code))"
    case .pragmaNotApplied(let path, let pragma, let expected, let actual):
      return "\(path): PRAGMA \(pragma) is \(actual) after setting it to \(expected)."
        + " WAL mode needs a local file system with shared memory; move the state folder"
        + " off network or read-only storage."
    case .unknownParameter(let path, let sql, let name):
      return "\(path): the statement has no parameter named \(name) (SQL: \(sql))."
        + " This is a programming error in komet-dwf."
    case .databaseClosed(let path):
      return "\(path): the database connection is already closed."
        + " This is a programming error in komet-dwf."
    case .nestedTransaction(let path):
      return "\(path): a transaction was started inside another one on the same connection,"
        + " which is not supported. This is a programming error in komet-dwf."
    case .databaseTooNew(let path, let version, let latestKnown):
      return "\(path): the database is at schema version \(version), but this komet-dwf"
        + " knows versions up to \(latestKnown) only; a newer komet-dwf wrote it."
        + " Install that version (or a later one), or restore the file from a backup."
    case .invalidSchemaVersion(let path, let detail):
      return "\(path): the schema_version table is invalid (\(detail))."
        + " The file was edited by hand or damaged; restore it from a backup."
    case .unrecognizedDatabase(let path, let tables):
      return "\(path): this SQLite database has no schema_version table, so komet-dwf did not"
        + " write it (tables: \(tables.joined(separator: ", ")))."
        + " Configure another path, or move this file aside."
    case .migrationFailed(
      let path, let fromVersion, let toVersion, let sql, let code, let extendedCode,
      let message):
      return "\(path): migrating the schema from version \(fromVersion) to \(toVersion)"
        + " failed (\(message); \(codeText(code, extendedCode)); SQL: \(sql))."
        + " The database stays at version \(fromVersion). \(advice(for: code))"
    }
  }
}

private func codeText(_ code: Int32, _ extendedCode: Int32) -> String {
  "SQLite result code \(code), extended code \(extendedCode)"
}

private func systemMessage(_ errno: Int32) -> String {
  "errno \(errno): \(String(cString: strerror(errno)))"
}

/// Returns what a person can do about a failure with the primary result code `code`.
private func advice(for code: Int32) -> String {
  switch code {
  case SQLITE_BUSY, SQLITE_LOCKED:
    return "Another process (or connection) held the database locked for longer than the"
      + " busy timeout. Wait for the other komet-dwf process to finish, or stop it, and try"
      + " again."
  case SQLITE_FULL:
    return "The disk is full. Free space on the disk of the state folder and try"
      + " again."
  case SQLITE_NOTADB:
    return "The file is not a SQLite database. Check the configured path; if the file is"
      + " the state database, restore it from a backup, or move it aside to start empty."
  case SQLITE_CORRUPT:
    return "The database file is corrupt. Stop komet-dwf, move the file and its -wal and -shm"
      + " files aside, and restore them from a backup (the sqlite3 shell's .recover command"
      + " may save some rows)."
  case SQLITE_CANTOPEN:
    return "Check that the path names a file, not a folder, and that its folder exists and"
      + " is writable."
  case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH:
    return "Check that the user running komet-dwf may write the file, its -wal and -shm"
      + " files, and their folder."
  case SQLITE_IOERR:
    return "The disk or file system reported an I/O error. Check the disk and try again."
  case SQLITE_NOMEM:
    return "SQLite ran out of memory. Free memory and try again."
  case SQLITE_CONSTRAINT, SQLITE_RANGE, SQLITE_MISUSE, SQLITE_ERROR:
    return "This is a programming error in komet-dwf, or the database was edited by hand."
  default:
    return "See the SQLite result code list for this code."
  }
}
