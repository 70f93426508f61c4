import Foundation
import Testing

@testable import Spreadsheet

/// Checks the libxml2 set-up on parts built in memory: DOCTYPEs and entities rejected, encodings,
/// namespace prefixes, strict namespaces and text kept exactly as stored.
struct XMLSecurityTests {
  static let oneCellSheet = TestWorkbook.worksheet(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")

  static func doctypeRejection(_ part: String) -> String {
    "book.xlsx: part \(part) has a DOCTYPE declaration, which no spreadsheet part has and which"
      + " can hide entity attacks; the file is rejected. Re-save it in Excel as .xlsx."
  }

  @Test(arguments: [
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
  ])
  func doctypeInAnyPartIsRejected(part: String) {
    let workbook = TestWorkbook(
      sheet: XMLSecurityTests.oneCellSheet,
      sharedStrings: TestWorkbook.sharedStrings("<si><t>a</t></si>"))
    let entries = modifying(workbook.entries(), named: part) { entry in
      let text = String(decoding: entry.data, as: UTF8.self)
      let declarationEnd = text.range(of: "?>")!.upperBound
      entry.data = Array(
        (text[..<declarationEnd] + "<!DOCTYPE root>" + text[declarationEnd...]).utf8)
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == XMLSecurityTests.doctypeRejection(part))
  }

  @Test(.timeLimit(.minutes(1)))
  func billionLaughsIsRejectedQuickly() {
    var declarations = "<!ENTITY lol0 \"lol\">"
    for level in 1...9 {
      declarations +=
        "<!ENTITY lol\(level) \""
        + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
    }
    let sheet =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [\(declarations)]>"
      + "<worksheet xmlns=\"\(TestWorkbook.mainNamespace)\"><sheetData><row r=\"1\">"
      + "<c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
    let started = Date()
    #expect(
      WorkbookProbe.errorText(TestWorkbook(sheet: sheet).bytes())
        == XMLSecurityTests.doctypeRejection("xl/worksheets/sheet1.xml"))
    #expect(Date().timeIntervalSince(started) < 5)
  }

  @Test(arguments: [
    "<!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file://SECRET\">]>",
    "<!DOCTYPE worksheet [<!ENTITY % secret SYSTEM \"file://SECRET\"> %secret;]>",
    "<!DOCTYPE worksheet SYSTEM \"file://SECRET\">",
  ])
  func externalEntityNamingALocalFileIsNeverRead(doctype: String) throws {
    let folder = try TemporaryFolder()
    let secretText = "secret-grower-password-8731"
    let secretPath = try folder.write(Array(secretText.utf8), to: "secret.txt")
    let sheet =
      "<?xml version=\"1.0\"?>"
      + doctype.replacingOccurrences(
        of: "SECRET", with: secretPath)
      + "<worksheet xmlns=\"\(TestWorkbook.mainNamespace)\"><sheetData><row r=\"1\">"
      + "<c r=\"A1\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"
    let bytes = TestWorkbook(sheet: sheet).bytes()

    let text = WorkbookProbe.errorText(bytes)
    #expect(text == XMLSecurityTests.doctypeRejection("xl/worksheets/sheet1.xml"))
    #expect(text?.contains(secretText) == false)
  }

  @Test func undeclaredEntityWithoutDoctypeIsMalformed() {
    let sheet = TestWorkbook.worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row>")
    #expect(
      WorkbookProbe.errorText(TestWorkbook(sheet: sheet).bytes())
        == "book.xlsx: part xl/worksheets/sheet1.xml is not well-formed XML (line 1: Entity"
        + " 'secret' not defined). Re-save the file in Excel or LibreOffice as .xlsx.")
  }

  // MARK: Encodings

  static let textSheet =
    "<?xml version=\"1.0\" encoding=\"ENCODING\"?>"
    + "<worksheet xmlns=\"\(TestWorkbook.mainNamespace)\"><sheetData><row r=\"1\">"
    + "<c r=\"A1\" t=\"inlineStr\"><is><t>Grüße aus Köln 東京 😀</t></is></c>"
    + "<c r=\"B1\"><v>12</v></c></row></sheetData></worksheet>"
  static let textGrid = [["Grüße aus Köln 東京 😀", "12"]]

  enum PartEncoding: String, CaseIterable, Sendable {
    case utf16LittleEndian = "UTF-16 LE with BOM"
    case utf16BigEndian = "UTF-16 BE with BOM"
    case utf8BOMWithDeclaration = "UTF-8 BOM and declaration"
    case utf8BOMWithoutDeclaration = "UTF-8 BOM, no declaration"
  }

  static func encoded(_ xml: String, as encoding: PartEncoding) -> [UInt8] {
    switch encoding {
    case .utf16LittleEndian:
      let text = xml.replacingOccurrences(of: "ENCODING", with: "UTF-16")
      return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    case .utf16BigEndian:
      let text = xml.replacingOccurrences(of: "ENCODING", with: "UTF-16")
      return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    case .utf8BOMWithDeclaration:
      return [0xEF, 0xBB, 0xBF]
        + Array(xml.replacingOccurrences(of: "ENCODING", with: "UTF-8").utf8)
    case .utf8BOMWithoutDeclaration:
      let body = xml[xml.range(of: "?>")!.upperBound...]
      return [0xEF, 0xBB, 0xBF] + Array(body.utf8)
    }
  }

  @Test(arguments: PartEncoding.allCases)
  func worksheetInAnyEncodingReads(encoding: PartEncoding) throws {
    let entries = modifying(
      TestWorkbook(sheet: "").entries(), named: "xl/worksheets/sheet1.xml"
    ) { $0.data = XMLSecurityTests.encoded(XMLSecurityTests.textSheet, as: encoding) }
    #expect(try WorkbookProbe.grid(TestZipWriter(entries).bytes()) == XMLSecurityTests.textGrid)
  }

  @Test(arguments: PartEncoding.allCases)
  func smallPartsInAnyEncodingRead(encoding: PartEncoding) throws {
    // The workbook part carries the sheet name, so a wrongly decoded part shows in the name.
    let workbook = TestWorkbook(sheets: [("Übersicht 東京", XMLSecurityTests.oneCellSheet)])
    var sharedWorkbook = workbook
    sharedWorkbook.sharedStrings = TestWorkbook.sharedStrings("<si><t>Grüße</t></si>")
    var entries = sharedWorkbook.entries()
    for part in ["xl/workbook.xml", "xl/sharedStrings.xml", "[Content_Types].xml", "_rels/.rels"] {
      entries = modifying(entries, named: part) { entry in
        var text = String(decoding: entry.data, as: UTF8.self)
        text = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ENCODING\"")
        if !text.contains("ENCODING") {
          text = text.replacingOccurrences(
            of: "<?xml version=\"1.0\"", with: "<?xml version=\"1.0\" encoding=\"ENCODING\"")
        }
        entry.data = XMLSecurityTests.encoded(text, as: encoding)
      }
    }
    try WorkbookProbe.withDocument(TestZipWriter(entries).bytes()) { (document) throws in
      #expect(document.sheets.map(\.name) == ["Übersicht 東京"])
      #expect(try canonicalGrid(document, sheetAt: 0) == [["Grüße"]])
    }
  }

  @Test(arguments: [PartEncoding.utf16LittleEndian, .utf16BigEndian, .utf8BOMWithDeclaration])
  func partSpanningManyChunksReads(encoding: PartEncoding) throws {
    // Stored entries arrive in 64 KiB chunks, so characters and code units straddle chunks.
    let rows = (1...3_000).map { row in
      "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>東京 \(row) 😀</t></is></c></row>"
    }.joined()
    let xml =
      "<?xml version=\"1.0\" encoding=\"ENCODING\"?><worksheet xmlns=\""
      + TestWorkbook.mainNamespace + "\"><sheetData>" + rows + "</sheetData></worksheet>"
    var entries = TestWorkbook(sheet: "").entries()
    entries = modifying(entries, named: "xl/worksheets/sheet1.xml") {
      $0.data = XMLSecurityTests.encoded(xml, as: encoding)
      $0.method = .stored
    }
    let grid = try WorkbookProbe.grid(TestZipWriter(entries).bytes())
    #expect(grid.count == 3_000)
    #expect(grid.last == ["東京 3000 😀"])
  }

  @Test func namespaceWarningDoesNotCutThePartShort() throws {
    // libxml2 warns about a relative namespace URI; the warning must not stop the parse.
    let sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"\(TestWorkbook.mainNamespace)\""
      + " xmlns:odd=\"relative/uri\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
      + "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row></sheetData></worksheet>"
    #expect(try WorkbookProbe.grid(TestWorkbook(sheet: sheet).bytes()) == [["1"], ["2"]])
  }

  @Test func undeclaredPrefixIsMalformed() {
    let sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"\(TestWorkbook.mainNamespace)\">"
      + "<sheetData><row r=\"1\"><x:c r=\"A1\"><v>1</v></x:c></row></sheetData></worksheet>"
    #expect(
      WorkbookProbe.errorText(TestWorkbook(sheet: sheet).bytes())
        == "book.xlsx: part xl/worksheets/sheet1.xml is not well-formed XML (line 1: Namespace"
        + " prefix x on c is not defined). Re-save the file in Excel or LibreOffice as .xlsx.")
  }

  // MARK: Namespaces

  @Test func anyNamespacePrefixReads() throws {
    let main = TestWorkbook.mainNamespace
    let sheet =
      "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"\(main)\"><x:sheetData>"
      + "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>prefixed</x:t></x:is></x:c>"
      + "<x:c r=\"B1\" t=\"s\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>"
    var workbook = TestWorkbook(
      sheet: sheet,
      sharedStrings: "<?xml version=\"1.0\"?><ss:sst xmlns:ss=\"\(main)\"><ss:si><ss:t>shared"
        + "</ss:t></ss:si></ss:sst>")
    workbook.styles = nil
    var entries = workbook.entries()
    entries = modifying(entries, named: "xl/workbook.xml") { entry in
      entry.data = Array(
        ("<?xml version=\"1.0\"?><w:workbook xmlns:w=\"\(main)\""
          + " xmlns:rel=\"\(TestWorkbook.relationshipNamespace)\"><w:sheets>"
          + "<w:sheet name=\"Prefixed\" sheetId=\"1\" rel:id=\"rId1\"/></w:sheets></w:workbook>")
          .utf8)
    }
    try WorkbookProbe.withDocument(TestZipWriter(entries).bytes()) { (document) throws in
      #expect(document.sheets.map(\.name) == ["Prefixed"])
      #expect(try canonicalGrid(document, sheetAt: 0) == [["prefixed", "shared"]])
    }
  }

  @Test func strictNamespacesRead() throws {
    var entries = TestWorkbook(
      sheet: XMLSecurityTests.oneCellSheet,
      sharedStrings: TestWorkbook.sharedStrings("<si><t>strict</t></si>")
    ).entries()
    entries = replacingText(
      TestWorkbook.mainNamespace, with: "http://purl.oclc.org/ooxml/spreadsheetml/main",
      in: entries)
    entries = replacingText(
      TestWorkbook.relationshipNamespace,
      with: "http://purl.oclc.org/ooxml/officeDocument/relationships", in: entries)
    try WorkbookProbe.withDocument(TestZipWriter(entries).bytes()) { (document) throws in
      #expect(document.format == .workbook(isStrict: true))
      #expect(try canonicalGrid(document, sheetAt: 0) == [["strict"]])
    }
  }

  // MARK: Text as stored

  @Test(arguments: [
    ("<si><t>a_x000D_b</t></si>", "a\rb"),
    ("<si><t>_x005F_x0041_</t></si>", "_x0041_"),
    ("<si><t>_xD83D__xDE00_ smile</t></si>", "😀 smile"),
    ("<si><t>_x0041__x0042_C</t></si>", "ABC"),
    ("<si><t>_xZZZZ_ stays</t></si>", "_xZZZZ_ stays"),
    (
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>",
      "東京"
    ),
    ("<si><r><t>Hello </t></r><r><rPr><b/></rPr><t>World</t></r></si>", "Hello World"),
    (
      "<si><r><t>Rich</t></r><rPh sb=\"0\" eb=\"1\"><t>ricchi</t></rPh><r><t> text</t></r></si>",
      "Rich text"
    ),
    ("<si><t xml:space=\"preserve\">  two  spaces  </t></si>", "  two  spaces  "),
    ("<si><t>  kept without preserve </t></si>", "  kept without preserve "),
    ("<si><t>line one\nline two</t></si>", "line one\nline two"),
    ("<si><t><![CDATA[a<b & c]]></t></si>", "a<b & c"),
    ("<si><t>R&amp;D &#233;t&#233; &amp;amp; &amp;#233;</t></si>", "R&D été &amp; &#233;"),
    ("<si><t/></si>", ""),
  ])
  func sharedStringDecodesAsStored(item: String, expected: String) throws {
    let workbook = TestWorkbook(
      sheet: XMLSecurityTests.oneCellSheet, sharedStrings: TestWorkbook.sharedStrings(item))
    let values = try WorkbookProbe.withDocument(workbook.bytes()) { document in
      var values: [CellValue] = []
      try document.readRows(sheetAt: 0) { row in values = try row.denseValues() }
      return values
    }
    #expect(values == [.text(expected)])
  }

  @Test(arguments: [
    ("<is><t>a_x000A_b</t></is>", "a\nb"),
    ("<is><r><t>in</t></r><r><t>line</t></r></is>", "inline"),
    ("<is><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></is>", "漢字"),
    ("<is><t xml:space=\"preserve\"> x </t></is>", " x "),
    ("<is><t><![CDATA[<&>]]></t></is>", "<&>"),
  ])
  func inlineStringDecodesAsStored(content: String, expected: String) throws {
    let sheet = TestWorkbook.worksheet(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">\(content)</c></row>")
    let values = try WorkbookProbe.withDocument(TestWorkbook(sheet: sheet).bytes()) { document in
      var values: [CellValue] = []
      try document.readRows(sheetAt: 0) { row in values = try row.denseValues() }
      return values
    }
    #expect(values == [.text(expected)])
  }

  @Test(arguments: [
    ("R&amp;D", "R&D"), ("&#233;t&#233;", "été"), ("&amp;amp;", "&amp;"),
    ("&amp;#233;", "&#233;"), ("&#38;#233;", "&#233;"), ("a &lt; b &gt; c", "a < b > c"),
    ("&quot;Q&quot; &apos;A&apos;", "\"Q\" 'A'"), ("&#x1F600;", "😀"),
  ])
  func sheetNameAttributeDecodesExactlyOnce(stored: String, expected: String) throws {
    let workbook = TestWorkbook(sheets: [(stored, XMLSecurityTests.oneCellSheet)])
    let names = try WorkbookProbe.withDocument(workbook.bytes()) { $0.sheets.map(\.name) }
    #expect(names == [expected])
  }
}
