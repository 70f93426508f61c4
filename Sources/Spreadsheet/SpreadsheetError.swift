/// Everything that can go wrong while reading a spreadsheet file.
///
/// Each case carries the file and the place in it. Its `description` states what is wrong and
/// what to do next, so the text can go to a person as it is.
package enum SpreadsheetError: Error, Equatable, Sendable {
  // MARK: Files and formats

  case fileNotFound(path: String)
  case readFailed(path: String, reason: String)
  /// A folder, FIFO, device or socket where a file was expected.
  case notARegularFile(path: String, kind: String)
  case emptyFile(path: String)
  /// A legacy `.xls` workbook; `variant` names the format, such as "BIFF8 in an OLE2 file".
  case legacyExcel(path: String, variant: String)
  case encryptedWorkbook(path: String)
  case binaryWorkbook(path: String)
  case openDocumentSpreadsheet(path: String)
  case excelLockFile(path: String)
  /// A ZIP package that contains no spreadsheet, such as a Word document.
  case notASpreadsheetPackage(path: String, detail: String)
  /// Bytes that match no format this reader reads; `detail` names what they look like.
  case unrecognizedFormat(path: String, detail: String)

  // MARK: ZIP

  case zipTruncated(path: String, detail: String)
  case zipCorrupt(path: String, entry: String?, detail: String)
  case zipUnsupportedCompression(path: String, entry: String, method: Int)
  case zipEncryptedEntry(path: String, entry: String)
  case zipChecksumMismatch(path: String, entry: String, expected: UInt32, actual: UInt32)
  case zipEntryTooLarge(path: String, entry: String, limit: Int64)
  case zipTotalTooLarge(path: String, entry: String, limit: Int64)
  case zipCompressionRatioTooHigh(path: String, entry: String, limit: Int)

  // MARK: XML and OOXML parts

  case xmlMalformed(path: String, part: String, line: Int, message: String)
  case xmlDoctypeRejected(path: String, part: String)
  case partMissing(path: String, part: String, referencedBy: String)
  case workbookNotFound(path: String, detail: String)
  case sheetNotFound(path: String, selector: String, available: [String])
  case workbookHasNoSheets(path: String)
  /// A workbook whose sheets are all chartsheets, dialog sheets or macro sheets.
  case noWorksheet(path: String, available: [String])
  case sheetHasNoRows(path: String, sheet: String, reason: String)
  case sharedStringOutOfRange(path: String, sheet: String, cell: String, index: Int, count: Int)
  /// A `t="s"` cell whose value is no shared-string index at all.
  case invalidSharedStringIndex(path: String, sheet: String, cell: String, value: String)
  case invalidRowNumber(path: String, sheet: String, value: String)
  case invalidCellReference(path: String, sheet: String, reference: String)

  // MARK: CSV

  case csvUnterminatedQuote(path: String, line: Int)
  case csvInvalidEncoding(path: String, encoding: String, offset: Int)
}

extension SpreadsheetError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .fileNotFound(let path):
      return "\(path): file not found. Check the name and the folder."
    case .readFailed(let path, let reason):
      return "\(path): could not be read (\(reason)). Check the file's permissions."
    case .notARegularFile(let path, let kind):
      return "\(path): this is a \(kind), not a file. Pass the export file itself."
    case .emptyFile(let path):
      return "\(path): the file is empty (0 bytes). Write or export it again, then copy it again."
    case .legacyExcel(let path, let variant):
      return "\(path): this is a legacy Excel .xls workbook (\(variant)), which is not read."
        + " Open it in Excel or LibreOffice and re-save it as .xlsx or .csv."
    case .encryptedWorkbook(let path):
      return "\(path): the workbook is encrypted or password-protected."
        + " Open it in Excel, remove the password (File > Info > Protect Workbook),"
        + " and re-save it as .xlsx or .csv."
    case .binaryWorkbook(let path):
      return "\(path): this is an Excel binary workbook (.xlsb), which is not read."
        + " Re-save it as .xlsx or .csv."
    case .openDocumentSpreadsheet(let path):
      return "\(path): this is an OpenDocument spreadsheet (.ods), which is not read."
        + " Re-save it as .xlsx or .csv."
    case .excelLockFile(let path):
      return "\(path): this is an Excel lock file (~$...), written while a workbook is open,"
        + " not a workbook. Close the workbook in Excel and copy the workbook itself."
    case .notASpreadsheetPackage(let path, let detail):
      return "\(path): this ZIP package holds no spreadsheet (\(detail))."
        + " Export the data from Komet to Excel and re-save it as .xlsx or .csv."
    case .unrecognizedFormat(let path, let detail):
      return "\(path): not a spreadsheet (\(detail)). Export the data from Komet to Excel again"
        + " and use that file, or save the spreadsheet as .xlsx or .csv."
    case .zipTruncated(let path, let detail):
      return "\(path): the file is truncated (\(detail)); it may still be copying."
        + " Wait for the copy to finish, or export and copy it again."
    case .zipCorrupt(let path, let entry, let detail):
      let place = entry.map { " in entry \($0)" } ?? ""
      return "\(path): the ZIP archive is corrupt\(place) (\(detail))."
        + " Export and copy the file again, or re-save it as .xlsx or .csv."
    case .zipUnsupportedCompression(let path, let entry, let method):
      return "\(path): entry \(entry) uses ZIP compression method \(method);"
        + " only stored (0) and deflated (8) entries are read. Re-save it as .xlsx or .csv."
    case .zipEncryptedEntry(let path, let entry):
      return "\(path): entry \(entry) is encrypted. Remove the password and re-save it as .xlsx."
    case .zipChecksumMismatch(let path, let entry, let expected, let actual):
      return "\(path): entry \(entry) fails its CRC-32 check (expected "
        + "\(hex(expected)), computed \(hex(actual))); the file is damaged."
        + " Export and copy it again."
    case .zipEntryTooLarge(let path, let entry, let limit):
      return "\(path): entry \(entry) inflates past the limit of \(limit) bytes per entry."
        + " If the file is genuine, export it as .csv instead, which has no such limit;"
        + " otherwise discard it."
    case .zipTotalTooLarge(let path, let entry, let limit):
      return "\(path): reading entry \(entry) takes the archive past the limit of \(limit)"
        + " inflated bytes in total. If the file is genuine, export it as .csv instead, which"
        + " has no such limit."
    case .zipCompressionRatioTooHigh(let path, let entry, let limit):
      return "\(path): entry \(entry) inflates to more than \(limit) times its compressed"
        + " size, as a zip bomb does. If the file is genuine, export it as .csv instead;"
        + " otherwise discard it."
    case .xmlMalformed(let path, let part, let line, let message):
      return "\(path): part \(part) is not well-formed XML (line \(line): \(message))."
        + " Re-save the file in Excel or LibreOffice as .xlsx."
    case .xmlDoctypeRejected(let path, let part):
      return "\(path): part \(part) has a DOCTYPE declaration, which no spreadsheet part has"
        + " and which can hide entity attacks; the file is rejected. Re-save it in Excel as .xlsx."
    case .partMissing(let path, let part, let referencedBy):
      return "\(path): part \(part), named by \(referencedBy), is missing from the package."
        + " Re-save the file in Excel or LibreOffice as .xlsx."
    case .workbookNotFound(let path, let detail):
      return "\(path): no workbook found in the package (\(detail))."
        + " Re-save the file in Excel or LibreOffice as .xlsx."
    case .sheetNotFound(let path, let selector, let available):
      let names = available.isEmpty ? "none" : available.joined(separator: ", ")
      return "\(path): no sheet \(selector). The sheets are: \(names)."
        + " Pass one of these names, or a position from 1 to \(available.count)."
    case .noWorksheet(let path, let available):
      return "\(path): the workbook has no worksheet, only \(available.joined(separator: ", "))."
        + " Export the data from Komet to Excel again and use that file."
    case .workbookHasNoSheets(let path):
      return "\(path): the workbook lists no sheets, so there is nothing to read."
        + " Open it in Excel or LibreOffice, check that it holds the export, and save it again."
    case .sheetHasNoRows(let path, let sheet, let reason):
      return "\(path): sheet \"\(sheet)\" has no rows to read (\(reason))."
        + " Choose another sheet with --sheet, or re-save the file in Excel as .xlsx."
    case .sharedStringOutOfRange(let path, let sheet, let cell, let index, let count):
      return "\(path): sheet \"\(sheet)\", cell \(cell) names shared string \(index),"
        + " but the workbook has \(count). Re-save the file in Excel as .xlsx."
    case .invalidSharedStringIndex(let path, let sheet, let cell, let value):
      return "\(path): sheet \"\(sheet)\", cell \(cell) should name a shared string by number,"
        + " but holds \"\(value)\". Re-save the file in Excel as .xlsx."
    case .invalidRowNumber(let path, let sheet, let value):
      return "\(path): sheet \"\(sheet)\" has an invalid row number \"\(value)\""
        + " (rows run from 1 to 1048576). Re-save the file in Excel as .xlsx."
    case .invalidCellReference(let path, let sheet, let reference):
      return "\(path): sheet \"\(sheet)\" has an invalid cell reference \"\(reference)\"."
        + " Re-save the file in Excel as .xlsx."
    case .csvUnterminatedQuote(let path, let line):
      return "\(path): the quoted field that starts on line \(line) never ends."
        + " Check that line for a stray double quote, or export the file again."
    case .csvInvalidEncoding(let path, let encoding, let offset):
      return "\(path): invalid \(encoding) at byte \(offset). Re-save it as CSV UTF-8."
    }
  }
}

private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
