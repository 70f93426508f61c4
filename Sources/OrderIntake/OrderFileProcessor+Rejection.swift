import CrashPoints
import Foundation
import InboxLifecycle
import Intake
import OrderJournal
import Orders

extension OrderFileProcessor {
  /// Writes `FILE.rejected.json` for DWF, which cannot read `inbox/failed/`, then moves the
  /// file to `inbox/failed/` beside its error file for the grower.
  func rejectFile(path: String, error: OrderFileError) -> IntakeOutcome {
    let fileName = (path as NSString).lastPathComponent
    let problems = error.problems.map { problem in
      FileRejection.Problem(
        location: problem.position == .file ? nil : problem.position.description,
        message: problem.description)
    }
    let rejection: URL
    do {
      rejection = try acknowledgements.writeRejectedFile(
        fileName: fileName, errors: problems, at: clock())
    } catch {
      logger.error(
        "FILE.rejected.json not written, order file stays in inbox/dwf/",
        ["file.path": path, "error": "\(error)"])
      return notTaken(path, "the rejection for DWF could not be written (\(error))")
    }
    CrashPoint.reach("intake.order.after-file-rejection")

    let report = FailureReport(
      fileName: fileName, problem: error.description,
      expected: "a DWF order file as docs/formats.md describes it, CSV or JSON",
      action: "DWF received the same problems in outbox/dwf/acks/\(rejection.lastPathComponent)."
        + " Nothing in the file was placed; DWF sends a corrected file.")
    do {
      let moved = try mover.moveToFailed(path, report: report)
      logger.warning(
        "Order file rejected whole, moved to inbox/failed/",
        ["file.path": path, "file.destination": moved.file, "problems": "\(problems.count)"])
      return .failed(errorFile: moved.errorFile, destination: moved.file, reason: error.description)
    } catch {
      logger.error(
        "Rejected order file could not be moved", ["file.path": path, "error": "\(error)"])
      return notTaken(path, "the move to inbox/failed/ failed (\(error))")
    }
  }
}
