import Foundation

@testable import Spreadsheet

/// Reads archives built in memory through the public reader, for tests that state only bytes.
enum WorkbookProbe {
  /// The file name every probe writes, which error texts show in place of the full path.
  static let fileName = "book.xlsx"

  /// Writes `bytes` to a temporary file and returns the canonical grid of the sheet at `index`.
  static func grid(
    _ bytes: [UInt8], sheetAt index: Int = 0, limits: ReadLimits = ReadLimits()
  ) throws -> [[String]] {
    let folder = try TemporaryFolder()
    let path = try folder.write(bytes, to: fileName)
    let document = try SpreadsheetDocument(path: path, limits: limits)
    return try canonicalGrid(document, sheetAt: index)
  }

  /// Reads the sheet at `index` through `XLSXWorkbook` directly, past format detection.
  static func workbookGrid(
    _ bytes: [UInt8], sheetAt index: Int = 0, limits: ReadLimits = ReadLimits()
  ) throws -> [[String]] {
    let folder = try TemporaryFolder()
    let path = try folder.write(bytes, to: fileName)
    let workbook = try XLSXWorkbook(path: path, limits: limits)
    var grid: [[String]] = []
    try workbook.readRows(sheetAt: index) { row in
      let values = try row.denseValues().map(\.canonicalText)
      while grid.count < row.number { grid.append([]) }
      grid[row.number - 1] = values
    }
    return GridCSV.normalized(grid)
  }

  /// Opens `bytes` as a document and hands it to `body` while the file still exists.
  static func withDocument<T>(
    _ bytes: [UInt8], limits: ReadLimits = ReadLimits(),
    _ body: (SpreadsheetDocument) throws -> T
  ) throws -> T {
    let folder = try TemporaryFolder()
    let path = try folder.write(bytes, to: fileName)
    return try body(try SpreadsheetDocument(path: path, limits: limits))
  }

  /// Returns the text of the error that opening `bytes` and reading every sheet raises, with
  /// the temporary path shortened to `book.xlsx`; nil when reading succeeds.
  ///
  /// An error that is no `SpreadsheetError` comes back prefixed with "not a SpreadsheetError",
  /// so that a test comparing texts fails on it.
  static func errorText(_ bytes: [UInt8], limits: ReadLimits = ReadLimits()) -> String? {
    let folder: TemporaryFolder
    let path: String
    do {
      folder = try TemporaryFolder()
      path = try folder.write(bytes, to: fileName)
    } catch {
      return "not a SpreadsheetError: could not write the probe: \(error)"
    }
    do {
      let document = try SpreadsheetDocument(path: path, limits: limits)
      for index in document.sheets.indices where document.sheets[index].hasRows {
        try document.readRows(sheetAt: index) { row in _ = try row.denseValues() }
      }
      return nil
    } catch let error as SpreadsheetError {
      return error.description.replacingOccurrences(of: path, with: fileName)
    } catch {
      return "not a SpreadsheetError: \(error)"
    }
  }
}

/// Returns a copy of `entries` with `transform` applied to the entry named `name`.
func modifying(
  _ entries: [TestZipEntry], named name: String, _ transform: (inout TestZipEntry) -> Void
) -> [TestZipEntry] {
  entries.map { entry in
    var copy = entry
    if copy.name == name { transform(&copy) }
    return copy
  }
}

/// Returns a copy of `entries` where `target` is replaced by `replacement` in every entry's text.
func replacingText(_ target: String, with replacement: String, in entries: [TestZipEntry])
  -> [TestZipEntry]
{
  entries.map { entry in
    var copy = entry
    let text = String(decoding: entry.data, as: UTF8.self)
    copy.data = Array(text.replacingOccurrences(of: target, with: replacement).utf8)
    return copy
  }
}
