import Foundation

@testable import Spreadsheet

/// Temporary files, fixture paths and helpers shared by the detection, CSV and HTML tests.
enum FormatTestSupport {
  /// The `Tests/Fixtures` folder, found from this source file's path.
  static let fixtures: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures")
  }()

  /// Returns the path of `relativePath` under `Tests/Fixtures`.
  static func fixture(_ relativePath: String) -> String {
    fixtures.appendingPathComponent(relativePath).path
  }

  /// Creates a new, empty folder under the system's temporary folder.
  static func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-dwf-formats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `bytes` to a file named `name` in a new temporary folder, calls `body` with its
  /// path and removes the folder.
  @discardableResult
  static func withFile<Result>(
    named name: String = "input.csv", bytes: [UInt8], _ body: (String) throws -> Result
  ) throws -> Result {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return try body(url.path)
  }

  /// Reads every row of `path` through `CSVFile` into (record number, fields) pairs.
  static func csvRecords(path: String, chunkSize: Int = 64 << 10) throws -> [CSVRecord] {
    let file = try CSVFile(path: path, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    try file.readRows { records.append(CSVRecord(number: $0, fields: $1)) }
    return records
  }

  /// Reads sheet `index` of `path` through `SpreadsheetDocument` as a grid of texts, with rows
  /// placed by their numbers, so a skipped blank row stays an empty row.
  static func documentGrid(path: String, sheet index: Int = 0) throws -> [[String]] {
    let document = try SpreadsheetDocument(path: path)
    var grid: [[String]] = []
    try document.readRows(sheetAt: index) { row in
      while grid.count < row.number { grid.append([]) }
      grid[row.number - 1] = try row.denseValues().map { value in
        if case .text(let text) = value { return text }
        return value.isEmpty ? "" : "\(value)"
      }
    }
    return grid
  }

  /// Parses a small UTF-8 CSV file as the corpus writes them (comma, `"` quotes), independently
  /// of the reader under test.
  static func parseExpectedCSV(path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var isQuoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let character = characters.popFirst() {
      if isQuoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters.removeFirst()
          } else {
            isQuoted = false
          }
        } else {
          field.unicodeScalars.append(character)
        }
      } else if character == "\"" {
        isQuoted = true
      } else if character == "," {
        row.append(field)
        field = ""
      } else if character == "\n" {
        row.append(field)
        rows.append(row)
        (row, field) = ([], "")
      } else {
        field.unicodeScalars.append(character)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }

  /// Drops empty cells at the end of each row and empty rows at the end of the grid, which is how
  /// the corpus README compares grids.
  static func normalized(_ grid: [[String]]) -> [[String]] {
    var rows = grid.map { row in
      Array(row.reversed().drop { $0.isEmpty }.reversed())
    }
    while rows.last?.isEmpty == true { rows.removeLast() }
    return rows
  }
}

/// One record that `CSVFile.readRows` passed on.
struct CSVRecord: Equatable, Sendable, CustomStringConvertible {
  let number: Int
  let fields: [String]

  var description: String { "\(number): \(fields)" }
}
