import Foundation
import Spreadsheet

/// Reads a DWF order file, CSV or JSON (`docs/formats.md`), into an `OrderFile`.
///
/// The parser fails the whole file, listing every problem at once, when the file cannot be read,
/// is neither CSV nor JSON, lacks a required column, declares a format version other than 1,
/// has more lines or orders than the limits below, or has an order without an order number
/// (which could not be acknowledged). Problems with single fields stay with their order or
/// line for `OrderValidator`, so one bad value does not hold back the rest of the file.
package enum OrderFileParser {
  /// The largest JSON file read, far above any order file.
  ///
  /// NOTE: this bounds the bytes read, not the memory used: parsing, validating and
  /// acknowledging take many times the file's size, which `maximumLines` keeps in bounds.
  package static let maximumFileSize = 64 << 20

  /// The maximum number of order lines (CSV data rows, or JSON line objects) in one file.
  /// DWF's orders run to tens of lines. A file this long takes an estimated 15 seconds.
  package static let maximumLines = 50_000

  /// The maximum number of orders in one file.
  package static let maximumOrders = 10_000

  /// The format version this parser reads.
  package static let formatVersion = 1

  /// Reads the order file at `path`, choosing CSV or JSON by its content.
  ///
  /// - Throws: `OrderFileError` with every problem that fails the file, and
  ///   `InboxLifecycleError.digestFailed` when libcrypto fails.
  package static func parse(path: String) throws -> OrderFile {
    let head: Data
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      head = try handle.read(upToCount: 4096) ?? Data()
    } catch {
      throw failure(path, .unreadable(String(describing: error)))
    }

    if startsLikeJSON(head) {
      return try parseJSON(path: path)
    }
    return try parseCSV(path: path)
  }

  /// Returns an order number in Unicode normalization form C.
  ///
  /// Swift's `==` compares strings by canonical equivalence, but the journal's SQLite keys and
  /// the hash in an acknowledgement's name compare bytes. Without one form, `Café-2` sent once
  /// with a precomposed é and once with `e` and a combining accent would be two orders.
  package static func normalizedOrderNumber(_ text: String) -> String {
    text.precomposedStringWithCanonicalMapping
  }

  static func failure(_ path: String, _ reason: OrderProblem.Reason) -> OrderFileError {
    OrderFileError(path: path, problems: [OrderProblem(at: .file, reason: reason)])
  }

  /// Tells whether the first character after a UTF-8 byte order mark and white space opens a
  /// JSON object or array, as the intake decides.
  private static func startsLikeJSON(_ head: Data) -> Bool {
    var bytes = head[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }
}
