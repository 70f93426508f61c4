import Configuration
import Foundation
import Komet
import OrderJournal
import StateStore
import Workspace

/// The last inventory drop as `outbox/dwf/inventory/latest.json` describes it.
package struct InventoryDropSummary: Sendable, Equatable {
  package var sequence: Int
  /// The time the drop's data was read from its source.
  package var asOf: Date
  package var itemCount: Int
  /// Whether the inventory stage marked the drop stale.
  package var isMarkedStale: Bool
  package var updatedAt: Date?
  /// The manifest's name, relative to `outbox/dwf/inventory/`.
  package var manifest: String
}

/// A file in `inbox/failed/` with the first line of its error file.
package struct FailedFile: Sendable, Equatable {
  package var name: String
  /// The first line of `NAME.error.txt`, or nil when there is no error file.
  package var firstErrorLine: String?
}

/// The requests counted today for one token role, against its daily allowance.
package struct QuotaUse: Sendable, Equatable {
  package var role: StateStore.TokenRole
  package var used: Int64
  package var limit: Int
  /// Whether the limit is the `dailyLimit` that all roles without their own limit share.
  package var isShared: Bool = false
}

/// Something that `status --check` treats as needing a person.
package enum StatusProblem: Sendable, Equatable, CustomStringConvertible {
  case noDrop
  case unreadableDrop(reason: String)
  /// The drop is marked stale, or its data is older than `inventory.maxAgeMinutes`.
  case staleDrop(ageMinutes: Int, maxAgeMinutes: Int)
  case failedFiles(count: Int)
  case waitingChangeRequests(count: Int)
  /// Order lines whose add could not be settled, which `komet-dwf review` settles.
  case linesAwaitingReview(count: Int)

  /// Returns "1 minute" or "N minutes", for the drop's age and its limit.
  package static func minutes(_ count: Int) -> String {
    count == 1 ? "1 minute" : "\(count) minutes"
  }

  package var description: String {
    switch self {
    case .noDrop:
      return "no inventory drop yet"
    case .unreadableDrop(let reason):
      return "latest.json cannot be read: \(reason)"
    case .staleDrop(let age, let maxAge):
      return "the inventory drop is stale: its data is \(Self.minutes(age)) old (limit"
        + " \(Self.minutes(maxAge)))"
    case .failedFiles(let count):
      return "\(count) file(s) in inbox/failed/ need a fix"
    case .waitingChangeRequests(let count):
      return "\(count) change request(s) wait for the pipeline"
    case .linesAwaitingReview(let count):
      return "\(count) order line(s) await review (settle each with"
        + " komet-dwf review ORDER LINE --added or --not-added)"
    }
  }
}

/// The report of `komet-dwf status` on a workspace.
package struct WorkspaceStatus: Sendable {
  /// The last drop, or nil when `latest.json` is missing or unreadable.
  package var drop: InventoryDropSummary?
  package var dropReadError: String?
  package var failedFiles: [FailedFile] = []
  /// Names of the regular files waiting in `inbox/` and `inbox/dwf/`, relative to `inbox/`.
  package var waitingFiles: [String] = []
  package var quota: [QuotaUse] = []
  package var reserveForOrders: Int
  package var changeRequests: [ChangeRequest] = []
  /// The number of journaled orders in each state, with every state present.
  package var orderCounts: [OrderState: Int] = Dictionary(
    uniqueKeysWithValues: OrderState.allCases.map { ($0, 0) })
  /// The most recently changed order numbers of each state, at most
  /// `listedOrdersPerState` of them, so `status` names the orders behind each count.
  package var recentOrders: [OrderState: [String]] = [:]
  /// The order lines in review, by order as received and then by line number.
  package var reviewLines: [ReviewLine] = []
  package var maxAgeMinutes: Int
  /// The time the status was taken, which ages are measured from.
  package var now: Date

  /// How many order numbers `status` lists per state.
  package static let listedOrdersPerState = 20

  /// Returns the age of the drop's data in whole minutes, or nil without a drop.
  package var dropAgeMinutes: Int? {
    drop.map { Int(now.timeIntervalSince($0.asOf) / 60) }
  }

  /// Returns the problems that `status --check` reports, in the order of the report.
  package var problems: [StatusProblem] {
    var list: [StatusProblem] = []
    if let reason = dropReadError {
      list.append(.unreadableDrop(reason: reason))
    } else if let drop, let age = dropAgeMinutes {
      if drop.isMarkedStale || age >= maxAgeMinutes {
        list.append(.staleDrop(ageMinutes: age, maxAgeMinutes: maxAgeMinutes))
      }
    } else {
      list.append(.noDrop)
    }
    if !failedFiles.isEmpty { list.append(.failedFiles(count: failedFiles.count)) }
    if !changeRequests.isEmpty { list.append(.waitingChangeRequests(count: changeRequests.count)) }
    if !reviewLines.isEmpty { list.append(.linesAwaitingReview(count: reviewLines.count)) }
    return list
  }

  /// Reads the status of `workspace` without taking the lock, so it works while `run` is
  /// running.
  ///
  /// - Throws: the state database's errors. A missing or broken `latest.json` is part of the
  ///   status, not an error.
  package static func read(
    workspace: Workspace, komet: KometSettings, exchange: ExchangeSettings, now: Date = Date()
  ) throws -> WorkspaceStatus {
    var status = WorkspaceStatus(
      reserveForOrders: exchange.reserveForOrders.value,
      maxAgeMinutes: exchange.inventoryMaxAgeMinutes.value, now: now)
    let latest = workspace.dwfOutbox.appendingPathComponent("inventory/latest.json")
    do {
      status.drop = try readLatest(at: latest)
    } catch {
      status.dropReadError = error.description
    }
    status.failedFiles = try listFailed(workspace.failed)
    status.waitingFiles = listWaiting(workspace)

    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let ledger = QuotaLedger(database: database, timeZone: komet.quota.timeZone)
    for role in [StateStore.TokenRole.company, .customer, .user] {
      let kometRole = Komet.TokenRole(rawValue: role.rawValue)!
      let limit = komet.quota.limit(for: kometRole)
      status.quota.append(
        QuotaUse(
          role: role, used: try ledger.count(role: role, at: now), limit: limit,
          isShared: komet.quota.roleLimits[kometRole] == nil))
    }
    status.changeRequests = try ChangeRequests(database: database).unfinished()

    let journal = OrderJournal(database: database)
    status.orderCounts = try journal.orderCounts()
    for state in OrderState.allCases where (status.orderCounts[state] ?? 0) > 0 {
      status.recentOrders[state] = try journal.orderNumbers(
        in: state, limit: Self.listedOrdersPerState)
    }
    status.reviewLines = try journal.linesAwaitingReview()
    return status
  }
}
