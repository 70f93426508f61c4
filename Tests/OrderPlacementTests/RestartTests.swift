import Foundation
import Inventory
import Komet
import KometClient
import KometSandbox
import OrderJournal
import OrderPlacement
import Testing

/// A process stopped at one step of placing an order, then a new `OrderPlacer` on a reopened
/// database: the restart resumes from the journal without doubling a web order's line.
struct RestartTests {
  /// The step the first process reached before it stopped.
  enum StopPoint: String, CaseIterable, CustomTestStringConvertible {
    /// `beginCreate` journaled, no request sent.
    case createJournaled
    /// `web-order.create` sent and returned, the web order ID not journaled.
    case createSent
    /// The web order ID journaled, no line added.
    case webOrderRecorded
    /// `beginLineAdd` of line 1 journaled, no request sent.
    case addJournaled
    /// Line 1's `web-order-item.add` sent and stored, its outcome not journaled.
    case addSent
    /// Line 1 journaled as accepted.
    case addFinished
    /// Line 1 accepted, then line 2's add sent and stored with its outcome not journaled, so
    /// the restart compares the held item IDs with line 1's journaled one.
    case secondAddSent
    /// Lines 1 and 2 accepted, then `beginLineAdd` of line 3 journaled with no request sent,
    /// so no line is `received` and the restart reconciles line 3 as not landed and adds it.
    case lastAddJournaled

    var testDescription: String { rawValue }
  }

  @Test(arguments: StopPoint.allCases)
  func restartResumesWithoutDoubling(stop: StopPoint) async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    var journal: OrderJournal? = try fixture.openJournal()
    let order = try fixture.receive("R-1", lines: ids.map { ($0, .onHand) }, journal: journal)
    let group = try #require(order.groups.first)
    try await runFirstProcess(until: stop, journal: try #require(journal), fixture: fixture)
    journal = nil

    let result = try await fixture.makePlacer().work(on: "R-1")

    let placed = try #require(try fixture.openJournal().snapshot(of: "R-1"))
    let webOrderId = try #require(placed.groups.first?.webOrderId)
    #expect(result == .finished)
    #expect(placed.lines.map(\.state) == [.accepted, .accepted, .accepted])
    #expect(fixture.itemInventoryIds(ofWebOrder: webOrderId) == ids)
    #expect(fixture.openItemInventoryIds == ids)
    #expect(placed.lines.allSatisfy { $0.webOrderId == webOrderId })
    #expect(placed.groups.first?.id == group.id)
    #expect(placed.lines.allSatisfy { $0.itemId != nil })
    // Every line is added once in all, by either process, and only an add left `adding` is
    // reconciled (statusId 1, then 2).
    #expect(fixture.requestCount("web-order-item.add") == 3)
    let reconciles =
      [.addJournaled, .addSent, .secondAddSent, .lastAddJournaled].contains(stop) ? 2 : 0
    #expect(fixture.requestCount("web-order-details.list") == reconciles)
  }

  @Test func carrierCodeUsedForLineAddedAfterRestart() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    let journal = try fixture.openJournal()
    try fixture.receive(
      "R-2", lines: ids.map { ($0, .onHand) }, journal: journal, carrier: .code("fdx"))
    try await runFirstProcess(
      until: .lastAddJournaled, orderNumber: "R-2", journal: journal, fixture: fixture)

    // Without a default carrier, only the order's code can give line 3 its carrier.
    let result = try await fixture.makePlacer { $0.defaultCarrierId = nil }.work(on: "R-2")

    let placed = try #require(try fixture.openJournal().snapshot(of: "R-2"))
    let items = fixture.webOrder(placed.groups.first?.webOrderId)?.items ?? []
    #expect(result == .finished)
    #expect(placed.lines.map(\.state) == [.accepted, .accepted, .accepted])
    #expect(items.map(\.inventoryId) == ids)
    // FDX is carrier 3102 in the sandbox; the first process added lines 1 and 2 with 3101.
    #expect(items.last?.carrierId == "3102")
    #expect(fixture.requestCount("carrier.list") == 1)
    #expect(fixture.requestCount("web-order-item.add") == 3)
  }

  /// Journals and calls by hand what a first process did up to `stop`, the way `OrderPlacer`
  /// does it, and leaves the rest undone.
  private func runFirstProcess(
    until stop: StopPoint, orderNumber: String = "R-1", journal: OrderJournal,
    fixture: PlacementFixture
  ) async throws {
    let order = try #require(try journal.snapshot(of: orderNumber))
    let group = try #require(order.groups.first)
    let client = try fixture.makeClient()

    try journal.beginCreate(group: group.id)
    guard stop != .createJournaled else { return }
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(
        customerId: PlacementFixture.customerId,
        companyLocationId: KometID(PlacementFixture.miami)))
    guard stop != .createSent else { return }
    try journal.recordWebOrderCreated(group: group.id, webOrderId: created.webOrderId.digits)
    guard stop != .webOrderRecorded else { return }

    for (index, line) in order.lines.enumerated() {
      try journal.beginLineAdd(line: line.key)
      guard stop != .addJournaled else { return }
      guard !(stop == .lastAddJournaled && index == order.lines.count - 1) else { return }
      let added = try await client.addWebOrderItems(
        try addRequest(for: line, to: created.webOrderId))
      guard stop != .addSent, !(stop == .secondAddSent && index == 1) else { return }
      try journal.finishLineAdd(
        line: line.key, outcome: .accepted(itemId: added.webOrderItemIds.first?.digits))
      guard stop != .addFinished else { return }
    }
  }

  private func addRequest(
    for line: LineSnapshot, to webOrderId: KometID
  ) throws -> WebOrderItemAddRequest {
    let inventoryText = try #require(line.inventoryId)
    let inventoryId = try #require(KometID(inventoryText))
    var request = WebOrderItemAddRequest(
      customerId: PlacementFixture.customerId, webOrderId: webOrderId,
      inventoryIds: [inventoryId], inventoryOrigin: .onHand,
      price: try #require(line.unitPrice), quantity: 1, carrierId: PlacementFixture.carrierId,
      date: KometDate(PlacementFixture.shipDate))
    request.companyLocationId = KometID(PlacementFixture.miami)
    return request
  }
}
