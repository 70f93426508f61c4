/// Names that the watcher never reports, because they belong to files still being written or
/// to editors. A download or upload with such a name finishes by renaming to its final name,
/// which delivers `IN_MOVED_TO` (or shows up at the next scan) for the new name.
package enum IgnoredNames {
  /// Prefixes: hidden files (including rsync's `.name.XXXXXX`) and Office's `~$` lock files.
  package static let prefixes = [".", "~$"]

  /// Suffixes of partial transfers, compared without regard to case, because Windows programs
  /// also write `.TMP`.
  package static let suffixes = [".part", ".tmp", ".filepart", ".partial", ".crdownload"]

  /// Returns whether the watcher never reports an entry with this name.
  package static func contains(_ name: String) -> Bool {
    if prefixes.contains(where: { name.hasPrefix($0) }) {
      return true
    }
    let lowered = name.lowercased()
    return suffixes.contains { lowered.hasSuffix($0) }
  }
}
