import Exchange
import Foundation
import Inventory
import OrderJournal
import Orders
import StateStore
import Workspace

/// Carries out `retry` requests: validates an order's rejected and waiting lines again and
/// puts those that now pass back to `received`, so the placement that follows sends them.
///
/// Accepted, review, in-flight and cancelled lines are never changed.
package struct RetryHandler: ChangeRequestHandler {
  package let workspace: Workspace
  package let settings: RetrySettings
  /// Reads the latest inventory snapshot, which each retried line is checked against.
  package let inventory: @Sendable () throws -> [InventoryItem]
  /// Reads the company's location IDs; an empty list skips the location check.
  package let locationIds: @Sendable () throws -> [String]
  let now: @Sendable () -> Date

  package init(
    workspace: Workspace, settings: RetrySettings,
    inventory: @escaping @Sendable () throws -> [InventoryItem],
    locationIds: @escaping @Sendable () throws -> [String],
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.workspace = workspace
    self.settings = settings
    self.inventory = inventory
    self.locationIds = locationIds
    self.now = now
  }

  package var kinds: Set<String> { [OrderChangeKind.retry] }

  package func carryOut(_ request: ChangeRequest) async throws -> ChangeRequestResult {
    guard let number = request.orderNumber, !number.isEmpty else {
      return .failed(message: "the retry request names no order number.")
    }
    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let journal = OrderJournal(database: database, now: now)

    guard let order = try journal.snapshot(of: number) else {
      return .failed(message: OrderCommandMessage.notFound(number))
    }
    if let problem = OrderChangePrecheck.retryProblem(order) {
      return .failed(message: problem)
    }
    let candidates = order.lines.filter { $0.state == .rejected || $0.state == .waiting }

    let validator: OrderValidator
    do {
      validator = try makeValidator()
    } catch {
      return .failed(
        message: "order \(number) was not retried, because the inventory snapshot or the"
          + " location IDs could not be read: \(error)")
    }
    let validation = RetryValidation(order: order, lines: candidates, validator: validator)
    let sent = try journal.retry(
      orderNumber: number, rejections: validation.rejections, locationId: validation.locationId)
    return result(order: order, sent: sent.map(\.lineNumber), validation: validation)
  }

  private func makeValidator() throws -> OrderValidator {
    OrderValidator(
      today: OrderDate(now(), in: settings.timeZone), locationIds: try locationIds(),
      defaultLocationId: settings.defaultLocationId, inventory: try inventory(),
      priceTolerance: settings.priceTolerance, allOrNothing: settings.allOrNothing,
      timeZone: settings.timeZone, hasDefaultCarrier: settings.hasDefaultCarrier)
  }

  /// Describes what went out again and why the other lines did not. A retry that sends no
  /// line fails, although the journal has stored each line's new reason by then.
  private func result(order: OrderSnapshot, sent: [Int], validation: RetryValidation)
    -> ChangeRequestResult
  {
    let number = order.orderNumber
    var parts: [String] = []
    if sent.isEmpty {
      parts.append("no line goes out again")
    } else {
      let count = sent.count == 1 ? "1 line goes" : "\(sent.count) lines go"
      parts.append("\(count) out again (\(RetryValidation.lineList(sent)))")
    }
    let untouched = order.lines.filter { $0.state != .rejected && $0.state != .waiting }
    if !untouched.isEmpty {
      parts.append("left as they are: " + OrderCommandMessage.lineStates(untouched))
    }

    // Each reason ends with a full stop, so they come last.
    var text = "order \(number): " + parts.joined(separator: "; ")
    let failing = validation.rejections.keys.sorted()
    if failing.isEmpty {
      text += "."
    } else {
      let reasons = failing.map { "line \($0): \(validation.rejections[$0] ?? "")" }
      text += "; \(failing.count) still rejected: " + reasons.joined(separator: " ")
    }
    return sent.isEmpty ? .failed(message: text) : .succeeded(message: text)
  }
}
