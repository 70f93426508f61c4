import Foundation
import Testing

@testable import Spreadsheet

struct CSVCase: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let encoding: TextEncoding
  let delimiter: Character
  let records: [CSVRecord]

  init(
    _ name: String, _ bytes: [UInt8], _ encoding: TextEncoding = .utf8, _ delimiter: Character,
    _ records: [(Int, [String])]
  ) {
    self.name = name
    self.bytes = bytes
    self.encoding = encoding
    self.delimiter = delimiter
    self.records = records.map { CSVRecord(number: $0.0, fields: $0.1) }
  }

  init(
    _ name: String, text: String, delimiter: Character = ",", _ records: [(Int, [String])]
  ) {
    self.init(name, Array(text.utf8), .utf8, delimiter, records)
  }

  var testDescription: String { name }
}

private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
  let units = Array(text.utf16).flatMap { unit -> [UInt8] in
    let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
    return bigEndian ? [high, low] : [low, high]
  }
  return (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + units
}

private let threeRows: [(Int, [String])] = [
  (1, ["id", "name"]), (2, ["1", "Rosa"]), (3, ["2", "Tulip"]),
]

private let csvCases: [CSVCase] = [
  CSVCase("LF line ends", text: "id,name\n1,Rosa\n2,Tulip\n", threeRows),
  CSVCase("CRLF line ends", text: "id,name\r\n1,Rosa\r\n2,Tulip\r\n", threeRows),
  CSVCase("CR line ends", text: "id,name\r1,Rosa\r2,Tulip\r", threeRows),
  CSVCase("no final line end", text: "id,name\n1,Rosa\n2,Tulip", threeRows),
  CSVCase(
    "quoted delimiter, quotes and line ends",
    text: "id,note\r\n1,\"a, \"\"b\"\"\nc\rd\r\ne\"\r\n2,x\r\n",
    [(1, ["id", "note"]), (2, ["1", "a, \"b\"\nc\rd\r\ne"]), (3, ["2", "x"])]),
  CSVCase(
    "blank lines keep numbers", text: "a\n\nb\n\r\n\nc",
    [(1, ["a"]), (3, ["b"]), (6, ["c"])]),
  CSVCase(
    "empty fields", text: "\"\"\n,,\nx,\n",
    [(1, [""]), (2, ["", "", ""]), (3, ["x", ""])]),
  CSVCase("only a line end", text: "\n", []),
  CSVCase(
    "quote inside an unquoted field", text: "size,x\n5\" pipe,y\n",
    [(1, ["size", "x"]), (2, ["5\" pipe", "y"])]),
  CSVCase("text after a closing quote", text: "\"ab\"c,d\n", [(1, ["abc", "d"])]),
  CSVCase(
    "UTF-8 multibyte", text: "naïve,日本\n😀,x\n", [(1, ["naïve", "日本"]), (2, ["😀", "x"])]),
  CSVCase(
    "UTF-8 BOM before a quote", [0xEF, 0xBB, 0xBF] + Array("\"id\",x\r\n1,2\r\n".utf8),
    .utf8WithBOM, ",", [(1, ["id", "x"]), (2, ["1", "2"])]),
  CSVCase(
    "UTF-16LE with BOM", utf16("id\tname\r\n1\tCafé 😀\r\n", bigEndian: false),
    .utf16LittleEndian, "\t", [(1, ["id", "name"]), (2, ["1", "Café 😀"])]),
  CSVCase(
    "UTF-16BE with BOM", utf16("id;name\n1;Ærø\n", bigEndian: true), .utf16BigEndian, ";",
    [(1, ["id", "name"]), (2, ["1", "Ærø"])]),
  CSVCase(
    "Windows-1252",
    Array("name;price\r\nCaf".utf8) + [0xE9, 0x3B, 0x80, 0x20, 0x35, 0x0D, 0x0A]
      + [0x81, 0x8D, 0x9F, 0x93, 0x94, 0x3B, 0x78, 0x0D, 0x0A],
    .windows1252, ";",
    [(1, ["name", "price"]), (2, ["Café", "€ 5"]), (3, ["\u{81}\u{8D}Ÿ“”", "x"])]),
  CSVCase(
    "semicolons with decimal commas", text: "id;price\n1;2,5\n2;3,5\n", delimiter: ";",
    [(1, ["id", "price"]), (2, ["1", "2,5"]), (3, ["2", "3,5"])]),
  CSVCase("tabs", text: "a\tb\n1\t2\n", delimiter: "\t", [(1, ["a", "b"]), (2, ["1", "2"])]),
  CSVCase(
    "pipes", text: "a|b|c\n1|2|3\n", delimiter: "|", [(1, ["a", "b", "c"]), (2, ["1", "2", "3"])]),
  CSVCase(
    "delimiters inside quotes do not count", text: "\"a;b;c\",d\n\"1;2;3\",e\n",
    [(1, ["a;b;c", "d"]), (2, ["1;2;3", "e"])]),
  CSVCase("one column", text: "id\n1\n2\n", [(1, ["id"]), (2, ["1"]), (3, ["2"])]),
  CSVCase(
    "comma in one record of a semicolon file", text: "a;b\n1;x, y\n2;z\n", delimiter: ";",
    [(1, ["a", "b"]), (2, ["1", "x, y"]), (3, ["2", "z"])]),
  CSVCase(
    "Excel sep= line names the delimiter", text: "sep=;\r\nid;name\r\n1;DWF, Inc.\r\n",
    delimiter: ";", [(1, ["id", "name"]), (2, ["1", "DWF, Inc."])]),
  CSVCase(
    "sep= line with a tab and no data", text: "sep=\t", delimiter: "\t", []),
  CSVCase(
    "sep= with more text is data", text: "sep=;x,y\n1,2\n",
    [(1, ["sep=;x", "y"]), (2, ["1", "2"])]),
]

struct CSVFileTests {
  @Test(arguments: csvCases, [1, 2, 3, 7, 64 << 10])
  func readsRecords(_ testCase: CSVCase, chunkSize: Int) throws {
    try FormatTestSupport.withFile(bytes: testCase.bytes) { path in
      let file = try CSVFile(path: path, chunkSize: chunkSize)

      #expect(file.encoding == testCase.encoding)
      #expect(file.delimiter == testCase.delimiter.asciiValue)
      #expect(
        try FormatTestSupport.csvRecords(path: path, chunkSize: chunkSize) == testCase.records)
    }
  }

  @Test(arguments: [
    ("id,note\n1,ok\n2,\"never\nends\n", 3),
    ("\"a\r\nb", 1),
    ("a\r\r\"x", 3),
    ("a,\"b\"\"\n", 1),
    ("x\r\n\"closed\"\r\n\"open", 3),
  ])
  func rejectsUnterminatedQuote(text: String, line: Int) throws {
    try FormatTestSupport.withFile(bytes: Array(text.utf8)) { path in
      let file = try CSVFile(path: path, chunkSize: 2)

      #expect(throws: SpreadsheetError.csvUnterminatedQuote(path: path, line: line)) {
        try file.readRows { _, _ in }
      }
    }
  }

  @Test(
    arguments: [
      ([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xDC], "UTF-16LE", 4),
      ([0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00], "UTF-16LE", 2),
      ([0xFF, 0xFE, 0x61, 0x00, 0x62], "UTF-16LE", 4),
      ([0xFE, 0xFF, 0x00, 0x61, 0xD8, 0x00], "UTF-16BE", 4),
    ] as [([UInt8], String, Int)])
  func rejectsInvalidUTF16(bytes: [UInt8], encoding: String, offset: Int) throws {
    try FormatTestSupport.withFile(bytes: bytes) { path in
      #expect(
        throws: SpreadsheetError.csvInvalidEncoding(path: path, encoding: encoding, offset: offset)
      ) {
        try CSVFile(path: path, chunkSize: 3)
      }
    }
  }

  @Test func unterminatedQuoteMessageNamesLine() throws {
    let error = SpreadsheetError.csvUnterminatedQuote(path: "/inbox/customers.csv", line: 3)

    #expect(
      error.description
        == "/inbox/customers.csv: the quoted field that starts on line 3 never ends."
        + " Check that line for a stray double quote, or export the file again.")
  }

  @Test(arguments: [false, true])
  func streamsLargeFile(isUTF16: Bool) throws {
    var text = "id,name,note\r\n"
    for index in 1...20_000 {
      text += "\(index),Café \(index) 😀,\"line \(index)\nsecond, \"\"part\"\"\"\r\n"
    }
    let bytes = isUTF16 ? utf16(text, bigEndian: false) : Array(text.utf8)

    try FormatTestSupport.withFile(bytes: bytes) { path in
      let file = try CSVFile(path: path, chunkSize: 4_093)
      var count = 0
      var last = CSVRecord(number: 0, fields: [])
      try file.readRows { number, fields in
        count += 1
        last = CSVRecord(number: number, fields: fields)
      }

      #expect(file.encoding == (isUTF16 ? .utf16LittleEndian : .utf8))
      #expect(count == 20_001)
      #expect(
        last
          == CSVRecord(
            number: 20_001,
            fields: ["20000", "Café 20000 😀", "line 20000\nsecond, \"part\""]))
    }
  }

  @Test func sheetNameDropsFolderAndExtension() {
    #expect(CSVFile.sheetName(forPath: "/inbox/Customers 2024.csv") == "Customers 2024")
    #expect(CSVFile.sheetName(forPath: "/inbox/.hidden") == ".hidden")
    #expect(CSVFile.sheetName(forPath: "locations") == "locations")
  }

  @Test(
    arguments: [
      ("corpus/bugreports/23-csv-bom-crlf.csv", TextEncoding.utf8WithBOM, ","),
      ("corpus/bugreports/25-csv-no-final-eol.csv", .utf8, ","),
      ("corpus/bugreports/25-csv-quoted-bare-cr.csv", .utf8, ","),
      ("corpus/bugreports/25-csv-quoted-newline.csv", .utf8, ","),
      ("corpus/bugreports/41-csv-date-strings.csv", .utf8, ","),
      ("corpus/bugreports/43-csv-bom-quoted-header.csv", .utf8WithBOM, ","),
    ] as [(String, TextEncoding, Character)])
  func readsBugReportCorpus(path: String, encoding: TextEncoding, delimiter: Character) throws {
    let input = FormatTestSupport.fixture(path)
    let expected = FormatTestSupport.fixture(
      path.replacingOccurrences(of: ".csv", with: ".expected/1.csv"))

    try expectDocument(
      input, encoding: encoding, delimiter: delimiter, matches: expected)
  }

  @Test(
    arguments: [
      // The corpus's sheets.json names the encoding (cp1252, utf-8) and the delimiter.
      ("xlsx/ExcelDataReader/csv__cp1252.csv", TextEncoding.windows1252, ","),
      ("xlsx/roo/iso_8859_1.csv", .utf8, ";"),
    ] as [(String, TextEncoding, Character)])
  func readsProjectCorpus(path: String, encoding: TextEncoding, delimiter: Character) throws {
    let input = FormatTestSupport.fixture("corpus/" + path)
    let expected = FormatTestSupport.fixture("corpus/" + path + ".expected/0.csv")

    try expectDocument(input, encoding: encoding, delimiter: delimiter, matches: expected)
  }

  @Test(
    arguments: [
      ("made/customers.csv", TextEncoding.utf8, ","),
      ("made/customers-libreoffice-1252-semicolon.csv", .windows1252, ";"),
      ("made/customers-libreoffice-utf16-tab.txt", .utf16LittleEndian, "\t"),
    ] as [(String, TextEncoding, Character)])
  func readsLibreOfficeExports(path: String, encoding: TextEncoding, delimiter: Character) throws {
    let document = try SpreadsheetDocument(path: FormatTestSupport.fixture(path))

    #expect(
      document.format
        == .delimitedText(encoding: encoding, delimiter: delimiter.asciiValue!))
    #expect(
      try FormatTestSupport.documentGrid(path: FormatTestSupport.fixture(path)) == [
        ["id", "name", "code"], ["1001", "Dutch Wholesale Flowers", "DWF"],
        ["1002", "Flores del Campo", "FDC"], ["1003", "Café Rosé", "CRO"],
      ])
  }

  /// Opens `input` through `SpreadsheetDocument` and compares its grid with the CSV `expected`.
  private func expectDocument(
    _ input: String, encoding: TextEncoding, delimiter: Character, matches expected: String
  ) throws {
    let document = try SpreadsheetDocument(path: input)

    #expect(document.format == .delimitedText(encoding: encoding, delimiter: delimiter.asciiValue!))
    let grid = FormatTestSupport.normalized(try FormatTestSupport.documentGrid(path: input))
    let expectedGrid = FormatTestSupport.normalized(
      try FormatTestSupport.parseExpectedCSV(path: expected))
    #expect(grid == expectedGrid)
  }
}
