import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Creates the database's folder (mode 0700) and file (mode 0600) before SQLite opens it.
///
/// SQLite would create a missing file with mode 0644 less the umask, and the state contains
/// business data, so the file is created here first. An existing folder or file keeps the mode
/// it has, because a person may have chosen it.
enum DatabaseFile {
  static let folderMode: mode_t = 0o700
  static let fileMode: mode_t = 0o600

  /// Creates what is missing of the folder and the file at `path`.
  ///
  /// - Throws: `StateStoreError.folderCreateFailed`, `.folderNotWritable` and
  ///   `.fileCreateFailed`.
  static func prepare(path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try createFolder(folder)
      // access(2) checks the real user, which is the user running komet-dwf.
      guard access(folder, W_OK | X_OK) == 0 else {
        throw StateStoreError.folderNotWritable(path: folder)
      }
    }
    try createFile(path)
  }

  /// Creates `folder` and any missing parents, each with mode 0700.
  private static func createFolder(_ folder: String) throws {
    var status = stat()
    if stat(folder, &status) == 0 {
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw StateStoreError.folderCreateFailed(path: folder, errno: ENOTDIR)
      }
      return
    }

    let parent = (folder as NSString).deletingLastPathComponent
    if !parent.isEmpty, parent != folder, stat(parent, &status) != 0 {
      try createFolder(parent)
    }
    guard mkdir(folder, folderMode) == 0 || errno == EEXIST else {
      throw StateStoreError.folderCreateFailed(path: folder, errno: errno)
    }
    // mkdir(2) applies the umask, so the mode is set again.
    guard chmod(folder, folderMode) == 0 else {
      throw StateStoreError.folderCreateFailed(path: folder, errno: errno)
    }
  }

  /// Creates an empty file with mode 0600 unless something exists at `path` already.
  private static func createFile(_ path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
    guard descriptor >= 0 else {
      // An existing file, or a folder in its place, is left for SQLite to open or reject.
      if errno == EEXIST { return }
      throw StateStoreError.fileCreateFailed(path: path, errno: errno)
    }
    defer { _ = Glibc.close(descriptor) }

    guard fchmod(descriptor, fileMode) == 0 else {
      throw StateStoreError.fileCreateFailed(path: path, errno: errno)
    }
  }
}
