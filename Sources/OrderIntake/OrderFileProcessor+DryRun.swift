import Foundation
import Intake
import InventoryFeed
import Inventory
import OrderJournal
import Orders

/// Writes the Komet requests that placing an order would send, for a dry run of the order
/// intake. The calls are synchronous because the intake runs behind a lock, so an
/// implementation must not wait on an actor.
package protocol DryRunRequestWriting: AnyObject {
  /// Writes the `web-order.create` of each web-order group of `order` with an accepted line,
  /// then the `web-order-item.add` of each accepted line, and returns the files' paths.
  func writePlacementRequests(for order: ReceivedOrder) throws -> [String]

  /// Writes the `web-order.delete` of each Komet web order of `order`, a journaled order that
  /// a cancellation names, and returns the files' paths.
  func writeCancellationRequests(for order: OrderSnapshot) throws -> [String]
}

extension OrderFileProcessor {
  /// Validates the file and writes the requests its orders would send through
  /// `dryRunRequests`, journaling nothing, writing no acknowledgement and leaving the file in
  /// `inbox/dwf/`. A content taken before is neither validated nor written again by this
  /// processor, so each content's requests are written once per process.
  func dryRun(path: String, sha256: String) -> OrderFileDecision {
    let reason =
      "dry run: the file was validated and its requests written, and it stays in inbox/dwf/"
    guard dryRunFiles.insert(sha256).inserted else { return .wait(reason: reason) }

    let file: OrderFile
    do {
      file = try OrderFileParser.parse(path: path)
    } catch {
      logger.notice("Dry run: order file invalid", ["file.path": path, "error": "\(error)"])
      return .wait(reason: "dry run: the file is not a valid order file")
    }
    let snapshot: InventorySnapshot
    switch readSnapshot(path: path) {
    case .success(let found?): snapshot = found
    case .success(nil):
      dryRunFiles.remove(sha256)
      return .wait(reason: Self.noSnapshotReason)
    case .failure(let error):
      dryRunFiles.remove(sha256)
      return .done(notTaken(path, error.description))
    }

    let fileName = (path as NSString).lastPathComponent
    for validation in validator(for: snapshot).validate(file) {
      logger.notice(
        "Dry run: order validated, not journaled",
        [
          "file.path": path, "order.number": validation.order.orderNumber,
          "order.accepted_lines": "\(validation.acceptedLines.count)",
          "order.rejected_lines": "\(validation.rejectedLines.count)",
          "order.problems": "\(validation.orderProblems.count)",
        ])
      writeDryRunRequests(
        for: validation, sourceFile: fileName, inventory: snapshot.items, path: path)
    }
    return .wait(reason: reason)
  }

  /// Writes the requests of one validated order, as the receipt and the placement would make
  /// them. An order number the journal already contains writes none, because its receipt
  /// would be a duplicate or a conflict. A cancellation writes the deletes of its web orders.
  private func writeDryRunRequests(
    for validation: OrderValidation, sourceFile: String, inventory: [InventoryItem],
    path: String
  ) {
    let order = validation.order
    var values = ["file.path": path, "order.number": order.orderNumber]
    guard let writer = dryRunRequests else {
      logger.notice("Dry run: no request written, because no request writer is set", values)
      return
    }

    let files: [String]
    do {
      let stored = try journal.snapshot(of: order.orderNumber)
      if order.action == .cancel, validation.goesAhead {
        guard let stored else {
          logger.notice("Dry run: cancellation of an unknown order, nothing to delete", values)
          return
        }
        files = try writer.writeCancellationRequests(for: stored)
      } else if stored != nil {
        logger.notice(
          "Dry run: order number already journaled, so no request is written", values)
        return
      } else {
        let mapped = ReceivedOrderMapping.map(
          validation, sourceFile: sourceFile, inventory: inventory)
        guard case .journal(let received) = mapped else {
          logger.notice("Dry run: order rejected, so no request is written", values)
          return
        }
        files = try writer.writePlacementRequests(for: received)
      }
    } catch {
      values["error"] = "\(error)"
      logger.error("Dry run: order requests not written", values)
      return
    }
    values["dry_run.files"] = String(files.count)
    logger.notice("Dry run: order requests written", values)
  }
}
