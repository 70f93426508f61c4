import Foundation
import Inventory
import KometExports
import Spreadsheet

/// The cells of one inventory export row, read field by field, with the invalid ones collected.
struct RowCells {
  let row: Int
  let values: [CellValue]
  let columns: [InventoryExportField: Int]
  private(set) var errors: [InventoryCellError] = []

  init(row: Int, values: [CellValue], columns: [InventoryExportField: Int]) {
    self.row = row
    self.values = values
    self.columns = columns
  }

  /// Returns the cell of `field`, `.empty` when the export has no such column or the row is
  /// shorter.
  func value(_ field: InventoryExportField) -> CellValue {
    guard let column = columns[field], column <= values.count else { return .empty }
    return values[column - 1]
  }

  func isBlank(_ field: InventoryExportField) -> Bool {
    trimmedText(value(field)) == nil
  }

  /// Returns the cell's canonical text, trimmed, or nil when blank. Whole numbers have no `.0`.
  func text(_ field: InventoryExportField) -> String? {
    trimmedText(value(field))
  }

  mutating func fail(_ field: InventoryExportField, _ problem: InventoryCellError.Problem) {
    errors.append(
      InventoryCellError(
        row: row, column: columns[field] ?? 0, field: field,
        value: trimmedText(value(field)) ?? "", problem: problem))
  }

  /// Reads an ID as digits. A blank cell is an error only when `problem` is given.
  mutating func id(
    _ field: InventoryExportField, problem: InventoryCellError.Problem?
  ) -> String? {
    switch ExportID.read(value(field)) {
    case .blank:
      if let problem { fail(field, problem) }
      return nil
    case .invalid:
      fail(field, .invalidID)
      return nil
    case .id(let digits, let isImprecise):
      if isImprecise {
        fail(field, .invalidID)
        return nil
      }
      return digits
    }
  }

  /// Reads `OH`, `On Hand`, `FS`, `Future` or `Future Sales`, ignoring case and spaces.
  mutating func origin() -> InventoryOrigin? {
    guard let text = trimmedText(value(.origin)) else {
      fail(.origin, .missingValue)
      return nil
    }
    switch HeaderSynonyms.normalize(text) {
    case "oh", "onhand": return .onHand
    case "fs", "future", "futuresale", "futuresales": return .future
    default:
      fail(.origin, .invalidOrigin)
      return nil
    }
  }

  /// Reads a whole number of 0 or more, from a number cell or digit text.
  mutating func count(_ field: InventoryExportField, isRequired: Bool) -> Int? {
    let cell = value(field)
    if trimmedText(cell) == nil {
      if isRequired { fail(field, .missingValue) }
      return nil
    }
    guard case .id(let digits, false) = ExportID.read(cell), digits.count <= 9,
      let number = Int(digits)
    else {
      fail(field, .invalidCount)
      return nil
    }
    return number
  }

  /// Reads the unit price as a `Decimal` from the cell's text, never through `Double`
  /// arithmetic: a number cell gives its shortest round-trip text, such as `0.45`.
  mutating func price() -> Decimal? {
    guard let text = trimmedText(value(.unitPrice)) else {
      fail(.unitPrice, .missingValue)
      return nil
    }
    guard Self.isDecimalText(text),
      let price = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    else {
      fail(.unitPrice, .invalidPrice)
      return nil
    }
    return price
  }

  /// Reads a date cell, or text of the form `YYYY-MM-DD`, as `YYYY-MM-DD`. Blank is nil.
  mutating func date(_ field: InventoryExportField) -> String? {
    let cell = value(field)
    switch cell {
    case .empty:
      return nil
    case .dateTime(let dateTime):
      return String(CellValue.dateTime(dateTime).canonicalText.prefix(10))
    case .text(let text):
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { return nil }
      if Self.isISODate(trimmed) { return trimmed }
    default:
      break
    }
    fail(field, .invalidDate)
    return nil
  }

  private func trimmedText(_ value: CellValue) -> String? {
    let trimmed = value.canonicalText.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Tells whether `text` is ASCII digits with an optional fraction, such as `12`, `0.45` or
  /// `.5`, with no sign, exponent or grouping.
  static func isDecimalText(_ text: String) -> Bool {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits = { (part: Substring) in part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    guard parts.allSatisfy(isDigits) else { return false }
    return parts.contains { !$0.isEmpty } && (parts.count == 1 || !parts[1].isEmpty)
  }

  /// Tells whether `text` is a real calendar date written `YYYY-MM-DD`.
  static func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let isDigits = parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    guard isDigits, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1
    else { return false }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let first = DateComponents(year: year, month: month, day: 1)
    guard let date = calendar.date(from: first),
      let days = calendar.range(of: .day, in: .month, for: date)
    else { return false }
    return days.contains(day)
  }
}
