import Foundation
import StateStore
import Watching

/// One entry of `inbox/` or `inbox/dwf/` for the intake stage to take.
package struct InboxEntry: Sendable, Equatable {
  /// The kind of entry the watcher or the listing found at the path.
  package enum EntryType: Sendable, Equatable {
    /// A regular file with its size in bytes and modification time when it was judged ready.
    case regularFile(size: Int64, modified: Date)
    /// A symbolic link, FIFO or other entry that must be moved aside without being read.
    case nonRegular(NonRegularKind)
  }

  /// The folder that contains the entry, as the watcher was given it.
  package let folder: String
  package let name: String
  package let type: EntryType
  /// Whether the watcher judged the file complete: closed and then quiet, or unchanged for
  /// the settle time. An entry of a listing is not, so the intake stage leaves it when it was
  /// modified within the settle time.
  package let isReady: Bool

  package init(folder: String, name: String, type: EntryType, isReady: Bool = false) {
    self.folder = folder
    self.name = name
    self.type = type
    self.isReady = isReady
  }

  /// The folder and name joined with `/`.
  package var path: String { folder + "/" + name }
}

/// The result of the intake stage for one inbox entry.
package enum EntryOutcome: Sendable, Equatable {
  /// The file's work is committed and the file moved to `destination` under
  /// `inbox/processed/`. `ids` names further IDs for the log line, such as `order.number`.
  case processed(kind: String, destination: String, ids: [String: String] = [:])
  /// The file moved to `destination` under `inbox/failed/` beside its error file.
  case failed(kind: String?, destination: String, reason: String)
  /// The file stays where it is, such as an order file before order processing exists.
  case waiting(kind: String?, reason: String)
  /// The file looked truncated, so the watcher reports it again once it has settled.
  case retryLater(reason: String)
  /// A listed file was modified within the settle time, so it was left unread for a later
  /// pass.
  case stillBeingWritten(reason: String)
  /// Komet could not be reached, so the file stays where it is.
  case kometUnreachable(reason: String)
  /// The configuration lacks what the file's work needs, so the file stays where it is.
  case configurationUnusable(reason: String)

  var status: PassStatus {
    switch self {
    case .processed, .waiting, .retryLater, .stillBeingWritten: return .succeeded
    case .failed: return .inputFailed
    case .kometUnreachable: return .kometUnreachable
    case .configurationUnusable: return .configurationUnusable
    }
  }
}

/// Takes inbox files through classification and their lifecycle.
package protocol IntakeStage: Sendable {
  /// Lists the entries of `inbox/` and `inbox/dwf/` that wait to be taken, for `once`.
  func pendingEntries() throws -> [InboxEntry]

  /// Takes one entry: classifies it, does its work and moves it, or leaves it in place.
  /// A thrown error leaves the file where it is and is logged as an internal failure.
  func take(_ entry: InboxEntry) async throws -> EntryOutcome
}

/// What one inventory publish cycle did.
package struct InventoryCycleOutcome: Sendable, Equatable {
  package enum Result: Sendable, Equatable {
    /// A new drop with `sequence` and `itemCount` items was written.
    case published(sequence: Int, itemCount: Int)
    /// The content equals the previous drop, so only `latest.json` was refreshed.
    case unchanged(sequence: Int)
    /// Komet could not be reached, so the previous drop stays.
    case kometUnreachable(reason: String)
    /// The source's data was unusable, such as a damaged inventory export.
    case inputFailed(reason: String)
    /// The configuration lacks what the cycle needs, such as the DWF customer ID.
    case configurationUnusable(reason: String)
  }

  package var result: Result
  /// A longer interval until the next cycle, when the daily quota budget requires one.
  package var nextInterval: Duration?

  package init(_ result: Result, nextInterval: Duration? = nil) {
    self.result = result
    self.nextInterval = nextInterval
  }

  var status: PassStatus {
    switch result {
    case .published, .unchanged: return .succeeded
    case .kometUnreachable: return .kometUnreachable
    case .inputFailed: return .inputFailed
    case .configurationUnusable: return .configurationUnusable
    }
  }
}

/// Writes one inventory drop to `outbox/dwf/inventory/`.
package protocol InventoryStage: Sendable {
  func publishCycle() async throws -> InventoryCycleOutcome

  /// Returns nil when a cycle is due at `now` for a pipeline that has read nothing yet, such
  /// as `komet-dwf once`, or the time the next one is due. `run` keeps its own schedule.
  func nextCycleDue(after now: Date) -> Date?
}

extension InventoryStage {
  /// Returns nil, so every cycle is due, for a stage that keeps no schedule.
  package func nextCycleDue(after now: Date) -> Date? { nil }
}

/// The result of one order placement pass.
package struct OrderPassOutcome: Sendable, Equatable {
  package enum Result: Sendable, Equatable {
    /// Every journaled order was worked until no call was left.
    case finished
    /// The daily quota is used up, so the unsent lines wait; this is no failure.
    case quotaExhausted(reason: String)
    /// Komet could not be reached, so the rest waits for the next pass.
    case kometUnreachable(reason: String)
    /// Komet responded, but a call kept failing, so the rest waits for the next pass.
    case callFailed(reason: String)
    /// The configuration lacks what placement needs, such as the DWF customer ID.
    case configurationUnusable(reason: String)
  }

  package var result: Result
  /// Orders that this pass finished with at least one line accepted.
  package var ordersPlaced: Int
  /// Lines waiting for quota after the pass, over every order.
  package var linesWaiting: Int
  /// Acknowledgements rewritten in `outbox/dwf/acks/` by this pass.
  package var acknowledgementsWritten: Int

  package init(
    _ result: Result, ordersPlaced: Int = 0, linesWaiting: Int = 0,
    acknowledgementsWritten: Int = 0
  ) {
    self.result = result
    self.ordersPlaced = ordersPlaced
    self.linesWaiting = linesWaiting
    self.acknowledgementsWritten = acknowledgementsWritten
  }

  var status: PassStatus {
    switch result {
    case .finished, .quotaExhausted: return .succeeded
    case .kometUnreachable, .callFailed: return .kometUnreachable
    case .configurationUnusable: return .configurationUnusable
    }
  }
}

/// Places the journaled DWF orders in Komet and rewrites their acknowledgements.
package protocol OrderStage: Sendable {
  /// Carries out every pending Komet call of the journaled orders, then rewrites each
  /// acknowledgement older than its order. A thrown error is logged as an internal failure.
  func placeOrders() async throws -> OrderPassOutcome

  /// Returns whether a pass has anything to do, from one cheap journal query, so `run` can
  /// check it on every tick.
  func hasPendingWork() throws -> Bool
}

/// What a handler did with one change request.
package enum ChangeRequestResult: Sendable, Equatable {
  case succeeded(message: String)
  case failed(message: String)
  /// Komet could not be reached, so the request goes back to the queue for the next check.
  case kometUnreachable(message: String)
}

/// Carries out the change requests of the kinds it names, such as `retry`.
package protocol ChangeRequestHandler: Sendable {
  var kinds: Set<String> { get }

  /// Carries out `request`. A thrown error records the request as failed with the error.
  func carryOut(_ request: ChangeRequest) async throws -> ChangeRequestResult
}

/// The stages a pipeline runs. A missing stage is skipped with one log line per pass.
package struct PipelineStages: Sendable {
  package var intake: (any IntakeStage)?
  package var inventory: (any InventoryStage)?
  package var changeHandlers: [any ChangeRequestHandler]
  package var orders: (any OrderStage)?

  package init(
    intake: (any IntakeStage)? = nil, inventory: (any InventoryStage)? = nil,
    changeHandlers: [any ChangeRequestHandler] = [], orders: (any OrderStage)? = nil
  ) {
    self.intake = intake
    self.inventory = inventory
    self.changeHandlers = changeHandlers
    self.orders = orders
  }

  func handler(for kind: String) -> (any ChangeRequestHandler)? {
    changeHandlers.first { $0.kinds.contains(kind) }
  }
}
