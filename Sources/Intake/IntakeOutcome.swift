/// The inbox folder a file was dropped into, which decides what it may be.
package enum IntakeArea: String, Sendable, Equatable {
  /// `inbox/`: the grower's drops, which are customers, locations and inventory exports.
  case grower
  /// `inbox/dwf/`: DWF's uploads, which are order files only.
  case dwf

  /// The folder as messages name it.
  var folderName: String {
    switch self {
    case .grower: return "inbox/"
    case .dwf: return "inbox/dwf/"
    }
  }
}

/// The kind of content a taken file has.
package enum IntakeKind: String, Sendable, Equatable {
  case customersExport
  case locationsExport
  case inventoryExport
  case orderFile

  /// The kind as messages name it.
  var noun: String {
    switch self {
    case .customersExport: return "a Komet customers export"
    case .locationsExport: return "a Komet locations export"
    case .inventoryExport: return "a Komet inventory export"
    case .orderFile: return "a DWF order file"
    }
  }
}

/// The result of taking one file from the inbox.
package enum IntakeOutcome: Sendable, Equatable {
  /// The file's work is committed and the file is in `inbox/processed/YYYY-MM-DD/`.
  case processed(kind: IntakeKind, destination: String, summary: String)
  /// Content with the same SHA-256 was processed before, first under `firstName`, so nothing
  /// changed and the file moved to `inbox/processed/YYYY-MM-DD/`.
  case alreadyProcessed(kind: IntakeKind, destination: String, firstName: String)
  /// The file is in `inbox/failed/` at `destination`, beside `errorFile`.
  case failed(errorFile: String, destination: String, reason: String)
  /// An order file stays in `inbox/dwf/`: no order-file handler is configured, no inventory
  /// drop exists yet to check it against, or a dry run validated it. `reason` says which.
  case waiting(path: String, reason: String)
  /// The file looks truncated, probably because it is still being copied, so it stays where it
  /// is and should be taken again later. `attempt` counts from 1, and is 0 for a file that
  /// changed while it was read, which counts no attempt.
  case retryLater(path: String, attempt: Int, reason: String)
  /// A file found by a listing was modified within the settle time, so its writer may not be
  /// done. It was not read, and a later pass takes it. `reason` gives its age.
  case stillBeingWritten(path: String, reason: String)
  /// The intake's own work failed (hashing, the state database or a move), so the file stays
  /// in the inbox and the next pass takes it again.
  case notTaken(path: String, reason: String)
}

/// Takes the DWF order files of `inbox/dwf/` for `Intake`, which does not depend on the
/// orders modules. `Intake` has already hashed and classified the file.
package protocol OrderFileHandler: AnyObject {
  /// Processes the order file `file`. Right before it journals or moves anything, the handler
  /// checks `file.isUnchanged()`, and leaves a changed file in place with `.retryLater`.
  func takeOrderFile(_ file: TakenFile) -> OrderFileDecision
}

/// What an `OrderFileHandler` did with an order file.
package enum OrderFileDecision: Sendable, Equatable {
  /// The file was taken: moved to `processed/` or `failed/`, or left for a later pass.
  case done(IntakeOutcome)
  /// The file stays in `inbox/dwf/` for `reason`, noted in the log once per content.
  case wait(reason: String)
}
