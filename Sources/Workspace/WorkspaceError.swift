import Foundation

/// A workspace folder or file that could not be created.
package enum WorkspaceError: Error, Equatable {
  /// Something other than a folder is where a folder belongs.
  case notAFolder(path: String)
  /// `mkdir` or `chmod` failed with `errno`.
  case folderNotCreated(path: String, errno: Int32)
  /// Creating or writing the file failed with `errno`.
  case fileNotWritten(path: String, errno: Int32)
}

extension WorkspaceError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .notAFolder(let path):
      return "\(path) is not a folder. Move it away and run 'komet-dwf init' again."
    case .folderNotCreated(let path, let code):
      return "cannot create the folder \(path): \(String(cString: strerror(code)))."
    case .fileNotWritten(let path, let code):
      return "cannot write \(path): \(String(cString: strerror(code)))."
    }
  }
}
