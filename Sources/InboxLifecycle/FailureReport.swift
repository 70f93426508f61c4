/// The account of a failed input (the problem, its place, the expected content and the next
/// step), written to its `NAME.error.txt` in `inbox/failed/`.
package struct FailureReport: Equatable, Sendable {
  /// The file's name as it was dropped into the inbox.
  package var fileName: String
  package var sheet: String?
  /// The row number as a spreadsheet shows it, counted from 1.
  package var row: Int?
  /// The column as a spreadsheet shows it (`B`) or its header text.
  package var column: String?
  /// The offending cell or field value, as read.
  package var value: String?
  /// The problem, in one or two sentences.
  package var problem: String
  /// The content the file, cell or field should have had.
  package var expected: String
  /// The grower's staff's next step, such as a fixed export to drop again.
  package var action: String

  package init(
    fileName: String, sheet: String? = nil, row: Int? = nil, column: String? = nil,
    value: String? = nil, problem: String, expected: String, action: String
  ) {
    self.fileName = fileName
    self.sheet = sheet
    self.row = row
    self.column = column
    self.value = value
    self.problem = problem
    self.expected = expected
    self.action = action
  }

  /// Renders the report as the error file's text, one `Label: value` line per known fact,
  /// with `storedAs` naming where the input now is.
  package func text(storedAs: String) -> String {
    var lines = ["File: \(fileName)"]
    if let sheet { lines.append("Sheet: \(sheet)") }
    if let row { lines.append("Row: \(row)") }
    if let column { lines.append("Column: \(column)") }
    if let value { lines.append("Value: \(value)") }
    lines.append("Stored as: \(storedAs)")
    lines.append("")
    lines.append("Problem: \(problem)")
    lines.append("Expected: \(expected)")
    lines.append("What to do: \(action)")
    return lines.joined(separator: "\n") + "\n"
  }
}
