/// One row of a sheet, lent to a row handler for the duration of the call.
///
/// A row holds only the cells that have a stored value or entry, in ascending column order.
/// Do not keep a `RowView` after the handler returns: for worksheets it points into the
/// parser's buffers, which the next row reuses.
package struct RowView {
  /// The 1-based row number.
  package let number: Int

  private let storage: Storage

  enum Storage {
    case values(columns: [Int], values: [CellValue])
    case worksheet(UnsafeMutablePointer<WorksheetRowBuffer>, SheetValueResolver)
  }

  /// Creates a row from values placed in columns 1, 2, 3 and so on; empty values are kept.
  package init(number: Int, values: [CellValue]) {
    self.number = number
    self.storage = .values(
      columns: Array(stride(from: 1, through: values.count, by: 1)),
      values: values)
  }

  init(number: Int, storage: Storage) {
    self.number = number
    self.storage = storage
  }

  /// The number of cells stored in the row.
  package var count: Int {
    switch storage {
    case .values(_, let values): return values.count
    case .worksheet(let buffer, _): return buffer.pointee.count
    }
  }

  /// Returns the 1-based column of the cell at `index`.
  package func column(at index: Int) -> Int {
    switch storage {
    case .values(let columns, _): return columns[index]
    case .worksheet(let buffer, _): return buffer.pointee.column(at: index)
    }
  }

  /// Returns the typed value of the cell at `index`.
  package func value(at index: Int) throws -> CellValue {
    switch storage {
    case .values(_, let values): return values[index]
    case .worksheet(let buffer, let resolver):
      return try resolver.value(of: buffer, at: index, row: number)
    }
  }

  /// Returns the row as values from column 1 to the last stored cell, with gaps empty.
  package func denseValues() throws -> [CellValue] {
    guard count > 0 else { return [] }
    var values = [CellValue](repeating: .empty, count: column(at: count - 1))
    for index in 0..<count {
      values[column(at: index) - 1] = try value(at: index)
    }
    return values
  }
}
