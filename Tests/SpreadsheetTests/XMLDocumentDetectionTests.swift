import Foundation
import Testing

@testable import Spreadsheet

/// Excel's "XML Spreadsheet 2003" as web applications still export it under an .xls name.
private let spreadsheet2003 = """
  <?xml version="1.0"?>
  <?mso-application progid="Excel.Sheet"?>
  <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
   xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
   <Worksheet ss:Name="Customers"><Table>
    <Row><Cell><Data ss:Type="String">Customer ID</Data></Cell></Row>
   </Table></Worksheet>
  </Workbook>
  """

private let spreadsheet2003Variant = "XML Spreadsheet 2003, one XML file"

struct XMLDocumentDetectionTests {
  @Test(arguments: [
    DetectionCase(
      "xml spreadsheet 2003", text: spreadsheet2003, .legacyExcel(spreadsheet2003Variant)),
    DetectionCase(
      "xml spreadsheet 2003 with utf-8 bom", [0xEF, 0xBB, 0xBF] + Array(spreadsheet2003.utf8),
      .legacyExcel(spreadsheet2003Variant)),
    DetectionCase(
      "xml spreadsheet 2003 in utf-16",
      [0xFF, 0xFE]
        + Array(spreadsheet2003.utf16).flatMap {
          [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        }, .legacyExcel(spreadsheet2003Variant)),
    DetectionCase(
      "other xml document", file: "customers.xml",
      text: "<?xml version=\"1.0\"?>\n<customers><customer id=\"1\"/></customers>\n",
      .unrecognized("an XML document")),
    DetectionCase(
      "csv with angle brackets", file: "customers.csv",
      text: "Customer ID,Customer Name\n1,<DWF>\n", .format(.delimitedText)),
  ])
  func xmlDocumentIsNotReadAsCSV(testCase: DetectionCase) throws {
    let outcome = try FormatTestSupport.withFile(named: testCase.fileName, bytes: testCase.bytes) {
      try DetectionOutcome.detect(path: $0)
    }
    #expect(outcome == testCase.expected)
  }

  @Test func spreadsheet2003MessageSaysResave() throws {
    let message = try FormatTestSupport.withFile(
      named: "customers.xls", bytes: Array(spreadsheet2003.utf8)
    ) { path in
      #expect(throws: SpreadsheetError.self) { try SpreadsheetDocument(path: path) }
      do {
        _ = try SpreadsheetDocument(path: path)
        return ""
      } catch {
        return "\(error)".replacingOccurrences(of: path, with: "customers.xls")
      }
    }

    #expect(
      message
        == "customers.xls: this is a legacy Excel .xls workbook (XML Spreadsheet 2003, one XML"
        + " file), which is not read. Open it in Excel or LibreOffice and re-save it as .xlsx"
        + " or .csv.")
  }
}
