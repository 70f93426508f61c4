import InboxLifecycle

extension Intake {
  /// Moves a file whose content is unusable to `inbox/failed/`, with the problem, what the
  /// folder takes and the next step.
  func fail(path: String, area: IntakeArea, problem: ContentProblem) -> IntakeOutcome {
    let report = FailureReport(
      fileName: Self.fileName(of: path), sheet: problem.sheet, row: problem.row,
      column: problem.column, value: problem.value, problem: problem.problem,
      expected: Self.expected(in: area),
      action: Self.action(for: problem, in: area, fileName: Self.fileName(of: path)))
    return moveToFailed(path: path, area: area, report: report, reason: problem.problem)
  }

  /// Moves a file of a kind that the other inbox folder takes to `inbox/failed/`.
  func failInWrongArea(path: String, area: IntakeArea, kind: IntakeKind) -> IntakeOutcome {
    let problem: String
    let action: String
    switch area {
    case .dwf:
      problem =
        "this is \(kind.noun), which DWF's upload folder inbox/dwf/ does not take: files there"
        + " can never change the grower's IDs or inventory."
      action =
        "If the grower's staff meant to drop it, drop it into inbox/ instead. If DWF uploaded"
        + " it, ask DWF to upload only order files."
    case .grower:
      problem = "this is \(kind.noun), which inbox/ does not take."
      action =
        "Order files go to inbox/dwf/, which DWF's SFTP account writes to. Ask DWF to upload"
        + " it there."
    }
    let report = FailureReport(
      fileName: Self.fileName(of: path), problem: problem, expected: Self.expected(in: area),
      action: action)
    return moveToFailed(path: path, area: area, report: report, reason: problem)
  }

  /// Writes the error file and moves the input beside it, or leaves the input in place when
  /// either step fails. A file from `inbox/dwf/` first gets `FILE.rejected.json` in
  /// `outbox/dwf/acks/`, because DWF cannot read `inbox/failed/`.
  func moveToFailed(path: String, area: IntakeArea, report: FailureReport, reason: String)
    -> IntakeOutcome
  {
    if area == .dwf {
      do {
        let url = try DWFFileRejection(report: report, at: clock()).write(in: workspace)
        logger.debug(
          "Rejection for DWF written", ["file.path": path, "rejection.path": url.path])
      } catch {
        logger.error(
          "FILE.rejected.json not written, the file stays in inbox/dwf/",
          ["file.path": path, "error": "\(error)", "file.problem": reason])
        return .notTaken(
          path: path,
          reason: "the rejection for DWF could not be written (\(error)) after: \(reason)")
      }
    }
    do {
      let moved = try mover.moveToFailed(path, report: report)
      logger.debug(
        "Inbox file failed, moved to inbox/failed/",
        ["file.path": path, "file.destination": moved.file, "error": reason])
      return .failed(errorFile: moved.errorFile, destination: moved.file, reason: reason)
    } catch {
      logger.error(
        "Failed inbox file could not be moved",
        ["file.path": path, "error": "\(error)", "file.problem": reason])
      return .notTaken(
        path: path, reason: "the move to inbox/failed/ failed (\(error)) after: \(reason)")
    }
  }

  /// Describes what a folder takes, for the error file's `Expected:` line.
  static func expected(in area: IntakeArea) -> String {
    switch area {
    case .grower:
      return "inbox/ takes the grower's Komet exports: a customers export (Setup > Customers),"
        + " a locations export (Setup > Locations) or an inventory export, as .xlsx, .csv or"
        + " an HTML table, with the headers listed in docs/exports.md."
    case .dwf:
      return "inbox/dwf/ takes DWF's order files only: CSV whose header row has order_number"
        + " and inventory_id (or order_number and action, for cancellations), or a JSON"
        + " object with formatVersion and orders (docs/formats.md)."
    }
  }

  private static func action(
    for problem: ContentProblem, in area: IntakeArea, fileName: String
  ) -> String {
    switch (area, problem.recognisedKind) {
    case (.dwf, _):
      let rejection = (try? DWFOutboxName.rejection(fileName: fileName)) ?? "FILE.rejected.json"
      return "DWF received the problem above in outbox/dwf/acks/\(rejection), because"
        + " DWF's account cannot read inbox/failed/. Nothing in the file was placed; DWF uploads"
        + " a corrected file to inbox/dwf/."
    case (.grower, .some):
      return "Correct what is listed above in Komet or in the file, and drop the whole file"
        + " into inbox/ again. Nothing from this file was stored."
    case (.grower, nil):
      return "Export the data again from Komet and drop that file into inbox/. A failed file"
        + " may be dropped again after a fix."
    }
  }
}
