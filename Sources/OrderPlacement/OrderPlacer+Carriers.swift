import CrashPoints
import Foundation
import Komet
import KometClient
import OrderJournal
import Synchronization

/// The carrier and ship-to that every add of one order carries.
struct OrderContext: Sendable, Equatable {
  /// Nil only when the order has no line left to add.
  var carrierId: KometID?
  var shipToId: KometID?
}

/// The carriers of `carrier.list` by code, kept from the first successful read of a pass until
/// the next `workAll()`. A failed read is not kept, so the next code lookup reads again.
final class CarrierDirectory: Sendable {
  private let codes = Mutex<[String: Carrier]?>(nil)

  /// Drops the list, so the next code lookup reads `carrier.list` again.
  func forget() {
    codes.withLock { $0 = nil }
  }

  /// Returns the cached carriers by upper-cased code, or nil before the first read.
  var cached: [String: Carrier]? { codes.withLock { $0 } }

  func store(_ carriers: [Carrier]) {
    var byCode: [String: Carrier] = [:]
    for carrier in carriers {
      guard let code = carrier.code?.uppercased(), !code.isEmpty else { continue }
      // An active carrier wins over an inactive one with the same code.
      if let existing = byCode[code], existing.active != false { continue }
      byCode[code] = carrier
    }
    codes.withLock { $0 = byCode }
  }
}

extension OrderPlacer {
  enum ContextResolution {
    case resolved(OrderContext)
    /// The order's received lines, if any, were rejected with the reason.
    case rejected(reason: String)
    case stopped(PlacementStop)
  }

  /// Finds the carrier and ship-to of the order's adds: the order's carrier ID, its carrier
  /// code looked up with `carrier.list`, or `orders.defaultCarrierId`. When no carrier can be
  /// found, the order's `received` lines are rejected with a reason that names the code or
  /// the setting, before any web order is created for them.
  ///
  /// It resolves when a line is `received` (to add) or `adding` (to reconcile, after which a
  /// line that did not land is `received` again and added with this context). With neither,
  /// no add is pending, so it returns a context without a carrier and makes no call.
  func resolveContext(of order: OrderSnapshot) async throws -> ContextResolution {
    guard order.lines.contains(where: { $0.state == .received || $0.state == .adding }) else {
      return .resolved(OrderContext(carrierId: nil, shipToId: nil))
    }

    var shipToId: KometID?
    if let text = order.shipToId {
      guard let id = KometID(text) else {
        return try reject(order, reason: "the ship-to ID \(text) is not a Komet ID")
      }
      shipToId = id
    }

    switch order.carrier {
    case .id(let text):
      guard let id = KometID(text) else {
        return try reject(order, reason: "the carrier ID \(text) is not a Komet ID")
      }
      return .resolved(OrderContext(carrierId: id, shipToId: shipToId))
    case .code(let code):
      return try await resolve(code: code, order: order, shipToId: shipToId)
    case nil:
      guard let id = settings.defaultCarrierId else {
        return try reject(
          order,
          reason: "the order names no carrier and \(Self.defaultCarrierSetting) is not set;"
            + " set it in komet-dwf.json, or send carrier_id or carrier_code")
      }
      return .resolved(OrderContext(carrierId: id, shipToId: shipToId))
    }
  }

  private func resolve(
    code: String, order: OrderSnapshot, shipToId: KometID?
  ) async throws -> ContextResolution {
    let byCode: [String: Carrier]
    if let cached = carriers.cached {
      byCode = cached
    } else {
      CrashPoint.reach("placer.carriers.before-call")
      do {
        carriers.store(try await client.carriers().carriers)
      } catch {
        CrashPoint.reach("placer.carriers.after-call")
        logger.error(
          "Carrier list not read", ["order.number": order.orderNumber, "error": error.description])
        let reason = "carrier.list failed: \(error.description)"
        switch ReadFailure(error) {
        case .quotaExhausted: return .stopped(PlacementStop(.quotaExhausted, reason: reason))
        case .unreachable: return .stopped(PlacementStop(.kometUnreachable, reason: reason))
        case .configuration(let error): return .stopped(await configurationStop(for: error))
        case .failed: return .stopped(PlacementStop(.callFailed, reason: reason))
        }
      }
      CrashPoint.reach("placer.carriers.after-call")
      byCode = carriers.cached ?? [:]
    }

    guard let carrier = byCode[code.uppercased()] else {
      return try reject(order, reason: "the carrier code \(code) is not in Komet's carrier.list")
    }
    guard carrier.active != false else {
      return try reject(
        order, reason: "the carrier code \(code) names carrier \(carrier.id.digits), which is"
          + " inactive in Komet")
    }
    return .resolved(OrderContext(carrierId: carrier.id, shipToId: shipToId))
  }

  private func reject(_ order: OrderSnapshot, reason: String) throws -> ContextResolution {
    let keys = try journal.rejectReceivedLines(orderNumber: order.orderNumber, reason: reason)
    CrashPoint.reach("placer.validate.after-journal")
    guard !keys.isEmpty else { return .rejected(reason: reason) }
    logger.warning(
      "Order lines rejected before placement",
      ["order.number": order.orderNumber, "order.lines": String(keys.count), "error": reason])
    return .rejected(reason: reason)
  }
}
