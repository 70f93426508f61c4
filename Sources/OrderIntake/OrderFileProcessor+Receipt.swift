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
  /// A file taken again after a crash, still unmoved in `inbox/dwf/`, is the same delivery:
  /// each order keeps the receipt that the first take journaled, and only an acknowledgement
  /// that was not written yet is written. Another upload with the same content is a
  /// duplicate that changes no line, because the digest is compared before the validation
  /// counts, so ship dates in the past by then reject nothing.
  ///
  /// - Throws: `AcknowledgementNotWritten` when the journal write succeeded and only the
  ///   acknowledgement failed.
  func receive(
    _ validation: OrderValidation, take: OrderFileTake, inventory: [InventoryItem]
  ) throws -> String {
    let order = validation.order
    let sourceFile = take.fileName
    if order.action == .cancel, validation.goesAhead {
      return try cancel(order, take: take)
    }

    CrashPoint.reach("intake.order.before-journal")
    let stored = try journal.snapshot(of: order.orderNumber)
    if let stored, stored.contentDigest == order.digest,
      let outcome = try unacknowledgedReceipt(stored, sourceFile: sourceFile)
    {
      return try acknowledge(order.orderNumber, outcome: outcome)
    }
    if let outcome = try journal.earlierReceipt(of: order.orderNumber, in: take) {
      return try acknowledgeIfBehind(order.orderNumber, outcome: Self.summaryWord(outcome))
    }
    if let stored, OrderJournal.isCancellationBeforeOrder(stored) {
      return try receiveAfterCancellation(validation, sourceFile: sourceFile, inventory: inventory)
    }
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
      CrashPoint.reach("intake.order.before-receipt")
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

  /// Returns the summary word of the receipt already journaled for `stored` when it came
  /// from `sourceFile` and no acknowledgement of the order was written (`ack_revision` 0).
  /// Returns nil otherwise, so the receipt is a new one.
  ///
  /// That happens when the file is taken again after the acknowledgement failed, or after a
  /// crash between the journal write and the acknowledgement. DWF never saw the first
  /// receipt, so counting a duplicate would report a second delivery that did not happen.
  private func unacknowledgedReceipt(_ stored: OrderSnapshot, sourceFile: String) throws
    -> String?
  {
    guard stored.acknowledgedRevision == 0, stored.sourceFile == sourceFile else { return nil }
    guard let receipt = try journal.lastReceipt(of: stored.orderNumber) else {
      // A crash between journaling the order and recording its receipt (two transactions)
      // leaves the order with no receipt: this is its first delivery, taken again.
      try journal.recordReceipt(
        orderNumber: stored.orderNumber, outcome: .new, sourceFile: sourceFile)
      return "new"
    }
    guard receipt.sourceFile == sourceFile else { return nil }
    return Self.summaryWord(receipt.outcome)
  }

  /// Returns the word that the file's summary counts a receipt under.
  static func summaryWord(_ outcome: ReceiptOutcome) -> String {
    switch outcome {
    case .new: return "new"
    case .duplicate: return "duplicate"
    case .conflict: return "conflict"
    case .replaced: return "replaced"
    case .cancellation, .cancellationBeforeOrder, .orderAfterCancellation: return "cancelled"
    }
  }

  /// Journals an order whose cancellation came first with every line cancelled, so it is
  /// never placed, and acknowledges it `cancelled`.
  private func receiveAfterCancellation(
    _ validation: OrderValidation, sourceFile: String, inventory: [InventoryItem]
  ) throws -> String {
    let order = validation.order
    let mapped = ReceivedOrderMapping.map(
      validation, sourceFile: sourceFile, inventory: inventory)
    if case .journal(let received) = mapped,
      try journal.receiveAfterCancellation(order: received, digest: order.digest) != nil
    {
      logger.info(
        "Order received after its cancellation, journaled as cancelled and not placed",
        ["order.number": order.orderNumber, "file.name": sourceFile])
      return try acknowledge(order.orderNumber, outcome: "cancelled")
    }

    // An order the journal cannot hold line by line is acknowledged on the kept
    // cancellation, which stays cancelled with no lines.
    try journal.recordReceipt(
      orderNumber: order.orderNumber, outcome: .orderAfterCancellation, sourceFile: sourceFile)
    return try acknowledge(order.orderNumber, outcome: "cancelled")
  }

  /// Cancels a journaled order, or keeps a cancellation of an order not received yet, so that
  /// order is cancelled when it comes. The placement stage deletes the order's web orders
  /// afterwards.
  private func cancel(_ order: DWFOrder, take: OrderFileTake) throws -> String {
    let sourceFile = take.fileName
    CrashPoint.reach("intake.order.before-journal")
    guard let stored = try journal.snapshot(of: order.orderNumber) else {
      _ = try journal.receiveCancellationFirst(
        orderNumber: order.orderNumber, sourceFile: sourceFile, digest: order.digest)
      logger.info(
        "Cancellation of an order not received yet, kept so the order is not placed",
        ["order.number": order.orderNumber, "file.name": sourceFile])
      return try acknowledge(order.orderNumber, outcome: "cancelled")
    }
    if stored.contentDigest == order.digest,
      let outcome = try unacknowledgedReceipt(stored, sourceFile: sourceFile)
    {
      return try acknowledge(order.orderNumber, outcome: outcome)
    }
    if let outcome = try journal.earlierReceipt(of: order.orderNumber, in: take) {
      return try acknowledgeIfBehind(order.orderNumber, outcome: Self.summaryWord(outcome))
    }
    // Every cancellation of a number has the same content, so only the file name separates
    // a re-delivery from a new one. Without this, the same file uploaded again would cancel a
    // corrected order that replaced the cancelled one.
    if try journal.hasCancellation(of: order.orderNumber, fromFile: sourceFile) {
      try journal.recordReceipt(
        orderNumber: order.orderNumber, outcome: .duplicate, sourceFile: sourceFile)
      logger.info(
        "Cancellation read again from the same file, nothing changed",
        ["order.number": order.orderNumber, "file.name": sourceFile])
      return try acknowledge(order.orderNumber, outcome: "duplicate")
    }

    try journal.cancel(orderNumber: order.orderNumber)
    let outcome: ReceiptOutcome =
      OrderJournal.isCancellationBeforeOrder(stored) ? .cancellationBeforeOrder : .cancellation
    try journal.recordReceipt(
      orderNumber: order.orderNumber, outcome: outcome, sourceFile: sourceFile)
    return try acknowledge(order.orderNumber, outcome: "cancelled")
  }

  /// Writes the acknowledgement of a journaled order unless the one for its current revision
  /// was written already, and returns `outcome`.
  private func acknowledgeIfBehind(_ orderNumber: String, outcome: String) throws -> String {
    guard let snapshot = try journal.snapshot(of: orderNumber),
      snapshot.acknowledgedRevision == snapshot.revision
    else {
      return try acknowledge(orderNumber, outcome: outcome)
    }
    return outcome
  }

  /// Writes the acknowledgement of a journaled order at its current revision and records it.
  private func acknowledge(_ orderNumber: String, outcome: String) throws -> String {
    CrashPoint.reach("intake.order.after-journal")
    guard let snapshot = try journal.snapshot(of: orderNumber) else {
      throw OrderJournalError.orderNotFound(orderNumber: orderNumber)
    }
    let receipt = try journal.lastReceipt(of: orderNumber)
    do {
      try acknowledgements.write(snapshot, lastReceipt: receipt)
    } catch {
      throw AcknowledgementNotWritten(orderNumber: orderNumber, underlying: error)
    }
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

/// A journaled order whose acknowledgement could not be written. The file stays in
/// `inbox/dwf/`, and taking it again writes the acknowledgement without a second receipt.
struct AcknowledgementNotWritten: Error, CustomStringConvertible {
  var orderNumber: String
  var underlying: any Error

  var description: String {
    "order \(orderNumber) is journaled, but its acknowledgement was not written (\(underlying))"
  }
}
