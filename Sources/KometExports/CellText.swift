import Foundation
import Spreadsheet

/// Reads names, codes and activity flags from cells.
enum CellText {
  /// Returns the cell as trimmed text, or nil when it is blank. Whole numbers lose the `.0`.
  static func text(_ value: CellValue) -> String? {
    let text: String
    switch value {
    case .empty:
      return nil
    case .text(let string):
      text = string
    case .number(let number)
    where number.isFinite && number.rounded(.towardZero) == number
      && abs(number) < ExportID.firstImpreciseValue:
      text = String(Int64(number))
    default:
      text = value.canonicalText
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Reads a yes-or-no cell such as `TRUE`, `Yes`, `Y`, `X` or `1`, or nil when blank or unknown.
  static func flag(_ value: CellValue) -> Bool? {
    switch value {
    case .boolean(let flag):
      return flag
    case .number(let number) where number == 0 || number == 1:
      return number == 1
    case .text(let text):
      let word = HeaderSynonyms.normalize(text)
      if trueWords.contains(word) { return true }
      if falseWords.contains(word) { return false }
      return nil
    default:
      return nil
    }
  }

  /// Reads a status cell such as `Active` or `Inactive`, or nil when blank or unknown.
  static func status(_ value: CellValue) -> Bool? {
    guard case .text(let text) = value else { return nil }
    let word = HeaderSynonyms.normalize(text)
    if activeStatuses.contains(word) { return true }
    if inactiveStatuses.contains(word) { return false }
    return nil
  }

  private static let trueWords: Set = ["true", "yes", "y", "x", "1", "active"]
  private static let falseWords: Set = ["false", "no", "n", "0", "inactive"]
  private static let activeStatuses: Set = ["active", "enabled", "open"]
  private static let inactiveStatuses: Set = [
    "inactive", "disabled", "closed", "deleted", "suspended", "blocked", "onhold", "archived",
  ]
}
