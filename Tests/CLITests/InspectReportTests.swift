import Foundation
import Testing

@testable import CLI

/// Checks what `inspect` reports about a file beyond its rows: the CSV encoding and delimiter
/// it chose, and the warning for a sheet whose relationship is missing.
struct InspectReportTests {
  static let windows1252Bytes: [UInt8] =
    [UInt8]("Customer ID;Name\r\n1;Caf".utf8) + [0xE9, 0x0D, 0x0A]
  static let utf16Bytes: [UInt8] = [0xFF, 0xFE]
    + "Customer ID|Name\n1|Café\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  static let utf8BOMBytes: [UInt8] =
    [0xEF, 0xBB, 0xBF] + [UInt8]("Customer ID\tName\r1\tCafé".utf8)

  @Test(arguments: [
    ("Windows-1252", windows1252Bytes, "';'"),
    ("UTF-16LE with BOM", utf16Bytes, "'|'"),
    ("UTF-8 with BOM", utf8BOMBytes, "tab"),
  ] as [(String, [UInt8], String)])
  func tableNamesEncodingAndDelimiter(encoding: String, bytes: [UInt8], delimiter: String) throws {
    let folder = try ScratchFolder()
    let path = folder.url.appendingPathComponent("customers.csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))

    let result = runKometDWF(["inspect", path])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("\(path): CSV, \(encoding), delimiter \(delimiter)\n"))
    #expect(result.output.contains("      2 | 1 | Café\n"))
  }

  @Test func jsonNamesWindows1252Encoding() throws {
    let folder = try ScratchFolder()
    let path = folder.url.appendingPathComponent("customers.csv").path
    try Data(InspectReportTests.windows1252Bytes).write(to: URL(fileURLWithPath: path))

    let result = runKometDWF(["inspect", path, "--format", "json"])

    #expect(result.status == 0, "\(result.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["encoding"] as? String == "Windows-1252")
    #expect(object["delimiter"] as? String == ";")
  }

  @Test func sheetWithoutRelationshipIsListedWithWarning() {
    let path = repositoryPath(
      "Tests/Fixtures/corpus/xlsx/ClosedXML/TryToLoad__SheetsWithoutRelId.xlsx")

    let result = runKometDWF(["inspect", path, "--sheet", "Sheet without relId"])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("* 2. Sheet without relId  [worksheet, visible, empty]\n"))
    #expect(result.output.hasSuffix("Sheet \"Sheet without relId\" has no rows to print.\n"))
    #expect(
      result.error.contains(
        "warning: \(path): sheet \"Sheet without relId\" prints no rows:"
          + " it has no relationship id (r:id)\n"))
  }
}
