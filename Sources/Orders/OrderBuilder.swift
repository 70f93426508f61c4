import Foundation
import InboxLifecycle
import Inventory

/// Types the fields of a `RawOrder`, records the text that does not read as its type, and
/// computes the order's digest.
enum OrderBuilder {
  /// - Throws: `InboxLifecycleError.digestFailed` when libcrypto fails.
  static func build(_ raw: RawOrder) throws -> DWFOrder {
    var problems = raw.problems

    var action: OrderAction? = .place
    if let cell = raw.fields[.action] {
      action = OrderAction(rawValue: cell.text.lowercased())
      if action == nil { problems.append(problem(cell, .action, .invalidAction)) }
      if action == .cancel, let mixed = cancellationAmongLines(raw, cancellation: cell) {
        // The lines are validated as an order's, so each one is acknowledged rejected for
        // this problem rather than dropped with the cancellation.
        problems.append(mixed)
        action = .place
      }
    }

    var shipDate: OrderDate?
    if let cell = raw.fields[.shipDate] {
      shipDate = OrderDate(cell.text)
      if shipDate == nil { problems.append(problem(cell, .shipDate, .notDate)) }
    }

    var carrier: CarrierReference?
    switch (raw.fields[.carrierId], raw.fields[.carrierCode]) {
    case (let id?, nil): carrier = .id(id.text)
    case (nil, let code?): carrier = .code(code.text)
    case (_?, let code?): problems.append(problem(code, .carrierCode, .bothCarrierFields))
    case (nil, nil): carrier = nil
    }

    let lines = raw.lines.enumerated().map { offset, line in
      buildLine(line, positionInOrder: offset + 1)
    }

    var order = DWFOrder(
      orderNumber: raw.orderNumber, action: action, shipDate: shipDate, carrier: carrier,
      shipToId: raw.fields[.shipToId]?.text, locationId: raw.fields[.locationId]?.text,
      customerPO: raw.fields[.customerPO]?.text, lines: lines, position: raw.position,
      fieldProblems: problems, digest: try OrderDigest.digest(of: raw))
    order.cells = raw.fields
    return order
  }

  /// Returns the problem of CSV rows that carry lines of an order beside the row that cancels
  /// it, or nil when there is none. A line on the cancellation's own row is allowed, because
  /// the format ignores a cancellation's line cells. JSON gives an order one `action`, so its
  /// lines cannot mix with a cancellation.
  private static func cancellationAmongLines(_ raw: RawOrder, cancellation cell: RawCell)
    -> OrderProblem?
  {
    guard case .csvCell(let cancelRow, _, _) = cell.position else { return nil }
    let lineRows = raw.lines.map(\.position).filter { $0 != .csvRow(cancelRow) }
    guard !lineRows.isEmpty else { return nil }
    return OrderProblem(
      at: raw.position, value: raw.orderNumber,
      reason: .cancellationAmongLines(cancellation: .csvRow(cancelRow), lineRows: lineRows))
  }

  private static func buildLine(_ raw: RawLine, positionInOrder: Int) -> DWFOrderLine {
    var problems = raw.problems

    var lineNumber: Int? = positionInOrder
    if let cell = raw.fields[.lineNumber] {
      // A number the journal cannot store, such as 0 or one of 20 digits, leaves the line
      // without a number, so the order is rejected before it reaches the journal.
      let range = 1...OrderValidator.maximumLineNumber
      let outOfRange = OrderProblem.Reason.outOfRange(minimum: 1, maximum: range.upperBound)
      lineNumber = wholeNumber(cell.text)
      if let number = lineNumber, !range.contains(number) {
        problems.append(problem(cell, .lineNumber, outOfRange))
        lineNumber = nil
      } else if lineNumber == nil {
        let reason = isSignedDigits(cell.text) ? outOfRange : .notWholeNumber
        problems.append(problem(cell, .lineNumber, reason))
      }
    }

    var origin: InventoryOrigin?
    if let cell = raw.fields[.origin] {
      origin = InventoryOrigin(rawValue: cell.text.uppercased())
      if origin == nil { problems.append(problem(cell, .origin, .invalidOrigin)) }
    }

    var quantity: Int?
    if let cell = raw.fields[.quantity] {
      quantity = wholeNumber(cell.text)
      if quantity == nil {
        // Digits too many for a 64-bit integer are a number too long for Komet's integer:10,
        // as the validator reports a quantity above the maximum, not a non-number.
        let reason: OrderProblem.Reason =
          isSignedDigits(cell.text) ? .tooLong(maximum: 10) : .notWholeNumber
        problems.append(problem(cell, .quantity, reason))
      }
    }

    var unitPrice: Decimal?
    if let cell = raw.fields[.unitPrice] {
      unitPrice = decimal(cell.text)
      if unitPrice == nil { problems.append(problem(cell, .unitPrice, .notDecimal)) }
    }

    var line = DWFOrderLine(
      lineNumber: lineNumber, positionInOrder: positionInOrder,
      inventoryId: raw.fields[.inventoryId]?.text, origin: origin, quantity: quantity,
      unitPrice: unitPrice, markCode: raw.fields[.markCode]?.text, position: raw.position,
      fieldProblems: problems)
    line.cells = raw.fields
    return line
  }

  private static func problem(
    _ cell: RawCell, _ field: OrderField, _ reason: OrderProblem.Reason
  ) -> OrderProblem {
    OrderProblem(at: cell.position, field: field, value: cell.text, reason: reason)
  }

  /// Reads an optionally signed run of ASCII digits, so that `-2` reaches the validator as a
  /// number that is not positive, while `2.0`, `2 boxes` and `1e3` are not whole numbers.
  static func wholeNumber(_ text: String) -> Int? {
    isSignedDigits(text) ? Int(text) : nil
  }

  /// Tells whether `text` is an optional sign and one or more ASCII digits, of any length.
  private static func isSignedDigits(_ text: String) -> Bool {
    let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
    return !digits.isEmpty && digits.utf8.allSatisfy(isDigit)
  }

  /// Reads a decimal number written with ASCII digits and an optional point and minus sign,
  /// exactly, without going through `Double`.
  ///
  /// `Decimal(string:)` alone accepts a valid prefix such as `2.50 USD`, so the form is checked
  /// first.
  static func decimal(_ text: String) -> Decimal? {
    let unsigned = text.first == "-" ? text.dropFirst() : text[...]
    let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isDigit) })
    else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }
}
