import Configuration
import Exchange
import Foundation
import Komet
import KometSandbox
import OrderJournal
import StateStore
import Testing
import Workspace

/// An order stage without the DWF customer ID or a web-order token. Orders wait in the
/// journal, the pass reports the missing value, and placing starts once the value is there.
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

/// Reports for orders that changed at the intake only, with no Komet call in the pass.
struct IntakeOnlyReportTests {
  @Test func orderAcknowledgedAtIntakeGetsReport() async throws {
    let fixture = try StageFixture()
    let journal = try fixture.openJournal()
    let order = ReceivedOrder(
      orderNumber: "R-1", shipDate: StageFixture.shipDate, locationId: StageFixture.miami,
      sourceFile: "r-1.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "5100001", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.45"), rejection: "inventory_id is not in the drop")
      ])
    guard case .new(let snapshot) = try journal.receive(order: order, digest: "digest-R-1") else {
      Issue.record("expected a new order")
      return
    }
    try journal.recordAcknowledgementWritten(orderNumber: "R-1", revision: snapshot.revision)

    let report = try await fixture.runOnce()

    #expect(report.status == .succeeded)
    #expect(fixture.sandbox.requestLog.isEmpty)
    let stem = try AcknowledgementWriter.fileStem(orderNumber: "R-1")
    let reports = fixture.workspace.outbox.appendingPathComponent("reports")
    let perOrder = reports.appendingPathComponent("orders/\(stem).json")
    #expect(FileManager.default.fileExists(atPath: perOrder.path))
    let index = try String(
      contentsOf: reports.appendingPathComponent("orders.csv"), encoding: .utf8)
    #expect(index.contains("R-1"))
  }
}
