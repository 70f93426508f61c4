import Foundation
import Testing

@testable import Spreadsheet

/// What detection should give for a file, with the path left out of the errors.
enum DetectionOutcome: Sendable, Equatable {
  case format(DetectedFormat)
  case emptyFile
  case excelLockFile
  case encryptedWorkbook
  case legacyExcel(String)
  case unrecognized(String)

  /// Runs detection on `path` and returns the outcome, so a test can compare it as a value.
  static func detect(path: String) throws -> DetectionOutcome {
    do {
      return .format(try FormatDetector.detect(path: path))
    } catch let error as SpreadsheetError {
      switch error {
      case .emptyFile: return .emptyFile
      case .excelLockFile: return .excelLockFile
      case .encryptedWorkbook: return .encryptedWorkbook
      case .legacyExcel(_, let variant): return .legacyExcel(variant)
      case .unrecognizedFormat(_, let detail): return .unrecognized(detail)
      default: throw error
      }
    }
  }
}

struct DetectionCase: Sendable, CustomTestStringConvertible {
  let name: String
  let fileName: String
  let bytes: [UInt8]
  let expected: DetectionOutcome

  init(_ name: String, file: String = "input.xls", _ bytes: [UInt8], _ expected: DetectionOutcome) {
    self.name = name
    self.fileName = file
    self.bytes = bytes
    self.expected = expected
  }

  init(_ name: String, file: String = "input.xls", text: String, _ expected: DetectionOutcome) {
    self.init(name, file: file, Array(text.utf8), expected)
  }

  var testDescription: String { name }
}

private let wordDetail =
  "an OLE2 compound file without a workbook stream, such as a Word or Outlook file"
private let rawSuffix = ", raw records without an OLE2 container"

private let signatureCases: [DetectionCase] = [
  DetectionCase("empty file", [], .emptyFile),
  DetectionCase(
    "lock file", file: "~$Customers.xlsx", [0x05] + Array("Maria".utf8), .excelLockFile),
  DetectionCase("zip local header", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], .format(.zipPackage)),
  DetectionCase(
    "empty zip archive", [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18),
    .format(.zipPackage)),
  DetectionCase(
    "spanned zip marker", [0x50, 0x4B, 0x07, 0x08, 0x50, 0x4B, 0x03, 0x04],
    .format(.zipPackage)),
  DetectionCase(
    "html doctype", text: "<!DOCTYPE html>\n<html><body></body></html>",
    .format(.htmlTable)),
  DetectionCase(
    "html after BOM and space", [0xEF, 0xBB, 0xBF] + Array(" \r\n\t<HTML>".utf8),
    .format(.htmlTable)),
  DetectionCase("bare table", text: "<table><tr><td>1</td></tr></table>", .format(.htmlTable)),
  DetectionCase(
    "meta first", text: "<META http-equiv=Content-Type content=\"text/html\">",
    .format(.htmlTable)),
  DetectionCase(
    "xml declaration then html",
    text: "<?xml version=\"1.0\"?>\n<!-- export -->\n<html xmlns=\"x\">", .format(.htmlTable)),
  DetectionCase(
    "html in UTF-16LE",
    [0xFF, 0xFE]
      + Array("<table>".utf16).flatMap {
        [UInt8($0 & 0xFF), UInt8($0 >> 8)]
      }, .format(.htmlTable)),
  DetectionCase("tag that only starts like table", text: "<tablet>,b\n", .format(.delimitedText)),
  DetectionCase(
    "raw BIFF2", [0x09, 0x00, 0x04, 0x00, 0x07, 0x00, 0x10, 0x00],
    .legacyExcel("BIFF2" + rawSuffix)),
  DetectionCase(
    "raw BIFF3", [0x09, 0x02, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00],
    .legacyExcel("BIFF3" + rawSuffix)),
  DetectionCase(
    "raw BIFF4 workspace", [0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0],
    .legacyExcel("BIFF4" + rawSuffix)),
  DetectionCase(
    "raw BIFF5", [0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0],
    .legacyExcel("BIFF5" + rawSuffix)),
  DetectionCase(
    "raw BIFF8",
    [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]
      + Array(
        repeating: 0, count: 16), .legacyExcel("BIFF8" + rawSuffix)),
  DetectionCase(
    "BOF id with an unknown type", [0x09, 0x00, 0x04, 0x00, 0x07, 0x00, 0x11, 0x00],
    .unrecognized("binary data, with a NUL byte at offset 1")),
  DetectionCase("pdf", text: "%PDF-1.7\n%\u{E2}\u{E3}", .unrecognized("a PDF document")),
  DetectionCase(
    "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0],
    .unrecognized(
      "a PNG image")),
  DetectionCase("gif", text: "GIF89a\u{01}", .unrecognized("a GIF image")),
  DetectionCase("jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], .unrecognized("a JPEG image")),
  DetectionCase("gzip", [0x1F, 0x8B, 0x08, 0x00], .unrecognized("a gzip archive")),
  DetectionCase(
    "7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04],
    .unrecognized(
      "a 7-Zip archive")),
  DetectionCase(
    "rar", Array("Rar!".utf8) + [0x1A, 0x07, 0x01, 0x00],
    .unrecognized(
      "a RAR archive")),
  DetectionCase("bzip2", Array("BZh91AY&SY".utf8) + [0x00], .unrecognized("a bzip2 archive")),
  DetectionCase("text starting like bzip2", text: "BZh9,code\n1,2\n", .format(.delimitedText)),
  DetectionCase(
    "NUL byte", Array("a,b".utf8) + [0x00] + Array("c\n".utf8),
    .unrecognized(
      "binary data, with a NUL byte at offset 3")),
  DetectionCase(
    "UTF-16 without BOM",
    Array("id,name\n".utf16).flatMap {
      [UInt8($0 & 0xFF), UInt8($0 >> 8)]
    }, .unrecognized("UTF-16 text without a byte order mark")),
  DetectionCase(
    "control bytes", Array("a,b\n".utf8) + Array(repeating: 0x01, count: 8),
    .unrecognized("binary data, with 8 control bytes in the first 12")),
  DetectionCase(
    "one stray control byte in a small CSV", text: "id,name\n10012,DWF\u{07} Wholesale\n",
    .format(.delimitedText)),
  DetectionCase(
    "vertical tabs as cell line breaks", text: "id,note\n1,\"a\u{0B}b\"\n2,\"c\u{0B}d\"\n",
    .format(.delimitedText)),
  DetectionCase(
    "UTF-32 BOM", [0xFF, 0xFE, 0x00, 0x00, 0x61, 0, 0, 0],
    .unrecognized(
      "UTF-32 text, which is not read")),
  DetectionCase(
    "UTF-16LE CSV", [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00],
    .format(.delimitedText)),
  DetectionCase(
    "UTF-16BE CSV", [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x2C, 0x00, 0x62],
    .format(.delimitedText)),
  DetectionCase(
    "plain CSV", file: "export.csv", text: "id;name\n1;Rosa\n",
    .format(
      .delimitedText)),
  DetectionCase(
    "Windows-1252 CSV", Array("name\nCaf".utf8) + [0xE9, 0x0D, 0x0A, 0x80],
    .format(.delimitedText)),
  DetectionCase("CSV with tab and form feed", text: "a\tb\u{0C}\r\n", .format(.delimitedText)),
]

private let compoundFileCases: [DetectionCase] = [
  DetectionCase(
    "BIFF8 workbook stream", CompoundFileBuilder(streams: ["Workbook"]).bytes(),
    .legacyExcel("BIFF8, an OLE2 compound file")),
  DetectionCase(
    "BIFF5 book stream",
    CompoundFileBuilder(streams: ["\u{05}SummaryInformation", "Book"]).bytes(),
    .legacyExcel("BIFF5, an OLE2 compound file")),
  DetectionCase(
    "workbook in another case", CompoundFileBuilder(streams: ["WORKBOOK"]).bytes(),
    .legacyExcel("BIFF8, an OLE2 compound file")),
  DetectionCase(
    "encrypted package",
    CompoundFileBuilder(streams: ["EncryptionInfo", "EncryptedPackage", "\u{06}DataSpaces"])
      .bytes(), .encryptedWorkbook),
  DetectionCase(
    "encryption info alone", CompoundFileBuilder(streams: ["EncryptionInfo"]).bytes(),
    .unrecognized(wordDetail)),
  DetectionCase(
    "word document", CompoundFileBuilder(streams: ["WordDocument", "1Table"]).bytes(),
    .unrecognized(wordDetail)),
  DetectionCase("no streams", CompoundFileBuilder(streams: []).bytes(), .unrecognized(wordDetail)),
  DetectionCase(
    "version 4 workbook",
    CompoundFileBuilder(streams: ["Workbook"], majorVersion: 4).bytes(),
    .legacyExcel("BIFF8, an OLE2 compound file")),
  DetectionCase(
    "many entries over two directory sectors",
    CompoundFileBuilder(streams: (1...9).map { "Stream \($0)" } + ["Workbook"]).bytes(),
    .legacyExcel("BIFF8, an OLE2 compound file")),
  DetectionCase("workbook inside a storage", nestedWorkbook(), .unrecognized(wordDetail)),
]

/// Returns a Word-like file with an embedded workbook: `Workbook` under a storage, not the root.
private func nestedWorkbook() -> [UInt8] {
  var builder = CompoundFileBuilder(streams: ["WordDocument", "ObjectPool"])
  builder.entries[2].type = 1
  builder.entries[2].child = 3
  builder.entries.append(CompoundFileBuilder.Entry(name: "Workbook", type: 2))
  return builder.bytes()
}

struct FormatDetectorTests {
  @Test(arguments: signatureCases + compoundFileCases)
  func detectsFormat(_ testCase: DetectionCase) throws {
    let outcome = try FormatTestSupport.withFile(named: testCase.fileName, bytes: testCase.bytes) {
      try DetectionOutcome.detect(path: $0)
    }

    #expect(outcome == testCase.expected)
  }

  @Test(arguments: [
    (
      "corpus/xlsx/ExcelDataReader/agile_AES256_SHA512_CBC_pwd_password.xlsx",
      DetectionOutcome.encryptedWorkbook
    ),
    ("corpus/xlsx/calamine/date.xls", .legacyExcel("BIFF8, an OLE2 compound file")),
    ("corpus/xlsx/ExcelDataReader/as3xls_BIFF2.xls", .legacyExcel("BIFF2" + rawSuffix)),
    ("made/customers-libreoffice.xls", .legacyExcel("BIFF8, an OLE2 compound file")),
    ("made/customers-libreoffice.ods", .format(.zipPackage)),
    ("made/customers-libreoffice-html.xls", .format(.htmlTable)),
    ("made/customers.csv", .format(.delimitedText)),
    ("made/customers-libreoffice-1252-semicolon.csv", .format(.delimitedText)),
    ("made/customers-libreoffice-utf16-tab.txt", .format(.delimitedText)),
    ("corpus/xlsx/ExcelDataReader/csv__cp1252.csv", .format(.delimitedText)),
    ("corpus/xlsx/roo/iso_8859_1.csv", .format(.delimitedText)),
    ("corpus/bugreports/01-cells-without-r.xlsx", .format(.zipPackage)),
  ])
  func detectsFixture(path: String, expected: DetectionOutcome) throws {
    #expect(try DetectionOutcome.detect(path: FormatTestSupport.fixture(path)) == expected)
  }

  @Test func documentRejectsLegacyWorkbookWithAdvice() throws {
    let path = FormatTestSupport.fixture("corpus/xlsx/calamine/date.xls")

    let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetDocument(path: path) }

    #expect(error == .legacyExcel(path: path, variant: "BIFF8, an OLE2 compound file"))
    #expect(
      error?.description
        == "\(path): this is a legacy Excel .xls workbook (BIFF8, an OLE2 compound file),"
        + " which is not read. Open it in Excel or LibreOffice and re-save it as .xlsx or .csv.")
  }

  @Test func missingFileIsNotFound() {
    let path = "/nonexistent-komet-dwf/customers.csv"

    #expect(throws: SpreadsheetError.fileNotFound(path: path)) {
      try FormatDetector.detect(path: path)
    }
  }

  @Test func lockFileNameWinsOverContent() throws {
    let bytes = CompoundFileBuilder(streams: ["Workbook"]).bytes()

    let outcome = try FormatTestSupport.withFile(named: "~$Book1.xls", bytes: bytes) {
      try DetectionOutcome.detect(path: $0)
    }

    #expect(outcome == .excelLockFile)
  }
}
