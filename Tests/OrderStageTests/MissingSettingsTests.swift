import Configuration
import Exchange
import Foundation
import Komet
import KometSandbox
import OrderJournal
import StateStore
import Testing
import Workspace

/// An order stage without the DWF customer ID or a web-order token: orders wait in the
/// journal, the pass says why, and placing starts once the value is there.
struct MissingSettingsTests {
  @Test func noCustomerTokenStopsPassAsConfiguration() async throws {
    let fixture = try StageFixture()
    fixture.komet.customerToken = Sourced(nil)
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("M-1", lines: [(onHand[0], .onHand)])

    let report = try await fixture.runOnce()

    #expect(report.status == .configurationUnusable)
    #expect(fixture.requestCount("web-order.create") == 0)
    let line = try #require(try fixture.openJournal().snapshot(of: "M-1")?.lines.first)
    #expect(line.state == .received)
    let logged = fixture.logs.records.compactMap { $0.metadata["error"] }
    #expect(logged.contains { $0.contains("no Customer or User token") }, "\(logged)")
    #expect(logged.contains { $0.contains("komet.tokenFiles.customer") }, "\(logged)")
  }

  @Test func passWithNothingToPlaceSucceedsWithoutIDs() async throws {
    let fixture = try StageFixture()
    fixture.komet.dwfCustomerId = Sourced(nil)

    let report = try await fixture.runOnce()

    #expect(report.status == .succeeded)
  }

  @Test func customerIDStoredLaterIsUsedBySameStage() async throws {
    let fixture = try StageFixture()
    fixture.komet.dwfCustomerId = Sourced(nil)
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("M-2", lines: [(onHand[0], .onHand)])
    let lock = try WorkspaceLock(workspace: fixture.workspace)
    defer { lock.release() }
    let pipeline = Pipeline(
      workspace: fixture.workspace, lock: lock, settings: fixture.exchange,
      stages: try fixture.makeStages(), logger: fixture.logger)

    let before = await pipeline.runOnce()
    try storeDWFCustomer(in: fixture.workspace)
    let after = await pipeline.runOnce()

    #expect(before.status == .configurationUnusable)
    let logged = fixture.logs.records.compactMap { $0.metadata["error"] }
    #expect(logged.contains { $0.contains("DWF customer ID is missing") }, "\(logged)")
    #expect(after.status == .succeeded)
    #expect(after.ordersPlaced == 1)
    let line = try #require(try fixture.openJournal().snapshot(of: "M-2")?.lines.first)
    #expect(line.state == .accepted)
  }

  /// Stores the sandbox's DWF customer as a customers export dropped into `inbox/` would.
  private func storeDWFCustomer(in workspace: Workspace) throws {
    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let customer = KnownID(
      kind: .dwfCustomer, id: SandboxState.dwfCustomerId, name: "DWF Wholesale Florists",
      sourceFile: "customers.xlsx", sourceSHA256: String(repeating: "0", count: 64),
      recordedAt: Date())
    try KnownIDs(database: database).replace(.dwfCustomer, with: [customer])
  }
}
