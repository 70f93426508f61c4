import CrashPoints
import Foundation
import Inventory
import OrderJournal
import Orders

extension OrderFileProcessor {
  /// Journals one validated order and writes its acknowledgement, and returns what happened
  /// to it for the file's summary: `new`, `duplicate`, `conflict`, `replaced`, `cancelled`
  /// or `rejected`.
  ///
  /// The digest is compared before the validation counts, so a file taken again after a crash,
  /// even on a later day when its ship dates are past, is a duplicate that changes no line.
  func receive(
    _ validation: OrderValidation, sourceFile: String, inventory: [InventoryItem]
  ) throws -> String {
    let order = validation.order
    if order.action == .cancel, validation.goesAhead {
      return try cancel(order, sourceFile: sourceFile)
    }

    CrashPoint.reach("intake.order.before-journal")
    let stored = try journal.snapshot(of: order.orderNumber)
    if let stored, stored.contentDigest == order.digest {
      let placeholder = ReceivedOrder(
        orderNumber: order.orderNumber, shipDate: "", sourceFile: sourceFile, lines: [])
      _ = try journal.receive(order: placeholder, digest: order.digest)
      try journal.recordReceipt(
        orderNumber: order.orderNumber, outcome: .duplicate, sourceFile: sourceFile)
      return try acknowledge(order.orderNumber, outcome: "duplicate")
    }

    let mapped = ReceivedOrderMapping.map(
      validation, sourceFile: sourceFile, inventory: inventory)
    switch (stored, mapped) {
    case (.some, .journal(let received)):
      if try journal.replaceRejected(order: received, digest: order.digest) != nil {
        try journal.recordReceipt(
          orderNumber: order.orderNumber, outcome: .replaced, sourceFile: sourceFile)
        return try acknowledge(order.orderNumber, outcome: "replaced")
      }
      return try recordConflict(order, sourceFile: sourceFile)
    case (.some, .reject):
      return try recordConflict(order, sourceFile: sourceFile)
    case (nil, .journal(let received)):
      _ = try journal.receive(order: received, digest: order.digest)
      try journal.recordReceipt(
        orderNumber: order.orderNumber, outcome: .new, sourceFile: sourceFile)
      return try acknowledge(order.orderNumber, outcome: "new")
    case (nil, .reject(let rejection)):
      return try writeRejection(rejection)
    }
  }

  /// Records a conflicting receipt. The stored order keeps its lines, and its acknowledgement,
  /// rewritten at a higher revision, shows the rejected receipt as `lastReceipt`.
  private func recordConflict(_ order: DWFOrder, sourceFile: String) throws -> String {
    try journal.recordReceipt(
      orderNumber: order.orderNumber, outcome: .conflict, sourceFile: sourceFile)
    logger.warning(
      "Order rejected: its number was received before with other content",
      ["order.number": order.orderNumber, "file.name": sourceFile])
    return try acknowledge(order.orderNumber, outcome: "conflict")
  }

  /// Cancels a journaled order, or acknowledges a cancellation of an unknown one as rejected.
  /// The placement stage deletes the order's web orders afterwards.
  private func cancel(_ order: DWFOrder, sourceFile: String) throws -> String {
    CrashPoint.reach("intake.order.before-journal")
    guard try journal.snapshot(of: order.orderNumber) != nil else {
      let rejection = UnjournaledRejection(
        orderNumber: order.orderNumber, sourceFile: sourceFile,
        reason: "order \(order.orderNumber) was never received, so there is nothing to"
          + " cancel; check the order number")
      return try writeRejection(rejection)
    }
    try journal.cancel(orderNumber: order.orderNumber)
    try journal.recordReceipt(
      orderNumber: order.orderNumber, outcome: .cancellation, sourceFile: sourceFile)
    return try acknowledge(order.orderNumber, outcome: "cancelled")
  }

  /// Writes the acknowledgement of a journaled order at its current revision and records it.
  private func acknowledge(_ orderNumber: String, outcome: String) throws -> String {
    CrashPoint.reach("intake.order.after-journal")
    guard let snapshot = try journal.snapshot(of: orderNumber) else {
      throw OrderJournalError.orderNotFound(orderNumber: orderNumber)
    }
    let receipt = try journal.lastReceipt(of: orderNumber)
    try acknowledgements.write(snapshot, lastReceipt: receipt)
    try journal.recordAcknowledgementWritten(
      orderNumber: orderNumber, revision: snapshot.revision)
    CrashPoint.reach("intake.order.after-ack")
    return outcome
  }

  private func writeRejection(_ rejection: UnjournaledRejection) throws -> String {
    CrashPoint.reach("intake.order.before-rejection-ack")
    try acknowledgements.writeRejection(rejection, at: clock())
    CrashPoint.reach("intake.order.after-ack")
    logger.info(
      "Order rejected before journaling",
      ["order.number": rejection.orderNumber, "file.name": rejection.sourceFile,
        "reason": rejection.reason])
    return "rejected"
  }
}
