import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension InboxLifecycleError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .sourceOutsideInbox(let path, let inbox):
      return "\(path): the file is not directly in \(inbox) or \(inbox)/dwf, so it was not"
        + " moved. This is a programming error in komet-dwf."
    case .sourceUnreadable(let path, let errno):
      return "\(path): the file could not be examined (\(systemMessage(errno)))."
        + " Check that it still exists and that komet-dwf may read its folder."
    case .folderCreateFailed(let path, let errno):
      return "\(path): the folder could not be created (\(systemMessage(errno)))."
        + " Check the permissions and free space of the inbox."
    case .crossDevice(let source, let destination):
      return "\(source): the file could not be moved to \(destination) because the two are on"
        + " different file systems, and komet-dwf never copies and deletes an input."
        + " Keep inbox/, inbox/dwf/, inbox/processed/ and inbox/failed/ on one file system"
        + " (no separate mounts inside inbox/)."
    case .linkFailed(let source, let destination, let errno):
      return "\(source): the file could not be moved to \(destination)"
        + " (link failed: \(systemMessage(errno))). The file is still in the inbox."
        + " The inbox must be on a file system with hard links (ext4, XFS, Btrfs, tmpfs)."
    case .unlinkFailed(let path, let destination, let errno):
      return "\(path): the file was linked at \(destination), but its inbox name could not be"
        + " removed (\(systemMessage(errno))). Both names are the same file; check the"
        + " folder's permissions, then remove the inbox name."
    case .errorFileWriteFailed(let path, let errno):
      return "\(path): the error file could not be written (\(systemMessage(errno))), so the"
        + " input stays in the inbox. Check the permissions and free space of inbox/failed/."
    case .folderSyncFailed(let path, let errno):
      return "\(path): the folder could not be synced to disk (\(systemMessage(errno)))."
        + " The move happened but may not survive a power loss; check the disk."
    case .noFreeName(let folder, let name, let attempts):
      return "\(folder): no free name for \(name) after \(attempts) numbered suffixes."
        + " Move old files out of this folder."
    case .readFailed(let path, let errno):
      return "\(path): the file could not be read for its SHA-256 (\(systemMessage(errno)))."
        + " Check that it exists and that komet-dwf may read it."
    case .digestFailed(let path, let function):
      return "\(path): libcrypto's \(function) failed while computing the SHA-256."
        + " Check the OpenSSL installation (libssl-dev, libcrypto)."
    case .invalidSHA256(let value):
      return "\(value): not a SHA-256 digest; expected 64 hex digits."
        + " This is a programming error in komet-dwf."
    }
  }
}

private func systemMessage(_ code: Int32) -> String {
  "\(String(cString: strerror(code))), errno \(code)"
}
