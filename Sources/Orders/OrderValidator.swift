import Foundation
import Inventory

/// Checks the orders of an order file before any call to Komet, and reports every problem of
/// the file at once, each with its row or JSON path.
///
/// Limits come from Komet's method pages: IDs are `integer:20`, `markCode` is `string:20`, a
/// carrier code `string:10`, a quantity `integer:10` and a price `decimal:10,2`. The order
/// number (50) and the customer PO (50, as `web-order.checkout`'s `customerPo`) are
/// komet-dwf's own limits. Lengths count Unicode scalars, so combining accents count too, and
/// text fields reject control characters (below U+0020, U+007F and U+0080 to U+009F).
package struct OrderValidator: Sendable {
  /// The day ship dates are compared with, in the grower's time zone.
  package var today: OrderDate
  /// The time zone `today` was taken in (`komet.quota.timeZone`), named in the past-date
  /// message; nil when the caller does not pass it.
  package var timeZone: TimeZone?
  /// The company's location IDs; empty when they are not known.
  package var locationIds: [String]
  /// `komet.defaultLocationId`, used for an order with no `location_id`.
  package var defaultLocationId: String?
  /// The latest inventory drop's items, which each line must name.
  package var inventory: [InventoryItem]
  /// `orders.priceTolerance`: how far a line's price may differ from the inventory price.
  package var priceTolerance: Decimal
  /// `orders.allOrNothing`: whether one rejected line rejects its whole order.
  package var allOrNothing: Bool
  /// Whether `orders.defaultCarrierId` is set. Without it an order must name its carrier,
  /// because `web-order.create` cannot be sent without one.
  package var hasDefaultCarrier: Bool

  package static let maximumOrderNumberLength = 50
  package static let maximumCustomerPOLength = 50
  package static let maximumIDLength = 20
  package static let maximumCarrierCodeLength = 10
  package static let maximumMarkCodeLength = 20
  package static let maximumQuantity = 9_999_999_999
  /// The largest `line_number`, komet-dwf's own limit, within the journal's 64-bit integers.
  package static let maximumLineNumber = 9_999_999_999
  /// The largest `decimal:10,2`: ten digits, two of them after the point.
  package static let maximumPrice = Decimal(string: "99999999.99")!

  private let itemsById: [String: [InventoryItem]]

  package init(
    today: OrderDate, locationIds: [String], defaultLocationId: String?,
    inventory: [InventoryItem], priceTolerance: Decimal = 0, allOrNothing: Bool = false,
    timeZone: TimeZone? = nil, hasDefaultCarrier: Bool = true
  ) {
    self.today = today
    self.timeZone = timeZone
    self.locationIds = locationIds
    self.defaultLocationId = defaultLocationId
    self.inventory = inventory
    self.priceTolerance = priceTolerance
    self.allOrNothing = allOrNothing
    self.hasDefaultCarrier = hasDefaultCarrier
    self.itemsById = Dictionary(grouping: inventory, by: \.inventoryId)
  }

  /// Validates every order of `file`, in file order.
  package func validate(_ file: OrderFile) -> [OrderValidation] {
    var firstByNumber: [String: SourcePosition] = [:]
    return file.orders.map { order in
      var validation = validate(order)
      if let first = firstByNumber[order.orderNumber] {
        validation.orderProblems.insert(
          OrderProblem(
            at: order.position, field: .orderNumber, value: order.orderNumber,
            reason: .duplicateOrderNumber(firstPosition: first)), at: 0)
      } else {
        firstByNumber[order.orderNumber] = order.position
      }
      return validation
    }
  }

  /// Validates one order and its lines.
  package func validate(_ order: DWFOrder) -> OrderValidation {
    var problems = order.fieldProblems
    let field = FieldCheck(position: order.position, cells: order.cells)
    problems += field.text(order.orderNumber, .orderNumber, maximum: Self.maximumOrderNumberLength)

    if order.action == .cancel {
      return OrderValidation(
        order: order, orderProblems: problems, lines: [], locationId: order.locationId)
    }

    problems += checkOrderFields(order, field: field)
    let locationId =
      order.locationId ?? defaultLocationId
      ?? (locationIds.count == 1 ? locationIds[0] : nil)
    let locationProblems = checkLocation(order, resolved: locationId)
    problems += locationProblems

    // Lines are not compared with an unknown location, which is the order's problem alone.
    let lineLocation = locationProblems.isEmpty ? locationId : nil
    var lines = order.lines.map { line in
      LineValidation(line: line, problems: checkLine(line, locationId: lineLocation))
    }
    markDuplicateLineNumbers(&lines)

    if order.lines.isEmpty {
      problems.append(
        OrderProblem(at: order.position, value: order.orderNumber, reason: .noLines))
    } else if lines.allSatisfy({ !$0.problems.isEmpty }) {
      problems.append(
        OrderProblem(at: order.position, value: order.orderNumber, reason: .noAcceptedLine))
    } else if allOrNothing, lines.contains(where: { !$0.problems.isEmpty }) {
      let numbers = lines.filter { !$0.problems.isEmpty }.map(Self.lineLabel)
      problems.append(
        OrderProblem(
          at: order.position, value: order.orderNumber,
          reason: .rejectedLinesWithAllOrNothing(lineNumbers: numbers)))
    }
    return OrderValidation(
      order: order, orderProblems: problems, lines: lines, locationId: locationId)
  }

  /// Returns the zone's identifier as the configuration writes it. Foundation on Linux
  /// reports the zone that `TimeZone(identifier: "UTC")` makes as `GMT`.
  static func zoneName(_ zone: TimeZone) -> String {
    zone.identifier == "GMT" ? "UTC" : zone.identifier
  }

  private func checkOrderFields(_ order: DWFOrder, field: FieldCheck) -> [OrderProblem] {
    var problems: [OrderProblem] = []
    if let date = order.shipDate {
      if date < today {
        problems.append(
          field.problem(
            .shipDate, date.description,
            .pastDate(today: today, timeZone: timeZone.map(Self.zoneName))))
      }
    } else if !order.fieldProblems.contains(where: { $0.field == .shipDate }) {
      problems.append(field.problem(.shipDate, nil, .missing))
    }

    switch order.carrier {
    case .id(let id): problems += field.id(id, .carrierId)
    case .code(let code):
      problems += field.text(code, .carrierCode, maximum: Self.maximumCarrierCodeLength)
    case nil where !hasDefaultCarrier:
      problems.append(field.problem(.carrierId, nil, .carrierRequired))
    case nil: break
    }
    problems += field.id(order.shipToId, .shipToId)
    problems += field.id(order.locationId, .locationId)
    problems += field.text(order.customerPO, .customerPO, maximum: Self.maximumCustomerPOLength)
    return problems
  }

  private func checkLocation(_ order: DWFOrder, resolved: String?) -> [OrderProblem] {
    let field = FieldCheck(position: order.position, cells: order.cells)
    if let given = order.locationId, !locationIds.isEmpty, !locationIds.contains(given) {
      return [field.problem(.locationId, given, .unknownLocation(known: locationIds))]
    }
    if resolved == nil, locationIds.count > 1 {
      return [field.problem(.locationId, nil, .locationRequired)]
    }
    return []
  }

  private func checkLine(_ line: DWFOrderLine, locationId: String?) -> [OrderProblem] {
    let field = FieldCheck(position: line.position, cells: line.cells)
    var problems = line.fieldProblems
    func isMissing(_ value: Any?, _ name: OrderField) -> Bool {
      guard value == nil else { return false }
      if !line.fieldProblems.contains(where: { $0.field == name }) {
        problems.append(field.problem(name, nil, .missing))
      }
      return true
    }

    if !isMissing(line.inventoryId, .inventoryId), let id = line.inventoryId {
      problems += field.id(id, .inventoryId)
    }
    _ = isMissing(line.origin, .origin)
    if !isMissing(line.quantity, .quantity), let quantity = line.quantity {
      if quantity < 1 {
        problems.append(field.problem(.quantity, String(quantity), .notPositive))
      } else if quantity > Self.maximumQuantity {
        problems.append(field.problem(.quantity, String(quantity), .tooLong(maximum: 10)))
      }
    }
    if !isMissing(line.unitPrice, .unitPrice), let price = line.unitPrice {
      problems += checkPrice(price, field: field)
    }
    problems += field.text(line.markCode, .markCode, maximum: Self.maximumMarkCodeLength)

    if problems.isEmpty {
      problems += checkAgainstInventory(line, locationId: locationId, field: field)
    }
    return problems
  }

  /// Returns `price` rounded to cents, halves away from zero.
  static func roundedToCents(_ price: Decimal) -> Decimal {
    var input = price
    var rounded = Decimal()
    NSDecimalRound(&rounded, &input, 2, .plain)
    return rounded
  }

  private func checkPrice(_ price: Decimal, field: FieldCheck) -> [OrderProblem] {
    if price < 0 || price > Self.maximumPrice {
      return [field.problem(.unitPrice, "\(price)", .priceOutOfRange)]
    }
    var cents = price * 100
    var rounded = Decimal()
    NSDecimalRound(&rounded, &cents, 0, .plain)
    if rounded != cents {
      return [field.problem(.unitPrice, "\(price)", .tooManyDecimalPlaces)]
    }
    return []
  }

  /// Checks a line whose own fields are valid against the inventory drop: the line must exist
  /// with the same origin and location, at a price within the tolerance. The boxes available
  /// are not checked, because Komet decides a short quantity when the line is added.
  private func checkAgainstInventory(
    _ line: DWFOrderLine, locationId: String?, field: FieldCheck
  ) -> [OrderProblem] {
    guard let id = line.inventoryId, let origin = line.origin, let price = line.unitPrice else {
      return []
    }
    let candidates = itemsById[id] ?? []
    guard !candidates.isEmpty else {
      return [field.problem(.inventoryId, id, .inventoryNotFound)]
    }
    let sameOrigin = candidates.filter { $0.origin == origin }
    guard let first = sameOrigin.first else {
      return [
        field.problem(
          .origin, origin.rawValue, .originMismatch(snapshot: candidates[0].origin.rawValue))
      ]
    }
    var item = first
    if let locationId {
      let atLocation = sameOrigin.filter { $0.locationId == nil || $0.locationId == locationId }
      guard let match = atLocation.first else {
        return [
          field.problem(
            .inventoryId, id,
            .locationMismatch(snapshot: first.locationId ?? "", order: locationId))
        ]
      }
      item = match
    }
    // An order price has at most 2 decimal places, as Komet's decimal:10,2 prices do, so a
    // drop price with more (an export may carry 1.125) is compared in cents, rounded half up.
    let orderable = Self.roundedToCents(item.unitPrice)
    let difference = price - orderable
    if (difference < 0 ? -difference : difference) > priceTolerance {
      return [
        field.problem(
          .unitPrice, "\(price)",
          .priceMismatch(snapshot: orderable, tolerance: priceTolerance))
      ]
    }
    return []
  }

  private func markDuplicateLineNumbers(_ lines: inout [LineValidation]) {
    var first: [Int: SourcePosition] = [:]
    for index in lines.indices {
      guard let number = lines[index].line.lineNumber else { continue }
      if let earlier = first[number] {
        let cell = lines[index].line.cells[.lineNumber]
        lines[index].problems.append(
          OrderProblem(
            at: cell?.position ?? lines[index].line.position, field: .lineNumber,
            value: cell?.text ?? String(number),
            reason: .duplicateLineNumber(firstPosition: earlier)))
      } else {
        first[number] = lines[index].line.position
      }
    }
  }

  private static func lineLabel(_ validation: LineValidation) -> String {
    validation.line.lineNumber.map(String.init) ?? "at \(validation.line.position)"
  }
}

/// The type and length checks of single fields. A problem is placed at the field's own cell
/// or JSON key and shows the text as written, when the parser recorded them, else at the row
/// or object checked with the typed value.
private struct FieldCheck {
  var position: SourcePosition
  var cells: [OrderField: RawCell]

  func problem(
    _ field: OrderField, _ value: String?, _ reason: OrderProblem.Reason
  ) -> OrderProblem {
    let cell = cells[field]
    return OrderProblem(
      at: cell?.position ?? position, field: field, value: cell?.text ?? value, reason: reason)
  }

  /// Checks a Komet ID: ASCII digits, at most 20 of them (`integer:20`).
  func id(_ value: String?, _ field: OrderField) -> [OrderProblem] {
    guard let value else { return [] }
    guard value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
      return [problem(field, value, .notDigits)]
    }
    guard value.utf8.count <= OrderValidator.maximumIDLength else {
      return [problem(field, value, .tooLong(maximum: OrderValidator.maximumIDLength))]
    }
    return []
  }

  /// Checks free text: no control character, and at most `maximum` Unicode scalars.
  func text(_ value: String?, _ field: OrderField, maximum: Int) -> [OrderProblem] {
    guard let value else { return [] }
    if let control = ValuePreview.firstControl(in: value) {
      return [
        problem(
          field, value,
          .controlCharacter(position: control.position, scalar: control.scalar.value))
      ]
    }
    guard value.unicodeScalars.count > maximum else { return [] }
    return [problem(field, value, .tooLong(maximum: maximum))]
  }
}
