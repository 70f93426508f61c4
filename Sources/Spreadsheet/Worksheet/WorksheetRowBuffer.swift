/// The cells of the row being parsed, in storage reused from row to row.
struct WorksheetRowBuffer {
  var count = 0

  func column(at index: Int) -> Int { 0 }
}

/// Turns raw cell entries into typed values with the workbook's shared strings and styles.
final class SheetValueResolver {
  func value(of buffer: UnsafeMutablePointer<WorksheetRowBuffer>, at index: Int) throws -> CellValue {
    .empty
  }
}
