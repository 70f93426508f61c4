import Foundation
import Testing

@testable import Spreadsheet

/// Checks the reader against every file of `Tests/Fixtures/corpus`: the values python-calamine
/// (or, where calamine failed, openpyxl) read, the sheet lists, and the files that must fail.
struct CorpusTests {
  @Test func corpusFilesMatchTheirChecksums() throws {
    let sums = try String(
      contentsOf: FixturePaths.corpus.appendingPathComponent("SHA256SUMS"),
      encoding: .utf8)
    var checked = 0
    for line in sums.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1)
      let expected = String(parts[0])
      let relative = parts[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(
        of: "./",
        with: "", options: .anchored)
      #expect(try sha256Hex(ofFile: FixturePaths.corpusFile(relative)) == expected, "\(relative)")
      checked += 1
    }
    #expect(checked > 400)
  }

  @Test(arguments: CorpusCase.all)
  func corpusFileReadsAsExpected(_ corpusCase: CorpusCase) throws {
    let path = FixturePaths.corpusFile(corpusCase.file)

    guard case .sheets(let expectedSheets) = corpusCase.expectation else {
      #expect(throws: SpreadsheetError.self, "\(corpusCase.file) must be rejected") {
        let document = try SpreadsheetDocument(path: path)
        try document.readRows(sheetAt: try document.sheetIndex(for: nil)) { _ in }
      }
      return
    }

    let document = try SpreadsheetDocument(path: path)
    // openpyxl leaves out a sheet whose relationship is missing; this reader lists it with a
    // problem and reads no rows from it, so only the readable sheets are compared there.
    let listed = corpusCase.isFromOpenpyxl ? document.sheets.filter(\.hasRows) : document.sheets
    if corpusCase.checksSheetList {
      #expect(listed.map(\.name) == expectedSheets.map(\.name))
      #expect(listed.map(\.state.corpusName) == expectedSheets.map(\.state))
      #expect(listed.map(\.kind.rawValue) == expectedSheets.map(\.type))
    }

    for sheet in expectedSheets {
      guard let csv = sheet.csv else { continue }
      let index =
        corpusCase.checksSheetList
        ? try #require(document.sheets.firstIndex { $0.name == sheet.name }) : sheet.index
      let expected = GridCSV.parse(try String(contentsOfFile: csv, encoding: .utf8))
      let actual = try canonicalGrid(document, sheetAt: index)
      let differences = cellDifferences(actual, expected).filter {
        KnownDisagreements.reason(file: corpusCase.file, sheet: sheet.index, cell: $0.cell) == nil
      }
      #expect(
        differences.isEmpty, "\(corpusCase.file) sheet \(sheet.index + 1): \(differences.prefix(5))"
      )
    }
  }

  @Test func knownDisagreementsStayUnderOnePercentOfAFile() throws {
    for (file, count) in KnownDisagreements.countsByFile {
      let corpusCase = try #require(CorpusCase.all.first { $0.file == file }, "\(file)")
      guard case .sheets(let sheets) = corpusCase.expectation else { continue }
      var cells = 0
      for sheet in sheets {
        guard let csv = sheet.csv else { continue }
        cells += GridCSV.parse(try String(contentsOfFile: csv, encoding: .utf8))
          .reduce(0) { $0 + $1.count }
      }
      #expect(count * 100 <= max(cells, 100), "\(file): \(count) of \(cells) cells")
    }
  }
}

/// One corpus input and what reading it must give.
struct CorpusCase: Sendable, CustomTestStringConvertible {
  enum Expectation: Sendable {
    case sheets([ExpectedSheet])
    case error
  }

  struct ExpectedSheet: Sendable {
    var index: Int
    var name: String
    var state: String
    var type: String
    /// The absolute path of the expected CSV, or nil when the reference reader loaded nothing.
    var csv: String?
  }

  /// The path under `Tests/Fixtures/corpus`.
  var file: String
  var expectation: Expectation
  /// Whether the expectation lists every sheet (the bug-report set lists only values).
  var checksSheetList: Bool
  /// Whether openpyxl gave the expectation, because calamine could not open the file.
  var isFromOpenpyxl = false

  var testDescription: String { file }

  static let all: [CorpusCase] = discover()

  private static func discover() -> [CorpusCase] {
    let manager = FileManager.default
    var cases: [CorpusCase] = []
    let root = FixturePaths.corpus.path

    for set in ["bugreports", "xlsx"] {
      guard let walker = manager.enumerator(atPath: "\(root)/\(set)") else { continue }
      for case let relative as String in walker {
        let path = "\(root)/\(set)/\(relative)"
        guard !relative.contains(".expected"), !relative.hasSuffix(".md"),
          manager.fileExists(atPath: path + ".expected") || set == "bugreports",
          let found = makeCase(set: set, relative: relative, path: path)
        else { continue }
        cases.append(found)
      }
    }
    return cases.sorted { $0.file < $1.file }
  }

  private static func makeCase(set: String, relative: String, path: String) -> CorpusCase? {
    let file = "\(set)/\(relative)"
    if set == "bugreports" {
      let folder = (path as NSString).deletingPathExtension + ".expected"
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
        return nil
      }
      if names.contains("error.txt") {
        return CorpusCase(file: file, expectation: .error, checksSheetList: false)
      }
      let sheets = names.filter { $0.hasSuffix(".csv") }.compactMap { name -> ExpectedSheet? in
        guard let number = Int(name.dropLast(4)) else { return nil }
        return ExpectedSheet(
          index: number - 1, name: "", state: "", type: "", csv: "\(folder)/\(name)")
      }
      return CorpusCase(
        file: file, expectation: .sheets(sheets.sorted { $0.index < $1.index }),
        checksSheetList: false)
    }

    let folder = path + ".expected"
    let manager = FileManager.default
    let isLegacy = relative.lowercased().hasSuffix(".xls")
    let hasError = manager.fileExists(atPath: "\(folder)/error.txt")
    let isCSV = relative.lowercased().hasSuffix(".csv")

    if isLegacy {
      return CorpusCase(file: file, expectation: .error, checksSheetList: false)
    }
    if hasError, manager.fileExists(atPath: "\(folder)/openpyxl-sheets.json") {
      let sheets = readSheets("\(folder)/openpyxl-sheets.json", folder: folder, prefix: "openpyxl-")
      return CorpusCase(
        file: file, expectation: .sheets(sheets), checksSheetList: true, isFromOpenpyxl: true)
    }
    if hasError, !isCSV {
      return CorpusCase(file: file, expectation: .error, checksSheetList: false)
    }
    let sheets = readSheets("\(folder)/sheets.json", folder: folder, prefix: "")
    return CorpusCase(file: file, expectation: .sheets(sheets), checksSheetList: !isCSV)
  }

  private static func readSheets(_ json: String, folder: String, prefix: String) -> [ExpectedSheet]
  {
    guard let data = FileManager.default.contents(atPath: json),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let sheets = object["sheets"] as? [[String: Any]]
    else { return [] }
    return sheets.map { sheet in
      let csv = sheet["csv"] as? String
      let csvPath = csv.map { name in
        name.hasPrefix(prefix) ? "\(folder)/\(name)" : "\(folder)/\(prefix)\(name)"
      }
      return ExpectedSheet(
        index: sheet["index"] as? Int ?? 0, name: sheet["name"] as? String ?? "",
        state: sheet["visible"] as? String ?? "", type: sheet["type"] as? String ?? "",
        csv: csvPath)
    }
  }
}

/// A cell where the reader and the expected CSV differ.
struct CellDifference: CustomStringConvertible {
  var cell: String
  var actual: String
  var expected: String

  var description: String {
    "\(cell): got \(actual.debugDescription), expected \(expected.debugDescription)"
  }
}

/// Reads every row of a sheet into the canonical grid that `inspect --format csv` prints.
func canonicalGrid(_ document: SpreadsheetDocument, sheetAt index: Int) throws -> [[String]] {
  var grid: [[String]] = []
  guard document.sheets[index].hasRows else { return [] }
  try document.readRows(sheetAt: index) { row in
    let values = try row.denseValues().map(\.canonicalText)
    while grid.count < row.number { grid.append([]) }
    grid[row.number - 1] = values
  }
  return GridCSV.normalized(grid)
}

func cellDifferences(_ actual: [[String]], _ expected: [[String]]) -> [CellDifference] {
  var differences: [CellDifference] = []
  for row in 0..<max(actual.count, expected.count) {
    let left = row < actual.count ? actual[row] : []
    let right = row < expected.count ? expected[row] : []
    for column in 0..<max(left.count, right.count) {
      let got = column < left.count ? left[column] : ""
      let want = column < right.count ? right[column] : ""
      if got != want {
        let cell = CellReference(column: column + 1, row: row + 1).description
        differences.append(CellDifference(cell: cell, actual: got, expected: want))
      }
    }
  }
  return differences
}

extension SheetState {
  /// The spelling of `sheets.json` in the corpus.
  var corpusName: String {
    switch self {
    case .visible: return "visible"
    case .hidden: return "hidden"
    case .veryHidden: return "veryhidden"
    }
  }
}
