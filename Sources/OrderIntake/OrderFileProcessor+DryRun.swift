import Foundation
import Intake
import InventoryFeed
import Orders

extension OrderFileProcessor {
  /// Validates the file and logs what would be placed, journaling nothing, writing no
  /// acknowledgement and leaving the file in `inbox/dwf/`. A content validated before is not
  /// validated again.
  func dryRun(path: String, sha256: String) -> OrderFileDecision {
    let reason = "dry run: the file was validated and stays in inbox/dwf/"
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

    // TODO: write each group's `web-order.create` and each line's `web-order-item.add` to the
    // client's dry-run folder (outbox/komet/requests/); today a dry run only validates and logs.
    for validation in validator(for: snapshot).validate(file) {
      logger.notice(
        "Dry run: order validated, not journaled",
        [
          "file.path": path, "order.number": validation.order.orderNumber,
          "order.accepted_lines": "\(validation.acceptedLines.count)",
          "order.rejected_lines": "\(validation.rejectedLines.count)",
          "order.problems": "\(validation.orderProblems.count)",
        ])
    }
    return .wait(reason: reason)
  }
}
