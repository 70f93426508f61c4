/// Parses the expected CSV files of the corpus (RFC 4180, `\n` or `\r\n` line ends) into a grid,
/// independently of the reader under test, and normalises grids for comparison.
enum GridCSV {
  /// Parses `text` into rows of fields.
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var isQuoted = false
    var isAfterQuote = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = scalars.next()

    while let scalar = pending {
      pending = scalars.next()
      if isQuoted {
        if scalar == "\"" {
          if pending == "\"" {
            field.unicodeScalars.append("\"")
            pending = scalars.next()
          } else {
            isQuoted = false
            isAfterQuote = true
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty && !isAfterQuote:
        isQuoted = true
      case ",":
        row.append(field)
        field = ""
        isAfterQuote = false
      case "\r" where pending == "\n":
        continue
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
        isAfterQuote = false
      default:
        field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !row.isEmpty || isAfterQuote {
      row.append(field)
      rows.append(row)
    }
    return normalized(rows)
  }

  /// Drops empty cells at the end of each row and empty rows at the end of the grid.
  static func normalized(_ rows: [[String]]) -> [[String]] {
    var result = rows.map { row -> [String] in
      guard let last = row.lastIndex(where: { !$0.isEmpty }) else { return [] }
      return Array(row[...last])
    }
    while let last = result.last, last.isEmpty { result.removeLast() }
    return result
  }
}
