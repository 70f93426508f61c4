import Foundation
import Testing

@testable import Spreadsheet

struct HTMLCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let tables: [[[String]]]

  init(_ name: String, _ html: String, _ tables: [[[String]]]) {
    self.init(name, bytes: Array(html.utf8), tables)
  }

  init(_ name: String, bytes: [UInt8], _ tables: [[[String]]]) {
    self.name = name
    self.bytes = bytes
    self.tables = tables
  }

  var testDescription: String { name }
}

private let htmlCases: [HTMLCase] = [
  HTMLCase(
    "header and data cells",
    "<table><tr><th>Id</th><th>Name</th></tr><tr><td>1</td><td>Rosa</td></tr></table>",
    [[["Id", "Name"], ["1", "Rosa"]]]),
  HTMLCase(
    "white space collapsed and trimmed",
    "<table><tr><td>\n  Dutch \t Wholesale\r\n Flowers  </td>"
      + "<td>&nbsp;12345&nbsp;</td></tr></table>",
    [[["Dutch Wholesale Flowers", "12345"]]]),
  HTMLCase(
    "line breaks", "<table><tr><td><br>line one <br/> line two<br><br>three<br></td></tr></table>",
    [[["line one\nline two\n\nthree"]]]),
  HTMLCase(
    "entities and inline markup",
    "<table><tr><td>A &amp; B &lt;x&gt; &eacute;</td><td><b>bold</b><i>it</i></td></tr></table>",
    [[["A & B <x> é", "boldit"]]]),
  HTMLCase(
    "colspan pads empty cells",
    "<table><tr><td colspan=\"3\">Title</td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table>",
    [[["Title", "", "", "x"], ["a", "b"]]]),
  HTMLCase(
    "rowspan leaves the column empty below",
    "<table><tr><td rowspan=2>A</td><td>b1</td></tr><tr><td>b2</td></tr>"
      + "<tr><td>a3</td><td>b3</td></tr></table>",
    [[["A", "b1"], ["", "b2"], ["a3", "b3"]]]),
  HTMLCase(
    "invalid and huge spans",
    "<table><tr><td colspan=\"zero\">a</td><td colspan=0>b</td><td colspan=99999999999>c</td>"
      + "</tr></table>",
    [[["a", "b", "c"] + Array(repeating: "", count: 999)]]),
  HTMLCase(
    "sections and unclosed tags",
    "<TABLE><THEAD><TR><TH>id<TH>code</THEAD><TBODY><TR><TD>1<TD>DWF<TR><TD>2<TD>X</TABLE>",
    [[["id", "code"], ["1", "DWF"], ["2", "X"]]]),
  HTMLCase(
    "two tables and an empty row",
    "<p>before</p><table><tr><td>1</td></tr><tr></tr><tr><td>3</td></tr></table>"
      + "<table><tr><td>second</td></tr></table>",
    [[["1"], [], ["3"]], [["second"]]]),
  HTMLCase(
    "nested table is its own table",
    "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>next</td></tr></table>",
    [[["outer", "next"]], [["inner"]]]),
  HTMLCase(
    "script and style skipped",
    "<table><tr><td>a<script>var x = 1;</script><style>td {}</style></td></tr></table>",
    [[["a"]]]),
  HTMLCase(
    "block elements separate words",
    "<table><tr><td><p>one</p><p>two</p><div>three</div></td></tr></table>",
    [[["one two three"]]]),
  HTMLCase(
    "UTF-8 without a charset", "<table><tr><td>Café Rosé</td></tr></table>",
    [[["Café Rosé"]]]),
  HTMLCase(
    "Windows-1252 without a charset",
    bytes: Array("<table><tr><td>Caf".utf8) + [0xE9, 0x20, 0x80, 0x81]
      + Array("</td></tr></table>".utf8),
    [[["Café €\u{81}"]]]),
  HTMLCase(
    "declared ISO-8859-1",
    bytes: Array("<html><head><meta charset=\"iso-8859-1\"></head><table><tr><td>Caf".utf8) + [0xE9]
      + Array("</td></tr></table>".utf8),
    [[["Café"]]]),
  HTMLCase(
    "declared Windows-1252 with an undefined byte",
    bytes: Array("<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>".utf8)
      + Array("<table><tr><td>a".utf8) + [0x81, 0x80] + Array("</td><td>c</td></tr></table>".utf8),
    [[["a\u{81}€", "c"]]]),
  HTMLCase(
    "declared UTF-8", "<meta charset=\"UTF-8\"><table><tr><td>Ærø</td></tr></table>",
    [[["Ærø"]]]),
  HTMLCase(
    "entity declared in the page is not expanded",
    "<!DOCTYPE html [<!ENTITY host SYSTEM \"file:///etc/hostname\">]>"
      + "<table><tr><td>&host;</td></tr></table>",
    [[["&host;"]]]),
]

struct HTMLTableReaderTests {
  @Test(arguments: htmlCases)
  func readsTables(_ testCase: HTMLCase) throws {
    let tables = try FormatTestSupport.withFile(named: "export.xls", bytes: testCase.bytes) {
      try HTMLTableReader.readTables(path: $0)
    }

    #expect(tables == testCase.tables)
  }

  @Test(arguments: [
    "<html><body><p>No data for this period.</p></body></html>",
    "<!DOCTYPE html><html></html>",
  ])
  func rejectsPageWithoutTable(html: String) throws {
    try FormatTestSupport.withFile(named: "export.xls", bytes: Array(html.utf8)) { path in
      #expect(
        throws: SpreadsheetError.unrecognizedFormat(
          path: path, detail: "an HTML page without a table")
      ) {
        try HTMLTableReader.readTables(path: path)
      }
    }
  }

  @Test func documentReadsLibreOfficeHTMLExport() throws {
    let path = FormatTestSupport.fixture("made/customers-libreoffice-html.xls")

    let document = try SpreadsheetDocument(path: path)

    #expect(document.format == .htmlTable)
    #expect(document.sheets.map(\.name) == ["Table 1"])
    #expect(
      try FormatTestSupport.documentGrid(path: path) == [
        ["id", "name", "code"], ["1001", "Dutch Wholesale Flowers", "DWF"],
        ["1002", "Flores del Campo", "FDC"], ["1003", "Café Rosé", "CRO"],
      ])
  }

  @Test func documentKeepsRowNumbersOfEmptyRows() throws {
    let html = "<table><tr><td>Customers</td></tr><tr></tr><tr><td>id</td></tr></table>"

    let grid = try FormatTestSupport.withFile(named: "export.xls", bytes: Array(html.utf8)) {
      try FormatTestSupport.documentGrid(path: $0)
    }

    #expect(grid == [["Customers"], [], ["id"]])
  }

  @Test(.timeLimit(.minutes(1)))
  func survivesDeepNesting() throws {
    let html =
      "<table><tr><td>" + String(repeating: "<div><span>", count: 50_000) + "deep"
      + "</td></tr></table>"

    let tables = try FormatTestSupport.withFile(named: "deep.xls", bytes: Array(html.utf8)) {
      try HTMLTableReader.readTables(path: $0)
    }

    #expect(tables.count == 1)
  }
}
