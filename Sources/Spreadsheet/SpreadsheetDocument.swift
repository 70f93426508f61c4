/// The container a document was read from, with what the reader chose for it.
package enum DocumentFormat: Sendable, Equatable {
  /// An OOXML workbook (.xlsx, .xlsm); `isStrict` for Strict Open XML namespaces.
  case workbook(isStrict: Bool)
  /// Delimited text (RFC 4180) in the encoding and with the delimiter that were detected.
  case delimitedText(encoding: TextEncoding, delimiter: UInt8)
  /// An HTML page whose tables are read as sheets, as web applications export ".xls" files.
  case htmlTable
}

/// Limits that keep a hostile or broken file from exhausting time or memory.
package struct ReadLimits: Sendable, Equatable {
  /// The maximum number of bytes one ZIP entry may inflate to.
  package var maximumEntrySize: Int64 = 4 << 30
  /// The maximum number of bytes that all entries read from one archive may inflate to.
  package var maximumTotalSize: Int64 = 16 << 30
  /// The largest inflated-to-compressed ratio allowed once an entry passes `ratioThreshold`.
  package var maximumCompressionRatio: Int = 1_000
  /// Inflated bytes an entry may produce before its ratio is checked, so tiny parts pass.
  package var ratioThreshold: Int64 = 1 << 20

  package init() {}
}

/// A spreadsheet file opened for reading: an OOXML workbook, a CSV file or an HTML table.
///
/// Opening reads the file's structure, such as the sheet list. Rows are streamed on request,
/// so memory does not grow with the number of rows.
package final class SpreadsheetDocument {
  package let path: String
  package let format: DocumentFormat
  package let sheets: [SheetInfo]

  private let source: Source

  private enum Source {
    case workbook(XLSXWorkbook)
    case delimitedText(CSVFile)
    case tables([[[String]]])
  }

  /// Opens `path`, choosing the reader from the file's content, not its name.
  ///
  /// - Throws: `SpreadsheetError` naming what the file is and what to do with it.
  package init(path: String, limits: ReadLimits = ReadLimits()) throws {
    self.path = path

    switch try FormatDetector.detect(path: path) {
    case .zipPackage:
      let workbook = try XLSXWorkbook(path: path, limits: limits)
      format = .workbook(isStrict: workbook.isStrict)
      sheets = workbook.sheets
      source = .workbook(workbook)

    case .delimitedText:
      let file = try CSVFile(path: path)
      format = .delimitedText(encoding: file.encoding, delimiter: file.delimiter)
      sheets = [
        SheetInfo(name: CSVFile.sheetName(forPath: path), state: .visible, kind: .worksheet)
      ]
      source = .delimitedText(file)

    case .htmlTable:
      let tables = try HTMLTableReader.readTables(path: path)
      format = .htmlTable
      sheets = tables.indices.map {
        SheetInfo(name: "Table \($0 + 1)", state: .visible, kind: .worksheet)
      }
      source = .tables(tables)
    }
  }

  /// Calls `body` with each row of the sheet at `index` (0-based, workbook order) that has cells.
  ///
  /// - Throws: `SpreadsheetError.sheetHasNoRows` for a chartsheet, dialog sheet or a sheet whose
  ///   part is missing, any reading error, and whatever `body` throws.
  package func readRows(sheetAt index: Int, _ body: (RowView) throws -> Void) throws {
    let sheet = sheets[index]
    guard sheet.hasRows else {
      let reason = sheet.problem ?? "it is a \(sheet.kind.rawValue), which holds no cells"
      throw SpreadsheetError.sheetHasNoRows(path: path, sheet: sheet.name, reason: reason)
    }

    switch source {
    case .workbook(let workbook):
      try workbook.readRows(sheetAt: index, body)

    case .delimitedText(let file):
      try file.readRows { number, fields in
        try body(RowView(number: number, values: fields.map { CellValue.text($0) }))
      }

    case .tables(let tables):
      for (offset, fields) in tables[index].enumerated() where !fields.isEmpty {
        try body(RowView(number: offset + 1, values: fields.map { CellValue.text($0) }))
      }
    }
  }

  /// Returns the position of the sheet that `selector` names: an exact name first, then a name
  /// that differs only in case, then a 1-based position. Nil selects the first visible
  /// worksheet that can be read, else the first readable hidden one.
  ///
  /// - Throws: `SpreadsheetError.sheetNotFound` for a selector that names no sheet, and
  ///   `.sheetHasNoRows` when no worksheet can be read.
  package func sheetIndex(for selector: String?) throws -> Int {
    let names = sheets.map(\.name)
    guard !sheets.isEmpty else {
      throw SpreadsheetError.workbookHasNoSheets(path: path)
    }
    guard let selector else {
      let worksheets = sheets.indices.filter { sheets[$0].kind == .worksheet }
      if let index = worksheets.first(where: { sheets[$0].state == .visible && sheets[$0].hasRows })
        ?? worksheets.first(where: { sheets[$0].hasRows })
      {
        return index
      }
      if let index = worksheets.first {
        let reason = sheets[index].problem ?? "it has no part"
        throw SpreadsheetError.sheetHasNoRows(path: path, sheet: sheets[index].name, reason: reason)
      }
      throw SpreadsheetError.noWorksheet(path: path, available: names)
    }
    if let index = names.firstIndex(of: selector) {
      return index
    }
    // Excel keeps sheet names unique regardless of case, so a case-insensitive match is unique.
    if let index = names.firstIndex(where: { $0.lowercased() == selector.lowercased() }) {
      return index
    }
    if let position = Int(selector), position >= 1, position <= sheets.count {
      return position - 1
    }
    throw SpreadsheetError.sheetNotFound(path: path, selector: "\"\(selector)\"", available: names)
  }
}
