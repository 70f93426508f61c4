import Foundation

/// One problem found in an order file: where, on which value, and why.
package struct OrderProblem: Sendable, Equatable, CustomStringConvertible {
  package var position: SourcePosition
  /// The field the problem is about, or nil for a whole row, order or file.
  package var field: OrderField?
  /// The value as received, or nil when there is none (a missing field).
  package var value: String?
  package var reason: Reason

  package init(
    at position: SourcePosition, field: OrderField? = nil, value: String? = nil, reason: Reason
  ) {
    self.position = position
    self.field = field
    self.value = value
    self.reason = reason
  }

  /// The reason a file, order or line was rejected.
  package enum Reason: Sendable, Equatable {
    // Problems that fail the whole file.
    case unreadable(String)
    case notCSVOrJSON(String)
    case invalidJSON(offset: Int, reason: String)
    case missingHeader
    case duplicateHeader(firstColumn: Int)
    case valueWithoutHeader
    case duplicateKey
    case wrongJSONType(expected: String)
    case unsupportedFormatVersion
    case noOrders
    case tooManyLines(maximum: Int)
    case tooManyOrders(maximum: Int)

    // Problems with a value.
    case missing
    case notWholeNumber
    case notDecimal
    case notDate
    case notDigits
    case tooLong(maximum: Int)
    case invalidOrigin
    case invalidAction
    case conflictingValue(first: String, firstPosition: SourcePosition)
    case bothCarrierFields
    case notPositive
    case outOfRange(minimum: Int, maximum: Int)
    case controlCharacter(position: Int, scalar: UInt32)
    case priceOutOfRange
    case tooManyDecimalPlaces
    /// `timeZone` is the identifier of the zone `today` was taken in, or nil when not given.
    case pastDate(today: OrderDate, timeZone: String?)

    // Problems of a line or an order as a whole.
    case duplicateLineNumber(firstPosition: SourcePosition)
    case duplicateOrderNumber(firstPosition: SourcePosition)
    case noLines
    case noAcceptedLine
    case locationRequired
    /// The order names no carrier and `orders.defaultCarrierId` is not set.
    case carrierRequired
    case unknownLocation(known: [String])
    case inventoryNotFound
    case originMismatch(snapshot: String)
    case locationMismatch(snapshot: String, order: String)
    case priceMismatch(snapshot: Decimal, tolerance: Decimal)
    case rejectedLinesWithAllOrNothing(lineNumbers: [String])
    /// CSV rows of one order that carry lines beside a row that cancels the order.
    case cancellationAmongLines(cancellation: SourcePosition, lineRows: [SourcePosition])
  }

  /// The message: the position, then the field by its CSV header, or by its JSON key when the
  /// position is that key's JSON path, then the value as written, escaped and cut by
  /// `ValuePreview`.
  package var description: String {
    let subject = field.map { "\(name(of: $0)) " } ?? ""
    let shown = value.map(Self.quoted) ?? ""
    return "\(position): \(explanation(subject: subject, shown: shown))"
  }

  private func name(of field: OrderField) -> String {
    if field == .formatVersion { return "format version" }
    if case .jsonPath(let path) = position, path.hasSuffix("." + field.jsonKey) {
      return field.jsonKey
    }
    return field.csvHeader
  }

  private static func quoted(_ text: String) -> String {
    "\"\(ValuePreview.shown(text))\""
  }

  /// Writes a price with at least two decimal places, as prices are written in order files.
  static func priceText(_ price: Decimal) -> String {
    var text = "\(price)"
    let decimals = text.split(separator: ".", omittingEmptySubsequences: false)
    if decimals.count == 1 {
      text += ".00"
    } else if decimals[1].count == 1 {
      text += "0"
    }
    return text
  }

  /// Tells whether `text` is written `YYYY-MM-DD`, digits and dashes, whatever the numbers.
  private static func hasDateForm(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 else { return false }
    return bytes.enumerated().allSatisfy { offset, byte in
      offset == 4 || offset == 7
        ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
  }

  private func explanation(subject: String, shown: String) -> String {
    switch reason {
    case .unreadable(let detail):
      return "the file could not be read (\(detail))."
    case .notCSVOrJSON(let found):
      return "the file is \(found); an order file is CSV or JSON (docs/formats.md)."
    case .invalidJSON(let offset, let detail):
      return "invalid JSON at byte \(offset): \(detail); fix the JSON and upload the file again."
    case .missingHeader:
      return "the required column \(subject)is missing from the header row; add it (its cells"
        + " may be blank where the field is optional)."
    case .duplicateHeader(let first):
      return "the column \(subject)appears again (first in column \(first)); keep one."
    case .valueWithoutHeader:
      return "the value \(shown) is in a column with no header; add the header or remove the"
        + " value."
    case .duplicateKey:
      return "the key \(shown) appears twice in one object; keep one."
    case .wrongJSONType(let expected):
      return "found \(shown) where \(expected) is expected."
    case .unsupportedFormatVersion:
      return "the format version \(shown) is not supported; use 1."
    case .noOrders:
      return "the file contains no orders; send it again with at least one order row (CSV) or"
        + " one entry in orders (JSON)."
    case .tooManyLines(let maximum):
      return "the file has more than \(maximum) order lines, the most one file may have; split"
        + " it into several files."
    case .tooManyOrders(let maximum):
      return "the file has more than \(maximum) orders, the most one file may have; split it"
        + " into several files."
    case .missing:
      return "the required \(subject)is missing."
    case .notWholeNumber:
      return "\(subject)\(shown) is not a whole number; write digits only, such as 4."
    case .notDecimal:
      return "\(subject)\(shown) is not a decimal number; write it like 2.50, with a point and"
        + " no currency sign or thousands separator."
    case .notDate:
      if let value, Self.hasDateForm(value) {
        return "\(subject)\(shown) is not a day of the calendar; check the month and the day."
      }
      return "\(subject)\(shown) is not a date written YYYY-MM-DD, such as 2025-03-14."
    case .notDigits:
      return "\(subject)\(shown) is not a Komet ID; IDs are digits only."
    case .tooLong(let maximum):
      guard let value else { return "\(subject)is longer than \(maximum) characters." }
      return "\(subject)\(shown) has \(value.unicodeScalars.count) characters, more than the"
        + " \(maximum) allowed."
    case .invalidOrigin:
      return "\(subject)\(shown) is not an origin; use OH (on hand) or FS (future sales)."
    case .invalidAction:
      return "\(subject)\(shown) is not an action; leave it blank to place the order, or write"
        + " cancel."
    case .conflictingValue(let first, let firstPosition):
      return "\(subject)\(shown) differs from \(Self.quoted(first)) at \(firstPosition) for the"
        + " same order; give every row of an order the same value, or leave the later ones blank."
    case .bothCarrierFields:
      return "both carrier_id and carrier_code are given; give one of them."
    case .notPositive:
      return "\(subject)\(shown) must be at least 1 box."
    case .outOfRange(let minimum, let maximum):
      return "\(subject)\(shown) is outside \(minimum) to \(maximum); number the lines of an"
        + " order from 1."
    case .controlCharacter(let position, let scalar):
      let code = Unicode.Scalar(scalar).map(ValuePreview.escaped) ?? "U+\(scalar)"
      return "\(subject)\(shown) contains the control character \(code) at character"
        + " \(position); remove it, because text fields take printable characters only."
    case .priceOutOfRange:
      return "\(subject)\(shown) is outside 0 to 99999999.99, the range Komet's prices take."
    case .tooManyDecimalPlaces:
      return "\(subject)\(shown) has more than 2 decimal places."
    case .pastDate(let today, let timeZone):
      let zone = timeZone.map { "\($0), the zone komet.quota.timeZone sets" }
        ?? "the time zone komet.quota.timeZone sets"
      return "\(subject)\(shown) is in the past (today is \(today) in \(zone)); send a current"
        + " ship date."
    case .duplicateLineNumber(let firstPosition):
      return "line number \(shown) is used again in the same order (first at \(firstPosition));"
        + " give each line its own number."
    case .duplicateOrderNumber(let firstPosition):
      return "order number \(shown) appears again in the file (first at \(firstPosition));"
        + " send one order per number."
    case .noLines:
      return "order \(shown) has no lines; add its lines, or set action to cancel."
    case .noAcceptedLine:
      return "every line of order \(shown) was rejected, so nothing is placed."
    case .locationRequired:
      return "location_id is required, because the company has several locations and"
        + " komet.defaultLocationId is not set."
    case .carrierRequired:
      return "carrier_id or carrier_code is required, because the grower has set no default"
        + " carrier; send one of the carriers in outbox/dwf/onboarding/carriers.json."
    case .unknownLocation(let known):
      return "\(subject)\(shown) is not one of the company's locations"
        + " (\(known.joined(separator: ", ")))."
    case .inventoryNotFound:
      return "\(subject)\(shown) is not in the latest inventory drop; the line was sold out,"
        + " withdrawn or dated beyond the drop's window, so order from the current drop."
    case .originMismatch(let snapshot):
      return "\(subject)\(shown) differs from the inventory line's origin \(snapshot)."
    case .locationMismatch(let snapshot, let order):
      return "inventory line \(shown) belongs to location \(snapshot), not to the order's"
        + " location \(order)."
    case .priceMismatch(let snapshot, let tolerance):
      return "\(subject)\(shown) differs from the inventory price \(Self.priceText(snapshot)) by"
        + " more than the tolerance \(Self.priceText(tolerance)); order at the current price."
    case .rejectedLinesWithAllOrNothing(let lineNumbers):
      return "lines \(lineNumbers.joined(separator: ", ")) were rejected and"
        + " orders.allOrNothing is set, so the whole order is rejected."
    case .cancellationAmongLines(let cancellation, let lineRows):
      let rows = lineRows.map(\.description).joined(separator: ", ")
      return "order \(shown) has lines (\(rows)) and a cancellation (\(cancellation)) in the"
        + " same file; send either its lines or one cancellation row with blank line cells."
    }
  }
}
