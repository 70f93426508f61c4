import Foundation
import StateStore

/// One take of an order file from `inbox/dwf/`, recorded before its orders are journaled.
package struct OrderFileTake: Sendable, Equatable {
  package var fileName: String
  /// The ID of the journal's last step before the file's first take. Receipts logged after
  /// it from a file of this name came from this delivery.
  package var lastStepBefore: Int64
  /// Whether the same file, with the same name, content and status, was taken before. Such a
  /// file was never moved to `inbox/processed/`, because the process was killed first.
  package var isRetake: Bool
}

extension OrderJournal {
  /// The number of days a take is kept. A retake comes with the next pass after a restart,
  /// so a month leaves room for a machine that stayed down.
  static let fileTakeRetentionDays = 30

  /// Records a take of the order file `fileName` with content `sha256` and the file status
  /// `identity` (device, inode, size and modification time), or returns the earlier take of
  /// the very same file. It also drops takes older than the retention.
  package func beginFileTake(fileName: String, sha256: String, identity: String) throws
    -> OrderFileTake
  {
    try database.transaction {
      let cutoff = now().addingTimeInterval(-Double(Self.fileTakeRetentionDays) * 86_400)
      try execute(
        "DELETE FROM order_file_takes WHERE taken_at < :cutoff",
        [":cutoff": .text(Self.timeText(cutoff))])

      let file: [String: SQLiteValue] = [
        ":name": .text(fileName), ":sha": .text(sha256), ":identity": .text(identity),
      ]
      if let earlier = try integer(
        """
        SELECT last_step_before FROM order_file_takes
        WHERE file_name = :name AND sha256 = :sha AND file_identity = :identity
        ORDER BY id DESC LIMIT 1
        """, file)
      {
        return OrderFileTake(fileName: fileName, lastStepBefore: earlier, isRetake: true)
      }

      let lastStep = try integer("SELECT coalesce(max(id), 0) FROM journal_steps", [:]) ?? 0
      var values = file
      values[":last"] = .integer(lastStep)
      values[":time"] = .text(Self.timeText(now()))
      try execute(
        """
        INSERT INTO order_file_takes (file_name, sha256, file_identity, last_step_before,
          taken_at)
        VALUES (:name, :sha, :identity, :last, :time)
        """, values)
      return OrderFileTake(fileName: fileName, lastStepBefore: lastStep, isRetake: false)
    }
  }

  /// Returns the outcome of the receipt that an earlier take of the same file recorded for
  /// `orderNumber`, or nil when `take` is a first take or that take never reached the order.
  package func earlierReceipt(of orderNumber: String, in take: OrderFileTake) throws
    -> ReceiptOutcome?
  {
    guard take.isRetake else { return nil }
    let lastStep = try integer(
      """
      SELECT max(id) FROM journal_steps WHERE order_number = :order AND method = :method
      """, [":order": .text(orderNumber), ":method": .text(Self.receiptMethod)])
    guard let lastStep, lastStep > take.lastStepBefore,
      let receipt = try lastReceipt(of: orderNumber), receipt.sourceFile == take.fileName
    else { return nil }
    return receipt.outcome
  }
}
