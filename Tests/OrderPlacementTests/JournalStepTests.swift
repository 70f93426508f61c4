import Foundation
import LoopbackHTTP
import OrderJournal
import OrderPlacement
import Testing

/// The step log that a placement pass writes around each Komet call, against the sandbox.
struct JournalStepTests {
  static let add = RequestMatcher(method: "POST", path: "/api/web-order-item.add")
  static let delete = RequestMatcher(method: "POST", path: "/api/web-order.delete")

  /// Returns the step texts of `orderNumber` that start with `method` and `phase`.
  private func steps(
    _ journal: OrderJournal, of orderNumber: String, method: String, phase: String
  ) throws -> [String] {
    try journal.steps(of: orderNumber).filter { $0.hasPrefix("\(method) \(phase)") }
  }

  @Test(arguments: ["web-order.create", "web-order-item.add", "web-order-details.list"])
  func placementCallLoggedBeforeAndAfter(method: String) async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("J-100", lines: ids.map { ($0, .onHand) })
    // The first add's reply is lost, so the pass reconciles it with web-order-details.list.
    fixture.sandbox.faults.add(.closeAfterHandler, matching: Self.add)

    let result = try await fixture.makePlacer().work(on: "J-100")

    let journal = try fixture.openJournal()
    #expect(result == .finished)
    #expect(try steps(journal, of: "J-100", method: method, phase: "before").count >= 1)
    #expect(try steps(journal, of: "J-100", method: method, phase: "after").count >= 1)
  }

  @Test func reconciliationLoggedAroundDetailsCall() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("J-200", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(.closeAfterHandler, matching: Self.add)

    _ = try await fixture.makePlacer().work(on: "J-200")

    let steps = try fixture.openJournal().steps(of: "J-200")
    let before = try #require(steps.firstIndex(of: "web-order-details.list before line 1"))
    let after = try #require(
      steps.firstIndex(of: "web-order-details.list after line 1: landed"))
    #expect(before < after)
  }

  @Test func deleteLoggedBeforeAndAfter() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("J-300", lines: [(ids[0], .onHand)])
    try await fixture.makePlacer().work(on: "J-300")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "J-300")?.groups.first?.webOrderId)

    try journal.cancel(orderNumber: "J-300")
    let result = try await fixture.makePlacer().work(on: "J-300")

    let steps = try journal.steps(of: "J-300")
    let before = try #require(steps.firstIndex(of: "web-order.delete before: \(webOrderId)"))
    let after = try #require(steps.firstIndex(of: "web-order.delete after: deleted \(webOrderId)"))
    #expect(result == .finished)
    #expect(before < after)
  }

  @Test func failedDeleteLoggedAfterCall() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("J-400", lines: [(ids[0], .onHand)])
    try await fixture.makePlacer().work(on: "J-400")
    let journal = try fixture.openJournal()
    fixture.sandbox.faults.add(.status(500), matching: Self.delete, times: 100)

    try journal.cancel(orderNumber: "J-400")
    _ = try await fixture.makePlacer().work(on: "J-400")

    let before = try steps(journal, of: "J-400", method: "web-order.delete", phase: "before")
    let after = try steps(journal, of: "J-400", method: "web-order.delete", phase: "after")
    #expect(before.count >= 1)
    #expect(after.count == before.count)
    // HTTP 500 after a POST leaves the outcome unknown, so each row records that the delete
    // may have landed.
    let unknown = "web-order.delete after: failed (may have landed): "
    #expect(after.allSatisfy { $0.hasPrefix(unknown) })
    #expect(try journal.snapshot(of: "J-400")?.groups.map(\.state) == [.created])
  }
}
