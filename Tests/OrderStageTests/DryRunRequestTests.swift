import Configuration
import Exchange
import Foundation
import Komet
import KometSandbox
import OrderJournal
import PipelineAssembly
import StateStore
import Testing
import Workspace

/// A dry run over a workspace with the sandbox: one pass writes the drop, then the requests of
/// the order file that waited for it, and journals, acknowledges and moves nothing.
struct DryRunRequestTests {
  /// One request file of `outbox/komet/requests/`.
  struct RequestFile {
    var name: String
    var text: String
    var method: String
    var body: [String: Any]
    var maskedToken: String
  }

  @Test func dryRunWritesOrderRequests() async throws {
    let fixture = try StageFixture()
    fixture.komet.dryRun = Sourced(true)
    // The sandbox's inventory read needs a location.
    fixture.komet.defaultLocationId = Sourced(KometID(StageFixture.miami))
    let onHand = try fixture.inventoryIds(.onHand, count: 2)
    let future = try futureIdInReadWindow(fixture)
    let csv =
      "order_number,ship_date,location_id,carrier_code,ship_to_id,inventory_id,origin,quantity,"
      + "unit_price,mark_code\n"
      + "D-1,\(StageFixture.shipDate),\(StageFixture.miami),,61001,\(onHand[0]),OH,2,"
      + "\(try price(of: onHand[0], in: fixture)),MK1\n"
      + "D-1,\(StageFixture.shipDate),\(StageFixture.miami),,61001,\(future[0]),FS,1,"
      + "\(try price(of: future[0], in: fixture)),\n"
      + "D-2,\(StageFixture.shipDate),\(StageFixture.miami),ARM,,\(onHand[1]),OH,1,"
      + "\(try price(of: onHand[1], in: fixture)),\n"
    let orderFile = fixture.workspace.dwfInbox.appendingPathComponent("orders.csv")
    try Data(csv.utf8).write(to: orderFile)
    // The file was just written whole, so the pass need not wait for it to settle.
    fixture.exchange.settleSeconds = Sourced(0)

    // The dry run remembers the files it wrote only in one intake, as one process does, so
    // both passes share the stages.
    let stages = try ExchangeStages.make(
      workspace: fixture.workspace, settings: fixture.komet, exchange: fixture.exchange,
      logger: fixture.logger)
    let first = try await runPass(fixture, stages)

    let files = try requestFiles(in: fixture)
    #expect(first.status == .succeeded)
    #expect(first.inventoryCycles == 1)
    #expect(first.filesWaiting == 1)
    #expect(
      files.map(\.method) == [
        "web-order.create", "web-order-item.add", "web-order.create", "web-order-item.add",
        "web-order.create", "web-order-item.add",
      ])
    #expect(fixture.sandbox.requestLog.filter { $0.path.contains("web-order") }.isEmpty)

    let createBody = try #require(files.first?.body)
    #expect("\(createBody["customerId"] ?? "")" == SandboxState.dwfCustomerId)
    #expect("\(createBody["companyId"] ?? "")" == SandboxState.seededCompanyId)
    #expect("\(createBody["companyLocationId"] ?? "")" == StageFixture.miami)

    let adds = files.filter { $0.method == "web-order-item.add" }.map(\.body)
    try #require(adds.count == 3)
    #expect(adds.map { $0["webOrderId"] as? String } == ["DRY-RUN-1", "DRY-RUN-2", "DRY-RUN-3"])
    #expect(adds.map { $0["inventoryIds"] as? String } == [onHand[0], future[0], onHand[1]])
    #expect(adds.map { "\($0["inventoryOrigin"] ?? "")" } == ["1", "2", "1"])
    #expect(adds.map { "\($0["quantity"] ?? "")" } == ["2", "1", "1"])
    #expect(adds.map { "\($0["carrierId"] ?? "")" } == ["3101", "3101", "ARM"])
    #expect(adds.map { $0["markCode"] as? String } == ["MK1", nil, nil])
    #expect(adds.map { $0["shipToId"].map { "\($0)" } } == ["61001", "61001", nil])
    #expect(adds.allSatisfy { $0["date"] as? String == StageFixture.shipDate })
    #expect(
      fixture.logs.records.contains {
        $0.message.hasPrefix("Dry run: carrier code written as given")
      })

    let secrets = [SandboxTokens.company, SandboxTokens.customer]
    for file in files {
      #expect(!file.maskedToken.isEmpty, "\(file.name) has no masked token")
      for secret in secrets {
        #expect(!file.text.contains(secret), "\(file.name) holds a whole token")
      }
    }

    #expect(try fixture.openJournal().orderNumbers().isEmpty)
    let acks = fixture.workspace.dwfOutbox.appendingPathComponent("acks").path
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: acks)) ?? []).isEmpty)
    #expect(FileManager.default.fileExists(atPath: orderFile.path))

    _ = try await runPass(fixture, stages)

    #expect(try requestFiles(in: fixture).count == files.count)
    #expect(FileManager.default.fileExists(atPath: orderFile.path))
  }

  /// Runs one pass with `stages`, holding the workspace lock.
  private func runPass(_ fixture: StageFixture, _ stages: PipelineStages) async throws
    -> PassReport
  {
    let lock = try WorkspaceLock(workspace: fixture.workspace)
    defer { lock.release() }
    let pipeline = Pipeline(
      workspace: fixture.workspace, lock: lock, settings: fixture.exchange, stages: stages,
      logger: fixture.logger)
    return await pipeline.runOnce()
  }

  /// Returns a future line at Miami that the inventory read lists, which reads the next 14
  /// days by default.
  private func futureIdInReadWindow(_ fixture: StageFixture) throws -> [String] {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    let last = formatter.string(from: Date().addingTimeInterval(10 * 86_400))
    let line = fixture.sandbox.state.inventory.first {
      $0.origin == .future && $0.locationId == StageFixture.miami && $0.availableBoxes >= 3
        && $0.availableDate <= last
    }
    return [try #require(line).inventoryId]
  }

  private func price(of inventoryId: String, in fixture: StageFixture) throws -> String {
    try #require(fixture.sandbox.state.inventory.first { $0.inventoryId == inventoryId }).price
  }

  /// Reads the request files in name order, which is the order they were written in.
  private func requestFiles(in fixture: StageFixture) throws -> [RequestFile] {
    let folder = fixture.workspace.root.appendingPathComponent("outbox/komet/requests")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { name in
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let token = object["token"] as? [String: Any]
      return RequestFile(
        name: name, text: String(decoding: data, as: UTF8.self),
        method: object["method"] as? String ?? "", body: object["body"] as? [String: Any] ?? [:],
        maskedToken: token?["masked"] as? String ?? "")
    }
  }
}
