import Foundation
import Testing

@testable import Spreadsheet

/// Checks that the workbook part is found through `_rels/.rels` and `[Content_Types].xml` rather
/// than a fixed path, that each sheet keeps its type and state, and which sheet a selector picks.
struct WorkbookDiscoveryTests {
  static let mainNamespace = TestWorkbook.mainNamespace
  static let relationshipNamespace = TestWorkbook.relationshipNamespace
  static let mainType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

  /// Builds a package whose workbook part is `workbookPart`, with one sheet per `sheets` item:
  /// its name, its `state` attribute (nil for none) and its relationship type.
  static func package(
    workbookPart: String, packageRelationshipTarget: String?,
    sheets: [(name: String, state: String?, type: String)]
  ) -> [UInt8] {
    let folder = (workbookPart as NSString).deletingLastPathComponent
    let fileName = (workbookPart as NSString).lastPathComponent
    let contentTypes =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\""
      + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/\(workbookPart)\" ContentType=\"\(mainType)\"/></Types>"
    let packageItems = packageRelationshipTarget.map {
      "<Relationship Id=\"rId1\" Target=\"\($0)\""
        + " Type=\"\(relationshipNamespace)/officeDocument\"/>"
    } ?? ""

    var sheetElements = ""
    var workbookItems = ""
    var entries: [TestZipEntry] = []
    for (index, sheet) in sheets.enumerated() {
      let number = index + 1
      let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
      sheetElements +=
        "<sheet name=\"\(sheet.name)\" sheetId=\"\(number)\" r:id=\"rId\(number)\"\(state)/>"
      workbookItems +=
        "<Relationship Id=\"rId\(number)\" Target=\"part\(number).xml\""
        + " Type=\"\(relationshipNamespace)/\(sheet.type)\"/>"
      let xml = TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(sheet.name)</t></is></c></row>")
      entries.append(TestZipEntry("\(folder)/part\(number).xml", xml))
    }
    let workbook =
      "<?xml version=\"1.0\"?><workbook xmlns=\"\(mainNamespace)\""
      + " xmlns:r=\"\(relationshipNamespace)\"><sheets>\(sheetElements)</sheets></workbook>"

    entries += [
      TestZipEntry("[Content_Types].xml", contentTypes),
      TestZipEntry("_rels/.rels", relationships(packageItems)),
      TestZipEntry(workbookPart, workbook),
      TestZipEntry("\(folder)/_rels/\(fileName).rels", relationships(workbookItems)),
    ]
    return TestZipWriter(entries).bytes()
  }

  static func relationships(_ items: String) -> String {
    "<?xml version=\"1.0\"?><Relationships"
      + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(items)"
      + "</Relationships>"
  }

  @Test func workbookAtUnusualPathIsFoundThroughRelationships() throws {
    let bytes = WorkbookDiscoveryTests.package(
      workbookPart: "data/main.xml", packageRelationshipTarget: "/data/main.xml",
      sheets: [("Customers", nil, "worksheet")])

    try WorkbookProbe.withDocument(bytes) { (document) throws in
      #expect(document.sheets.map(\.name) == ["Customers"])
      #expect(try canonicalGrid(document, sheetAt: 0) == [["Customers"]])
    }
  }

  @Test func workbookFoundThroughContentTypesAlone() throws {
    // No officeDocument relationship, so only the content type's override names the part.
    let bytes = WorkbookDiscoveryTests.package(
      workbookPart: "book/wb.xml", packageRelationshipTarget: nil,
      sheets: [("Only", nil, "worksheet")])

    try WorkbookProbe.withDocument(bytes) { (document) throws in
      #expect(document.sheets.map(\.name) == ["Only"])
      #expect(try canonicalGrid(document, sheetAt: 0) == [["Only"]])
    }
  }

  @Test func sheetTypesAndStatesAreListedInOrder() throws {
    let bytes = WorkbookDiscoveryTests.package(
      workbookPart: "xl/workbook.xml", packageRelationshipTarget: "xl/workbook.xml",
      sheets: [
        ("Hidden", "hidden", "worksheet"), ("Chart", nil, "chartsheet"),
        ("Dialog", "visible", "dialogsheet"), ("Secret", "veryHidden", "worksheet"),
        ("Data", nil, "worksheet"),
      ])

    try WorkbookProbe.withDocument(bytes) { (document) throws in
      #expect(document.sheets.map(\.name) == ["Hidden", "Chart", "Dialog", "Secret", "Data"])
      #expect(
        document.sheets.map(\.kind)
          == [.worksheet, .chartsheet, .dialogsheet, .worksheet, .worksheet])
      #expect(
        document.sheets.map(\.state) == [.hidden, .visible, .visible, .veryHidden, .visible])
      #expect(document.sheets.map(\.hasRows) == [true, false, false, true, true])
    }
  }

  @Test func firstVisibleWorksheetIsTheDefault() throws {
    let bytes = WorkbookDiscoveryTests.package(
      workbookPart: "xl/workbook.xml", packageRelationshipTarget: "xl/workbook.xml",
      sheets: [
        ("Hidden", "hidden", "worksheet"), ("Chart", nil, "chartsheet"), ("Data", nil, "worksheet"),
      ])

    try WorkbookProbe.withDocument(bytes) { (document) throws in
      #expect(try document.sheetIndex(for: nil) == 2)
    }
  }

  @Test(arguments: [("1", 1), ("2", 0), ("3", 2), ("data", 2)])
  func exactNameWinsOverPosition(selector: String, index: Int) throws {
    let bytes = WorkbookDiscoveryTests.package(
      workbookPart: "xl/workbook.xml", packageRelationshipTarget: "xl/workbook.xml",
      sheets: [("2", nil, "worksheet"), ("1", nil, "worksheet"), ("Data", nil, "worksheet")])

    try WorkbookProbe.withDocument(bytes) { (document) throws in
      #expect(try document.sheetIndex(for: selector) == index)
    }
  }

  @Test func binaryWorkbookIsRejectedWithAdvice() {
    let contentTypes =
      "<?xml version=\"1.0\"?>"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"bin\""
      + " ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>"
      + "<Default Extension=\"rels\""
      + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/></Types>"
    let packageRelationships = WorkbookDiscoveryTests.relationships(
      "<Relationship Id=\"rId1\" Target=\"xl/workbook.bin\""
        + " Type=\"\(WorkbookDiscoveryTests.relationshipNamespace)/officeDocument\"/>")
    let bytes = TestZipWriter([
      TestZipEntry("[Content_Types].xml", contentTypes),
      TestZipEntry("_rels/.rels", packageRelationships),
      TestZipEntry("xl/workbook.bin", bytes: [0x83, 0x01, 0x00, 0x80, 0x01, 0x00]),
    ]).bytes()

    #expect(
      WorkbookProbe.errorText(bytes)
        == "book.xlsx: this is an Excel binary workbook (.xlsb), which is not read."
        + " Re-save it as .xlsx or .csv.")
  }

  @Test func openDocumentSpreadsheetIsRejectedWithAdvice() {
    let path = FixturePaths.fixtures.appendingPathComponent("made/customers-libreoffice.ods").path

    let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetDocument(path: path) }

    #expect(
      error?.description
        == "\(path): this is an OpenDocument spreadsheet (.ods), which is not read."
        + " Re-save it as .xlsx or .csv.")
  }
}
