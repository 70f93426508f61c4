import Configuration
import Exchange
import Foundation
import InventoryFeed
import KometClient
import Logging
import Onboarding
import StateStore
import Synchronization

/// The pipeline's inventory stage: resolves the IDs afresh each cycle (the intake may have
/// just stored new ones), cross-checks them against Komet once, and runs one publish cycle.
final class InventoryAdapter: InventoryStage {
  private struct State {
    var publisher: InventoryPublisher
    var database: Database
    var client: KometClient?
    var crossChecked = false
  }

  private let state: Mutex<State>
  private let settings: KometSettings
  private let feedSettings: InventoryFeedSettings
  private let logger: Logger

  init(
    publisher: sending InventoryPublisher, database: sending Database, client: KometClient?,
    settings: KometSettings, feedSettings: InventoryFeedSettings, logger: Logger
  ) {
    state = Mutex(State(publisher: publisher, database: database, client: client))
    self.settings = settings
    self.feedSettings = feedSettings
    self.logger = logger
  }

  /// The time before the due moment at which a read already counts as due, so `once` run
  /// from cron at the interval itself does not skip every other run by a second.
  static let dueSlack: TimeInterval = 30

  /// Returns when the next read is due, or nil when it is due now. It is due when there is no
  /// drop yet, when the source is the stored export (which spends no request), and when the
  /// newest read is older than the interval, lengthened for the daily quota as `run` does.
  /// A read is estimated at one request per location for the e-commerce list and two for the
  /// Open Market pair, plus the cross-check's `customer.list` and `location.list`, which each
  /// new process sends.
  func nextCycleDue(after now: Date) -> Date? {
    let perLocation: Int
    switch feedSettings.source {
    case .export: return nil
    case .ecommerce: perLocation = 1
    case .openMarket: perLocation = 2
    }
    let due: Date? = state.withLock { state in
      let locations = (try? KnownIDs(database: state.database).ids(.location).count) ?? 0
      let requests = perLocation * max(1, locations) + (state.crossChecked ? 0 : 2)
      return try? state.publisher.nextReadDue(estimatedRequests: requests)
    }
    guard let due, due.timeIntervalSince(now) > Self.dueSlack else { return nil }
    return due
  }

  func publishCycle() async throws -> InventoryCycleOutcome {
    let ids: ResolvedIDs
    do {
      ids = try state.withLock {
        try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: $0.database))
      }
    } catch {
      return InventoryCycleOutcome(.configurationUnusable(reason: "\(error)"))
    }

    let target: InventoryTarget
    switch makeTarget(ids) {
    case .success(let made): target = made
    case .failure(let missing):
      return InventoryCycleOutcome(.configurationUnusable(reason: missing.reason))
    }

    await crossCheckOnce(ids)

    // The publisher is owned by this stage and the pipeline runs one cycle at a time, so it is
    // taken out of the mutex for the await and put back after.
    let publisher = state.withLock { $0.publisher }
    let outcome = await publisher.publish(target)
    let longer = publisher.nextInterval()
    let nextInterval = longer > feedSettings.interval ? longer : nil

    switch outcome {
    case .published(let sequence, let itemCount, _):
      return InventoryCycleOutcome(
        .published(sequence: sequence, itemCount: itemCount), nextInterval: nextInterval)
    case .unchanged(let sequence, _):
      return InventoryCycleOutcome(.unchanged(sequence: sequence), nextInterval: nextInterval)
    case .failed(let reason, _, _):
      switch publisher.lastFailure?.kind ?? .input {
      case .kometUnreachable:
        return InventoryCycleOutcome(.kometUnreachable(reason: reason), nextInterval: nextInterval)
      case .configuration:
        return InventoryCycleOutcome(.configurationUnusable(reason: reason))
      case .input:
        return InventoryCycleOutcome(.inputFailed(reason: reason), nextInterval: nextInterval)
      case .internalFailure:
        throw InventoryAdapterError.internalFailure(reason: reason)
      }
    }
  }

  private struct MissingIDs: Error {
    var reason: String
  }

  /// Builds the publish target, or returns which IDs are missing and how to get them.
  private func makeTarget(_ ids: ResolvedIDs) -> Result<InventoryTarget, MissingIDs> {
    let locations = ids.locations.map(\.id.digits)
    guard feedSettings.source != .export else {
      return .success(
        InventoryTarget(
          companyId: ids.companyId?.id.digits ?? "",
          dwfCustomerId: ids.dwfCustomer?.id.digits ?? "",
          locationIds: locations))
    }

    let needed: [MissingItem.Kind] = [.companyId, .dwfCustomerId]
    let missing = ids.missing.filter { needed.contains($0.kind) }
    guard missing.isEmpty, let company = ids.companyId, let customer = ids.dwfCustomer else {
      let text = missing.map { "\($0.name) is missing: \($0.instructions)" }
        .joined(separator: " ")
      return .failure(
        MissingIDs(
          reason: "the inventory source \(feedSettings.source.rawValue) cannot be read. "
            + (text.isEmpty ? "The company ID or the DWF customer ID is missing." : text)))
    }
    return .success(
      InventoryTarget(
        companyId: company.id.digits, dwfCustomerId: customer.id.digits, locationIds: locations))
  }

  /// Compares the IDs with `customer.list` and `location.list` on the first cycle that has a
  /// client, and logs each mismatch as a warning: the configuration still wins.
  private func crossCheckOnce(_ ids: ResolvedIDs) async {
    let client: KometClient? = state.withLock { state in
      guard !state.crossChecked, let client = state.client else { return nil }
      state.crossChecked = true
      return client
    }
    guard let client else { return }

    let report = await IDCrossCheck.run(ids, client: client)
    for mismatch in report.mismatches + ids.overrideMismatches {
      logger.warning("IDs differ from Komet's lists", ["ids.mismatch": mismatch.description])
    }
    for failure in report.failures {
      logger.notice("ID cross-check incomplete", ["ids.failure": failure.description])
    }
  }
}

/// An inventory stage failure that is neither Komet's fault nor the data's.
enum InventoryAdapterError: Error, CustomStringConvertible {
  case internalFailure(reason: String)

  var description: String {
    switch self {
    case .internalFailure(let reason): return reason
    }
  }
}
