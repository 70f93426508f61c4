/// Cells where this reader's answer is right and the corpus's expected value is not, each with
/// the reason. The test allows at most 1% of a file's cells here and never a whole file.
enum KnownDisagreements {
  /// Keyed by corpus path, 0-based sheet index and A1 reference.
  static let cells: [String: String] = [
    // The worksheet root has xml:space="preserve", so the run's leading space is text; openpyxl
    // keeps it too (disagreements.txt of this file).
    "xlsx/roo/richtext_example.xlsx|0|B1": "calamine drops a preserved leading space",
    // The expected CSV writes this lone CR unquoted, so any CSV parser reads an empty row there.
    "xlsx/rust_xlsxwriter/shared_strings01.xlsx|0|A14": "expected CSV leaves a CR unquoted",
    // The stored serial 42076.4251967593 is 3.6 microseconds past 10:12:17; the canonical form
    // rounds to the microsecond, while calamine rounds to the millisecond.
    "xlsx/ClosedXML/TryToLoad__TemplateWithTableSourcePivotTables.xlsx|0|B6":
      "calamine rounds to the millisecond",
  ]

  static func reason(file: String, sheet: Int, cell: String) -> String? {
    cells["\(file)|\(sheet)|\(cell)"]
  }

  static var countsByFile: [String: Int] {
    var counts: [String: Int] = [:]
    for key in cells.keys {
      counts[String(key.split(separator: "|")[0]), default: 0] += 1
    }
    return counts
  }
}
