import Foundation
import Spreadsheet

extension OrderFileParser {
  /// The header row: the field of each 1-based column with a known header, and every header's
  /// text, so that values under an unknown or repeated header, already reported, are skipped.
  private struct Columns {
    var fields: [Int: OrderField] = [:]
    var names: [String] = []
  }

  /// Reads a CSV order file with `Spreadsheet`'s CSV reader, which detects the encoding (byte
  /// order marks, UTF-8, Windows-1252) and the delimiter (comma, semicolon, tab, `sep=`).
  static func parseCSV(path: String) throws -> OrderFile {
    let document: SpreadsheetDocument
    do {
      document = try SpreadsheetDocument(path: path)
    } catch {
      throw failure(path, .unreadable(String(describing: error)))
    }
    guard case .delimitedText = document.format else {
      throw failure(path, .notCSVOrJSON("a workbook"))
    }

    var columns: Columns?
    var fileProblems: [OrderProblem] = []
    var orders: [String: RawOrder] = [:]
    var orderNumbers: [String] = []
    var firstCells: [String: [OrderField: RawCell]] = [:]
    var dataRows = 0
    // The columns a file of cancellations alone may leave out, reported once a row places.
    var missingForPlacing: [OrderProblem] = []
    var placesAnOrder = false

    do {
      try document.readRows(sheetAt: 0) { row in
        let cells = try row.denseValues().map(Self.text)
        guard cells.contains(where: { !$0.isEmpty }) else { return }

        guard let known = columns else {
          let (header, problems) = readHeader(cells, row: row.number)
          columns = header
          let hasAction = header.fields.values.contains(.action)
          for problem in problems {
            let isPlacingColumn =
              problem.reason == .missingHeader && problem.field != .orderNumber
            if hasAction, isPlacingColumn {
              missingForPlacing.append(problem)
            } else {
              fileProblems.append(problem)
            }
          }
          return
        }

        dataRows += 1
        guard dataRows <= maximumLines else { throw LimitExceeded.lines }
        let fields = readFields(cells, row: row.number, columns: known, into: &fileProblems)
        if fields[.action]?.text.lowercased() != OrderAction.cancel.rawValue {
          placesAnOrder = true
        }
        guard let number = fields[.orderNumber].map({ normalizedOrderNumber($0.text) }) else {
          fileProblems.append(
            OrderProblem(
              at: .csvRow(row.number), field: .orderNumber, value: nil, reason: .missing))
          return
        }
        if orders[number] == nil {
          guard orderNumbers.count < maximumOrders else { throw LimitExceeded.orders }
          orders[number] = RawOrder(orderNumber: number, position: .csvRow(row.number))
          orderNumbers.append(number)
        }
        addRow(
          fields, row: row.number, to: &orders[number]!,
          first: &firstCells[number, default: [:]])
      }
    } catch LimitExceeded.lines {
      throw failure(path, .tooManyLines(maximum: maximumLines))
    } catch LimitExceeded.orders {
      throw failure(path, .tooManyOrders(maximum: maximumOrders))
    } catch {
      throw failure(path, .unreadable(String(describing: error)))
    }

    guard columns != nil else { throw failure(path, .missingHeader) }
    // A file of cancellations needs only `order_number` and `action`.
    if placesAnOrder || orderNumbers.isEmpty {
      fileProblems = missingForPlacing + fileProblems
    }
    if orderNumbers.isEmpty, fileProblems.isEmpty {
      fileProblems.append(OrderProblem(at: .file, reason: .noOrders))
    }
    guard fileProblems.isEmpty else {
      throw OrderFileError(path: path, problems: fileProblems)
    }
    let built = try orderNumbers.map { try OrderBuilder.build(orders[$0]!) }
    return OrderFile(formatVersion: formatVersion, orders: built)
  }

  /// Stops reading rows once a file passes `maximumLines` or `maximumOrders`.
  private enum LimitExceeded: Error {
    case lines
    case orders
  }

  private static func text(_ value: CellValue) -> String {
    guard case .text(let text) = value else { return "" }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Reads the header row: names in any letter case and order, each known at most once, with
  /// every required column present.
  private static func readHeader(_ cells: [String], row: Int) -> (Columns, [OrderProblem]) {
    let byHeader = Dictionary(
      uniqueKeysWithValues: OrderField.allCases.map { ($0.csvHeader, $0) })
    var columns = Columns(names: cells)
    var seen: [OrderField: Int] = [:]
    var problems: [OrderProblem] = []

    for (offset, name) in cells.enumerated() where !name.isEmpty {
      let column = offset + 1
      let position = SourcePosition.csvCell(row: row, column: column, header: name)
      // Columns beyond the format are welcome and ignored, so DWF may send more.
      guard let field = byHeader[name.lowercased()] else { continue }
      if let first = seen[field] {
        problems.append(
          OrderProblem(
            at: position, field: field, value: name, reason: .duplicateHeader(firstColumn: first)))
        continue
      }
      seen[field] = column
      columns.fields[column] = field
    }

    for field in OrderField.requiredCSVHeaders where seen[field] == nil {
      problems.append(OrderProblem(at: .csvRow(row), field: field, reason: .missingHeader))
    }
    return (columns, problems)
  }

  /// Maps a data row's non-blank cells to their fields, and records the problems that fail the
  /// file: a value under no header, and a format version other than 1.
  private static func readFields(
    _ cells: [String], row: Int, columns: Columns, into problems: inout [OrderProblem]
  ) -> [OrderField: RawCell] {
    var fields: [OrderField: RawCell] = [:]
    for (offset, text) in cells.enumerated() where !text.isEmpty {
      let column = offset + 1
      guard let field = columns.fields[column] else {
        let hasHeader = column <= columns.names.count && !columns.names[offset].isEmpty
        if hasHeader { continue }
        problems.append(
          OrderProblem(
            at: .csvCell(row: row, column: column, header: ""), value: text,
            reason: .valueWithoutHeader))
        continue
      }
      let position = SourcePosition.csvCell(row: row, column: column, header: field.csvHeader)
      if field == .formatVersion, OrderBuilder.wholeNumber(text) != formatVersion {
        problems.append(
          OrderProblem(at: position, field: field, value: text, reason: .unsupportedFormatVersion))
      }
      fields[field] = RawCell(text: text, position: position)
    }
    return fields
  }

  /// Adds a row to its order: the order-level values it gives (which must agree with the ones
  /// given before for the same order) and, unless all its line cells are blank, a line.
  private static func addRow(
    _ fields: [OrderField: RawCell], row: Int, to order: inout RawOrder,
    first: inout [OrderField: RawCell]
  ) {
    for field in OrderField.orderFields where field != .orderNumber {
      guard let cell = fields[field] else { continue }
      if let earlier = first[field] {
        if earlier.text != cell.text {
          order.problems.append(
            OrderProblem(
              at: cell.position, field: field, value: cell.text,
              reason: .conflictingValue(first: earlier.text, firstPosition: earlier.position)))
        }
      } else {
        first[field] = cell
        order.fields[field] = cell
      }
    }

    let lineFields = fields.filter { $0.key.isLineField }
    guard !lineFields.isEmpty else { return }
    order.lines.append(RawLine(position: .csvRow(row), fields: lineFields))
  }
}
