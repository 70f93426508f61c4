import Foundation
import KometExports
import Spreadsheet

/// Tells what a file is from its content, never from its name.
///
/// A grower export is a customers, locations or inventory export on any sheet of a workbook,
/// CSV file or HTML table. A DWF order file is CSV whose header row has `order_number` and
/// `inventory_id` (or `order_number` and `action`, for a file of cancellations), or a JSON
/// object with `formatVersion` and `orders`.
///
/// Call it only on a regular file, because reading a FIFO would block.
enum ContentClassifier {
  /// The largest JSON file read, far above any order file, so a huge upload cannot exhaust
  /// memory.
  static let maximumJSONSize = 64 << 20

  /// The CSV headers that make a file an order file, compared ignoring case and outer spaces.
  static let orderFileHeaders: Set = ["order_number", "inventory_id"]

  /// The CSV headers of a file that holds only cancellations.
  static let cancellationFileHeaders: Set = ["order_number", "action"]

  static func classify(path: String) -> Classification {
    let head: Data
    do {
      head = try readHead(of: path)
    } catch {
      return .unusable(ContentProblem(problem: "the file could not be read (\(error))."))
    }
    if JSONDocumentCheck.startsLikeJSON(head) {
      return classifyJSON(path: path)
    }

    do {
      let document = try SpreadsheetDocument(path: path)
      if case .delimitedText = document.format, try isOrderCSV(document) {
        return .orderFile
      }
      return try SheetScan(document: document).classify()
    } catch let error as SpreadsheetError {
      return classification(of: error)
    } catch {
      return .unusable(ContentProblem(problem: "the file could not be read (\(error))."))
    }
  }

  /// Maps a reading error: a ZIP without its end records or a CSV ending inside a quoted field
  /// looks truncated, anything else makes the file unusable.
  static func classification(of error: SpreadsheetError) -> Classification {
    switch error {
    case .zipTruncated, .csvUnterminatedQuote:
      return .truncated(reason: error.description)
    default:
      return .unusable(ContentProblem(problem: error.description))
    }
  }

  private static func readHead(of path: String) throws -> Data {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoPermission)
    }
    defer { try? handle.close() }
    return try handle.read(upToCount: 4096) ?? Data()
  }

  private static func classifyJSON(path: String) -> Classification {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumJSONSize else {
      return .unusable(
        ContentProblem(
          problem: "the file starts like JSON but is \(size) bytes long, more than the"
            + " \(maximumJSONSize) bytes an order file may have."))
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      return .unusable(ContentProblem(problem: "the file could not be read (\(error))."))
    }

    switch JSONDocumentCheck.check(data) {
    case .orderFile:
      return .orderFile
    case .cutShort:
      return .truncated(
        reason: "the JSON document ends inside an object, an array or a string, so it is"
          + " probably still being copied.")
    case .otherJSON(let topLevel):
      return .unusable(
        ContentProblem(
          problem: "the file is JSON (\(topLevel)), but neither a DWF order file, which is an"
            + " object with the keys \"formatVersion\" and \"orders\", nor a Komet export."))
    case .invalid(let place, let reason):
      return .unusable(
        ContentProblem(
          problem: "the file starts like JSON, but it is not valid JSON: at \(place.description),"
            + " \(reason). Nothing in the file was read. The sender corrects the JSON there, or"
            + " exports the file again, and uploads the whole file again."))
    }
  }

  /// Tells whether the first row of a CSV file with a value has the order file's headers, and
  /// reads the rest of such a file so a last record with an open quote shows as truncated.
  private static func isOrderCSV(_ document: SpreadsheetDocument) throws -> Bool {
    var headerFields: Set<String>?
    var isOrderFile = false
    do {
      try readFirstRows(document) { fields in
        guard headerFields == nil else { return }
        guard fields.contains(where: { !$0.isEmpty }) else { return }
        headerFields = Set(fields)
        let names = Set(fields)
        isOrderFile =
          orderFileHeaders.isSubset(of: names) || cancellationFileHeaders.isSubset(of: names)
        if !isOrderFile { throw StopReading() }
      }
    } catch is StopReading {
      return false
    }
    return isOrderFile
  }

  /// Calls `body` with each row of the first sheet as lowercase trimmed text.
  private static func readFirstRows(
    _ document: SpreadsheetDocument, _ body: ([String]) throws -> Void
  ) throws {
    try document.readRows(sheetAt: 0) { row in
      let fields = try row.denseValues().map {
        $0.canonicalText.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      }
      try body(fields)
    }
  }
}

/// Thrown from a row callback to stop reading a sheet early.
struct StopReading: Error {}
