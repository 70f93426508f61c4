/// An OOXML workbook package: its sheets, shared strings and styles, with rows streamed on demand.
final class XLSXWorkbook {
  let path: String
  let isStrict: Bool
  let sheets: [SheetInfo]

  init(path: String, limits: ReadLimits) throws {
    // TODO: placeholder until the workbook reader lands.
    self.path = path
    self.isStrict = false
    self.sheets = []
  }

  func readRows(sheetAt index: Int, _ body: (RowView) throws -> Void) throws {
  }
}
