import Spreadsheet

/// Everything that can go wrong while finding the table and the IDs in a Komet export.
///
/// The header cases stop the read. `invalidID` and `idBeyondDoublePrecision` are warnings: the
/// reader collects them in `ExportTable.warnings` and carries on, skipping the row for an invalid
/// ID and keeping it for an imprecise one. Each `description` states what is wrong, where, and what
/// to do next.
package enum ExportError: Error, Equatable, Sendable {
  /// No row has two known headers of one export. `headers` are those of the first row that has
  /// two or more text cells, and `row` is nil when no row has.
  case notAnExport(file: String, sheet: String, row: Int?, headers: [HeaderCell])
  /// The header row fits both exports equally well.
  case ambiguousExportKind(
    file: String, sheet: String, row: Int, customerHeaders: [HeaderCell],
    locationHeaders: [HeaderCell])
  case missingIDColumn(
    file: String, sheet: String, row: Int, kind: ExportKind, headers: [HeaderCell])
  case ambiguousIDColumns(
    file: String, sheet: String, row: Int, kind: ExportKind, candidates: [HeaderCell])
  /// An ID cell that is neither a whole non-negative number nor digits, so the row is skipped.
  case invalidID(
    file: String, sheet: String, row: Int, column: Int, kind: ExportKind, value: CellValue)
  /// An ID stored as a number at or above 2^53, whose last digits may have been lost. The row
  /// is kept with the digits the number has.
  case idBeyondDoublePrecision(
    file: String, sheet: String, row: Int, column: Int, kind: ExportKind, value: Double)
  /// Two tables of the same kind were given, so it is unclear which one to use.
  case duplicateExport(kind: ExportKind, first: String, second: String)

  /// Whether the read goes on after this problem, so it is a warning rather than an error.
  package var isWarning: Bool {
    switch self {
    case .invalidID, .idBeyondDoublePrecision: return true
    default: return false
    }
  }
}

extension ExportError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .notAnExport(let file, let sheet, let row, let headers):
      return notAnExportMessage(file: file, sheet: sheet, row: row, headers: headers)
    case .ambiguousExportKind(let file, let sheet, let row, let customers, let locations):
      return "\(place(file, sheet)), row \(row): the headers fit a customers export"
        + " (\(list(customers))) and a locations export (\(list(locations))) equally well."
        + " Export the file again from Komet with all its columns, so that headers such as"
        + " \"Customer Type\" or \"City\" tell the two apart."
    case .missingIDColumn(let file, let sheet, let row, let kind, let headers):
      return "\(place(file, sheet)), row \(row): this looks like a Komet \(kind.rawValue)"
        + " export, but no column has an ID header. The headers are: \(list(headers))."
        + " Accepted ID headers: \(idHeaders(kind)). Export \(kind.menuName) again with its ID"
        + " column, or rename that column's header to one of these."
    case .ambiguousIDColumns(let file, let sheet, let row, let kind, let candidates):
      return "\(place(file, sheet)), row \(row): several columns could hold the"
        + " \(kind.recordNoun) ID: \(list(candidates)). Delete or rename all but the one that"
        + " holds Komet's \(kind.recordNoun) ID."
    case .invalidID(let file, let sheet, let row, let column, let kind, .text(let text))
    where ExportID.isScientificNotation(text):
      return "\(place(file, sheet)), cell \(cell(column, row)): the \(kind.recordNoun) ID"
        + " \"\(text)\" is in scientific notation, as a spreadsheet saves a long number to CSV,"
        + " and its last digits are lost, so the row is skipped. Use the .xlsx export, or format"
        + " the column as Text or as a number without decimals before saving as CSV."
    case .invalidID(let file, let sheet, let row, let column, let kind, let value):
      return "\(place(file, sheet)), cell \(cell(column, row)): the \(kind.recordNoun) ID"
        + " \(invalidIDDetail(value)), so the row is skipped. Correct the ID in Komet and"
        + " export again, or check that this column holds the IDs."
    case .idBeyondDoublePrecision(let file, let sheet, let row, let column, let kind, let value):
      return "\(place(file, sheet)), cell \(cell(column, row)): the \(kind.recordNoun) ID"
        + " \(ExportID.digits(ofIntegral: value)) is stored as a number of 2^53"
        + " (9007199254740992) or more, which keeps only about 16 significant digits, so its"
        + " last digits may be wrong. Compare it with the ID in Komet; if they differ, export"
        + " to CSV, or format the column as Text, so the ID is kept as text."
    case .duplicateExport(let kind, let first, let second):
      return "both \(first) and \(second) are \(kind.rawValue) exports. Pass only one"
        + " \(kind.rawValue) export."
    }
  }
}

/// Returns `file, sheet "name"`, the start of every message.
private func place(_ file: String, _ sheet: String) -> String {
  "\(file), sheet \"\(sheet)\""
}

private func cell(_ column: Int, _ row: Int) -> String {
  CellReference(column: column, row: row).description
}

private func list(_ headers: [HeaderCell]) -> String {
  headers.map(\.description).joined(separator: ", ")
}

private func idHeaders(_ kind: ExportKind) -> String {
  let ids = HeaderSynonyms.headers(of: kind).first { $0.field == .id }?.headers ?? []
  return ids.joined(separator: ", ")
}

private func notAnExportMessage(
  file: String, sheet: String, row: Int?, headers: [HeaderCell]
) -> String {
  let start =
    "\(place(file, sheet)): not a Komet customers or locations export, because no"
    + " row has two headers of either export."
  let advice =
    " Export Setup > Customers or Setup > Locations from Komet to Excel, or rename"
    + " the header cells to the ones listed in docs/exports.md."
  guard let row, !headers.isEmpty else {
    return start + " The sheet has no row with two or more text cells." + advice
  }
  return start + " Row \(row) has the headers: \(list(headers))." + advice
}

private func invalidIDDetail(_ value: CellValue) -> String {
  switch value {
  case .number(let number) where number < 0:
    return "\(number) is negative"
  case .number(let number):
    return "\(number) is not a whole number"
  case .text(let text):
    return "\"\(text)\" is not a string of digits"
  case .boolean, .error:
    return "cell holds \(value.canonicalText), not an ID"
  case .dateTime, .timeOfDay, .duration:
    return "cell holds the date or time \(value.canonicalText), not an ID (the column may have"
      + " a date format)"
  case .empty:
    return "cell is empty"
  }
}
