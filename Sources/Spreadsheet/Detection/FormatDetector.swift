/// What kind of container a file is, as far as choosing a reader goes.
enum DetectedFormat: Sendable, Equatable {
  case zipPackage
  case delimitedText
  case htmlTable
}

/// Tells a file's format from its first bytes, and rejects formats this reader does not read.
enum FormatDetector {
  /// Detects the format of the file at `path`.
  ///
  /// - Throws: `SpreadsheetError` for empty files, lock files, legacy and encrypted workbooks
  ///   and other files that are no spreadsheet.
  static func detect(path: String) throws -> DetectedFormat {
    // TODO: placeholder until detection lands; treats every non-ZIP file as CSV.
    let handle = try ReadOnlyFile(path: path)
    var head = [UInt8](repeating: 0, count: 4)
    let count = try handle.read(into: &head, at: 0)
    if count == 0 { throw SpreadsheetError.emptyFile(path: path) }
    return head.starts(with: [0x50, 0x4B]) ? .zipPackage : .delimitedText
  }
}
