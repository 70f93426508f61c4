import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Prepares the folders that onboarding writes into.
enum OutputFolder {
  /// Creates `folder` with `mode` when it is missing, its missing parents with 0755, and
  /// checks that an existing one is a real folder, not a symbolic link.
  ///
  /// With `enforcesMode`, an existing folder of another mode is set to `mode`, so a folder
  /// meant for the grower alone never stays readable by others.
  static func prepare(_ folder: URL, mode: mode_t, enforcesMode: Bool) throws(OnboardingError) {
    let path = folder.path
    let parent = folder.deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: parent) {
      do {
        try FileManager.default.createDirectory(
          atPath: parent, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o755])
      } catch {
        throw .cannotPrepareFolder(path: parent, reason: error.localizedDescription)
      }
    }

    var status = stat()
    if lstat(path, &status) != 0 {
      guard errno == ENOENT else { throw .cannotPrepareFolder(path: path, reason: reason()) }
      guard mkdir(path, mode) == 0 else {
        throw .cannotPrepareFolder(path: path, reason: reason())
      }
      // The umask may have narrowed the mode given to mkdir.
      try setMode(mode, of: path)
      return
    }

    guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path: path) }
    if enforcesMode, status.st_mode & 0o7777 != mode {
      try setMode(mode, of: path)
    }
  }

  private static func setMode(_ mode: mode_t, of path: String) throws(OnboardingError) {
    guard chmod(path, mode) == 0 else { throw .cannotPrepareFolder(path: path, reason: reason()) }
  }

  private static func reason() -> String {
    String(cString: strerror(errno))
  }
}
