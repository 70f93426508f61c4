import Foundation
import Inventory
import KometExports
import Spreadsheet

/// The lines of one inventory export, with where they were found.
struct InventoryExportTable: Equatable, Sendable {
  var sheet: String
  var headerRow: Int
  var items: [InventoryItem]
}

/// Reads an inventory export row by row: the header row first, then one line per row below it.
///
/// Every invalid cell is collected rather than thrown, so `finish()` reports them together and
/// a file with any invalid cell yields no lines at all.
struct InventoryExportReader {
  /// The number of invalid cells an error lists; the rest are counted.
  static let maximumListedErrors = 50

  let sheet: String
  private(set) var headerRow: Int?
  private var columns: [InventoryExportField: Int] = [:]
  private var items: [InventoryItem] = []
  private var errors: [InventoryCellError] = []
  private var errorCount = 0
  private var firstRowOfID: [String: Int] = [:]

  init(sheet: String) {
    self.sheet = sheet
  }

  /// Takes `values` as the header row when it has an inventory ID header and at least two
  /// other inventory headers, and returns whether it did.
  ///
  /// - Throws: `InventoryExportError.missingColumns` or `.ambiguousIDColumns` for a header row
  ///   that cannot be used.
  mutating func detectHeader(rowNumber: Int, values: [CellValue]) throws(InventoryExportError)
    -> Bool
  {
    let headers = Self.headerCells(of: values)
    let matched = headers.compactMap { cell in
      InventoryExportField.field(forHeader: cell.text).map { (cell, $0.field, $0.priority) }
    }
    let idCells = matched.filter { $0.1 == .inventoryId }.map(\.0)
    guard !idCells.isEmpty, Set(matched.map(\.1)).count >= 3 else { return false }
    guard idCells.count == 1 else {
      throw .ambiguousIDColumns(sheet: sheet, row: rowNumber, candidates: idCells)
    }

    for field in InventoryExportField.allCases {
      let best = matched.filter { $0.1 == field }.min { ($0.2, $0.0.column) < ($1.2, $1.0.column) }
      columns[field] = best?.0.column
    }
    let missing = InventoryExportField.required.filter { columns[$0] == nil }
    guard missing.isEmpty else {
      throw .missingColumns(sheet: sheet, row: rowNumber, missing: missing, headers: headers)
    }
    headerRow = rowNumber
    return true
  }

  /// Reads one row below the header row into a line, or records its invalid cells.
  mutating func add(rowNumber: Int, values: [CellValue]) {
    var line = RowCells(row: rowNumber, values: values, columns: columns)
    let hasRequiredValue = InventoryExportField.required.contains { !line.isBlank($0) }
    guard hasRequiredValue else { return }

    let id = line.id(.inventoryId, problem: .missingID)
    if let id, let firstRow = firstRowOfID[id] {
      line.fail(.inventoryId, .duplicateID(firstRow: firstRow))
    } else if let id {
      firstRowOfID[id] = rowNumber
    }
    let origin = line.origin()
    let boxes = line.count(.boxesAvailable, isRequired: true)
    let price = line.price()
    let unitsPerBox = line.count(.unitsPerBox, isRequired: false)
    let locationId = line.id(.locationId, problem: nil)
    let availableFrom = line.date(.availableFrom)
    let availableTo = line.date(.availableTo)

    guard line.errors.isEmpty, let id, let origin, let boxes, let price else {
      record(line.errors)
      return
    }
    items.append(
      InventoryItem(
        inventoryId: id, origin: origin, productCode: line.text(.productCode),
        productDescription: line.text(.productDescription), grade: line.text(.grade),
        category: line.text(.category), boxType: line.text(.boxType), unitsPerBox: unitsPerBox,
        unitType: line.text(.unitType), boxesAvailable: boxes, unitPrice: price,
        locationId: locationId, availableFrom: availableFrom, availableTo: availableTo))
  }

  /// Returns the lines read, or nil when no header row was found.
  ///
  /// - Throws: `InventoryExportError.invalidCells` when any cell was invalid.
  func finish() throws(InventoryExportError) -> InventoryExportTable? {
    guard let headerRow else { return nil }
    guard errorCount == 0 else {
      throw .invalidCells(sheet: sheet, errors: errors, total: errorCount)
    }
    return InventoryExportTable(sheet: sheet, headerRow: headerRow, items: items)
  }

  private mutating func record(_ rowErrors: [InventoryCellError]) {
    errorCount += rowErrors.count
    let room = Self.maximumListedErrors - errors.count
    if room > 0 {
      errors += rowErrors.prefix(room)
    }
  }

  private static func headerCells(of values: [CellValue]) -> [HeaderCell] {
    values.enumerated().compactMap { index, value in
      guard case .text(let text) = value else { return nil }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : HeaderCell(column: index + 1, text: trimmed)
    }
  }
}
