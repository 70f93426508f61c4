import Foundation
import Inventory
import OrderJournal
import Orders

/// Turns a validated order into what the journal stores, or into a rejection that cannot be
/// journaled.
///
/// An order rejected as a whole is still journaled, with every line rejected for the order's
/// reasons, so `status` lists it and DWF sees each line's reason. Only an order the journal
/// cannot hold line by line (no lines, a line number that is not a whole number, or a line
/// number used twice) becomes an `UnjournaledRejection`.
enum ReceivedOrderMapping {
  enum Result {
    case journal(ReceivedOrder)
    case reject(UnjournaledRejection)
  }

  static func map(
    _ validation: OrderValidation, sourceFile: String, inventory: [InventoryItem]
  ) -> Result {
    let order = validation.order
    let orderReason =
      validation.orderProblems.isEmpty ? nil : reasonText(validation.orderProblems)

    var lines: [ReceivedLine] = []
    var seen = Set<Int>()
    for lineValidation in validation.lines {
      guard let number = lineValidation.line.lineNumber, seen.insert(number).inserted else {
        return .reject(rejection(validation, sourceFile: sourceFile))
      }
      let line = receivedLine(
        lineValidation, number: number, orderReason: orderReason, inventory: inventory,
        locationId: validation.locationId)
      lines.append(line)
    }
    guard !lines.isEmpty else {
      return .reject(rejection(validation, sourceFile: sourceFile))
    }

    return .journal(
      ReceivedOrder(
        orderNumber: order.orderNumber, shipDate: order.shipDate?.description ?? "",
        locationId: validation.locationId, customerPO: order.customerPO,
        sourceFile: sourceFile, lines: lines, carrier: carrier(order.carrier),
        shipToId: order.shipToId))
  }

  /// Returns the rejection of an order that is not journaled, with every problem of the order
  /// and of its lines.
  static func rejection(_ validation: OrderValidation, sourceFile: String)
    -> UnjournaledRejection
  {
    let problems = validation.orderProblems
    let reason =
      problems.isEmpty
      ? "the order repeats a line number or has one that is not a whole number; see its lines"
      : reasonText(problems)
    let lines = validation.lines.map { line in
      UnjournaledRejection.Line(
        lineNumber: line.line.lineNumber ?? line.line.positionInOrder,
        inventoryId: line.line.inventoryId, quantity: line.line.quantity,
        reason: line.problems.isEmpty ? "the order is rejected" : reasonText(line.problems))
    }
    return UnjournaledRejection(
      orderNumber: validation.order.orderNumber, sourceFile: sourceFile,
      customerPO: validation.order.customerPO, reason: reason, lines: lines)
  }

  private static func receivedLine(
    _ validation: LineValidation, number: Int, orderReason: String?,
    inventory: [InventoryItem], locationId: String?
  ) -> ReceivedLine {
    let line = validation.line
    var rejection: String? =
      validation.problems.isEmpty ? nil : reasonText(validation.problems)
    if let orderReason {
      rejection = rejection.map { "\(orderReason); \($0)" } ?? orderReason
    }
    let item = snapshotItem(for: line, in: inventory, locationId: locationId)
    // NOTE: a line with no readable origin is rejected, so its group never reaches Komet. It
    // is filed under on hand only because the journal groups every line by an origin.
    return ReceivedLine(
      lineNumber: number, inventoryId: line.inventoryId, origin: line.origin ?? .onHand,
      quantity: line.quantity, unitPrice: line.unitPrice, rejection: rejection,
      markCode: line.markCode, unitsPerBox: item?.unitsPerBox)
  }

  /// Returns the snapshot item a line was validated against, matched as `OrderValidator`
  /// matches it: same ID and origin, at the order's location or at none.
  static func snapshotItem(
    for line: DWFOrderLine, in inventory: [InventoryItem], locationId: String?
  ) -> InventoryItem? {
    inventory.first { item in
      item.inventoryId == line.inventoryId && item.origin == line.origin
        && (locationId == nil || item.locationId == nil || item.locationId == locationId)
    }
  }

  static func carrier(_ reference: CarrierReference?) -> OrderCarrier? {
    switch reference {
    case .id(let id): return .id(id)
    case .code(let code): return .code(code)
    case nil: return nil
    }
  }

  /// Joins the problems' messages, each with its row or JSON path. Each message is a
  /// sentence of its own, so they are joined with a space.
  static func reasonText(_ problems: [OrderProblem]) -> String {
    problems.map(\.description).joined(separator: " ")
  }
}
