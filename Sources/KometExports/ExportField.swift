import Spreadsheet

/// A column of a Komet export that the table reader looks for.
package enum ExportField: String, Sendable, CaseIterable {
  /// The record's Komet ID, the value the integration needs.
  case id
  case name
  case code
  /// A flag column where a true value means the record is active.
  case active
  /// A flag column where a true value means the record is inactive.
  case inactive
  /// A text column such as `Active` or `Inactive`.
  case status
  /// A column whose header only identifies the export, such as `Credit Limit` or `City`.
  case distinctive
}

/// A non-empty header cell, with its 1-based column.
package struct HeaderCell: Sendable, Equatable, Hashable, CustomStringConvertible {
  package var column: Int
  package var text: String

  package init(column: Int, text: String) {
    self.column = column
    self.text = text
  }

  /// The cell as messages show it: column letters and the quoted header, such as `A "Id"`.
  package var description: String {
    "\(CellReference.columnName(column)) \"\(text)\""
  }
}
