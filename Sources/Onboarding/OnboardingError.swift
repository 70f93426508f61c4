import Workspace

/// The errors that stop an onboarding run.
package enum OnboardingError: Error, Equatable, CustomStringConvertible {
  /// A stored ID in `known_ids` is not 1 to 20 digits.
  case invalidStoredID(kind: String, value: String, file: String)
  /// An output folder exists but is a symbolic link or not a folder.
  case notAFolder(path: String)
  /// An output folder could not be created or its mode could not be set.
  case cannotPrepareFolder(path: String, reason: String)
  /// An output file could not be written.
  case writeFailed(AtomicFileError)

  package var description: String {
    switch self {
    case .invalidStoredID(let kind, let value, let file):
      return "the stored \(kind) ID \"\(value)\" from \(file) is not 1 to 20 digits. Drop a"
        + " fresh export of that kind into inbox/."
    case .notAFolder(let path):
      return "\(path) is not a folder (or is a symbolic link). Move it away and run"
        + " onboarding again."
    case .cannotPrepareFolder(let path, let reason):
      return "cannot prepare the folder \(path): \(reason). Check its parent's owner and"
        + " permissions."
    case .writeFailed(let error):
      return error.description
    }
  }
}
