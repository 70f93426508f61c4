import Foundation
import InboxLifecycle
import Inventory
import KometExports
import StateStore
import Watching

extension Intake {
  /// Stores the DWF customer's ID from a customers export, or fails the file when no customer
  /// or several match.
  func commitCustomers(_ table: ExportTable, path: String, sha256: String) -> IntakeOutcome {
    logWarnings(of: table, path: path)
    let result = matcher.match(table.records)
    let chosen: CustomerCandidate
    switch result.outcome {
    case .one(let candidate):
      chosen = candidate
    case .several(let candidates):
      return failCustomerMatch(table, path: path, candidates: candidates)
    case .none:
      return failCustomerMatch(table, path: path, candidates: [])
    }

    let now = clock()
    let known = KnownID(
      kind: .dwfCustomer, id: chosen.record.id, name: chosen.record.name,
      code: chosen.record.code, sourceFile: Self.fileName(of: path), sourceSHA256: sha256,
      recordedAt: now)
    let summary =
      "DWF customer \(chosen.record.id) (\(chosen.record.name ?? "no name")), sheet"
      + " \"\(table.sheet)\" row \(chosen.record.row)"
    return commit(path: path, sha256: sha256, kind: .customersExport, at: now, summary: summary) {
      try KnownIDs(database: database).replace(.dwfCustomer, with: [known])
    }
  }

  /// Stores every location ID of a locations export, or fails a file that has none.
  func commitLocations(_ table: ExportTable, path: String, sha256: String) -> IntakeOutcome {
    logWarnings(of: table, path: path)
    guard !table.records.isEmpty else {
      let problem = ContentProblem(
        sheet: table.sheet, row: table.headerRow,
        problem: "\(table.file), sheet \"\(table.sheet)\": the locations export has a header row"
          + " (row \(table.headerRow)) but no row with a location ID below it.",
        recognisedKind: .locationsExport)
      return fail(path: path, area: .grower, problem: problem)
    }

    let now = clock()
    let ids = table.records.map {
      KnownID(
        kind: .location, id: $0.id, name: $0.name, code: $0.code,
        sourceFile: Self.fileName(of: path), sourceSHA256: sha256, recordedAt: now)
    }
    let count = ids.count
    let shown = ids.prefix(10).map(\.id).joined(separator: ", ")
    let summary =
      "\(count) location\(count == 1 ? "" : "s"): " + shown
      + (count > 10 ? " and \(count - 10) more" : "")
    return commit(path: path, sha256: sha256, kind: .locationsExport, at: now, summary: summary) {
      try KnownIDs(database: database).replace(.location, with: ids)
    }
  }

  /// Stores the parsed copy of an inventory export, replacing the previous one whole.
  func commitInventory(_ table: InventoryExportTable, path: String, sha256: String)
    -> IntakeOutcome
  {
    let now = clock()
    let snapshot = InventoryExportSnapshot(
      items: table.items, sourceFile: Self.fileName(of: path), sha256: sha256, takenAt: now)
    let future = table.items.filter { $0.origin == .future }.count
    let summary =
      "\(table.items.count) inventory lines (\(table.items.count - future) on hand,"
      + " \(future) future), sheet \"\(table.sheet)\""
    return commit(path: path, sha256: sha256, kind: .inventoryExport, at: now, summary: summary) {
      try StoredInventoryExport(database: database).replace(with: snapshot)
    }
  }

  /// Runs `work` and records the export in one transaction, then moves the file to
  /// `inbox/processed/`. A crash between the commit and the move leaves the file in the inbox
  /// with its SHA-256 recorded, so the next take moves it as already processed.
  private func commit(
    path: String, sha256: String, kind: IntakeKind, at now: Date, summary: String,
    work: () throws -> Void
  ) -> IntakeOutcome {
    let fileName = Self.fileName(of: path)
    if let before = takenEntry, EntryStatus.read(path: path) != before {
      return changedWhileRead(path: path)
    }

    // NOTE: The move adds a numbered suffix when the name is taken, which this recorded
    // destination does not show.
    let expectedDestination = (mover.processedFolder(for: now) as NSString)
      .appendingPathComponent(fileName)
    let record = ProcessedExport(
      sha256: sha256, originalName: fileName, kind: kind.rawValue, processedAt: now,
      destination: expectedDestination)
    do {
      try database.transaction {
        try work()
        try ProcessedExports(database: database).record(record)
      }
    } catch {
      logger.error(
        "Export work could not be committed",
        ["file.path": path, "export.kind": kind.rawValue, "error": "\(error)"])
      return .notTaken(path: path, reason: "the state database could not be updated (\(error))")
    }

    let destination: String
    do {
      destination = try mover.moveToProcessed(path)
    } catch {
      logger.error(
        "Committed export could not be moved",
        ["file.path": path, "export.kind": kind.rawValue, "error": "\(error)"])
      return .notTaken(
        path: path,
        reason: "the work is committed, but the move to inbox/processed/ failed (\(error));"
          + " the next pass moves it")
    }
    logger.debug(
      "Export processed",
      [
        "file.path": path, "file.destination": destination, "file.sha256": sha256,
        "export.kind": kind.rawValue, "export.summary": summary,
      ])
    return .processed(kind: kind, destination: destination, summary: summary)
  }

  private func failCustomerMatch(
    _ table: ExportTable, path: String, candidates: [CustomerCandidate]
  ) -> IntakeOutcome {
    let start = "\(table.file), sheet \"\(table.sheet)\": "
    let text: String
    if candidates.isEmpty {
      text =
        start + "no active customer has \"\(matcher.query)\" as a whole word of its name or"
        + " code, so the DWF customer is unknown."
    } else {
      let lines = candidates.map {
        "  \($0.record.id)  \($0.record.name ?? "")  \($0.record.code ?? "")"
          + "  (row \($0.record.row))"
      }
      text =
        start + "\(candidates.count) customers match \"\(matcher.query)\", so none was"
        + " chosen:\n" + lines.joined(separator: "\n")
    }
    let problem = ContentProblem(
      sheet: table.sheet, problem: text, recognisedKind: .customersExport)
    let report = FailureReport(
      fileName: Self.fileName(of: path), sheet: table.sheet, problem: text,
      expected: "a customers export in which exactly one active customer is DWF.",
      action: "Set komet.dwfCustomerId in komet-dwf.json to the DWF customer's ID, which"
        + " overrides the export. To find the ID, run `komet-dwf ids --customer NAME FILE`"
        + " with DWF's exact customer name, code or ID.")
    return moveToFailed(path: path, area: .grower, report: report, reason: problem.problem)
  }

  /// Logs the rows a customers or locations export skipped or kept with a doubtful ID.
  private func logWarnings(of table: ExportTable, path: String) {
    for warning in table.warnings {
      logger.warning("Export row skipped or doubtful", ["file.path": path, "error": "\(warning)"])
    }
  }
}
