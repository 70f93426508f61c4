/// The place in an order file where a value or a problem was found.
package enum SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The whole file.
  case file
  /// A CSV record, 1-based, counting the header row.
  case csvRow(Int)
  /// A CSV cell: the record, the 1-based column and the column's header.
  case csvCell(row: Int, column: Int, header: String)
  /// A JSON path such as `orders[0].lines[2].unitPrice`.
  case jsonPath(String)

  package var description: String {
    switch self {
    case .file: return "the file"
    case .csvRow(let row): return "row \(row)"
    case .csvCell(let row, let column, let header):
      return "row \(row), column \(column) (\(header))"
    case .jsonPath(let path): return path
    }
  }
}
