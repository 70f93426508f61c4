import Foundation
import Inventory
import InventoryFeed
import LoopbackHTTP
import StateStore
import Testing

/// Unchanged content, pruning, stale marking and the sequence number across publishers.
struct LifecycleTests {
  static func exportSettings(keep: Int = 288) -> InventoryFeedSettings {
    var settings = InventoryFeedSettings()
    settings.source = .export
    settings.keep = keep
    return settings
  }

  @Test func unchangedContentRefreshesLatestOnly() async throws {
    let fixture = try FeedFixture()
    try fixture.storeExport(exportItems(count: 4), takenAt: fixture.clock.now)
    let publisher = try fixture.makePublisher(settings: Self.exportSettings())

    let first = await publisher.publish(fixture.target())
    let filesAfterFirst = try fixture.fileNames()
    let updatedFirst = try #require(fixture.latest()["updatedAt"] as? String)
    fixture.clock.advance(seconds: 60)
    let second = await publisher.publish(fixture.target())

    guard case .published(1, 4, _) = first else {
      Issue.record("expected drop 1, got \(first)")
      return
    }
    #expect(second == .unchanged(sequence: 1, itemCount: 4))
    #expect(try fixture.fileNames() == filesAfterFirst)
    #expect(filesAfterFirst.count == 4)
    let latest = try fixture.latest()
    #expect(latest["sequence"] as? Int == 1)
    #expect(latest["updatedAt"] as? String != updatedFirst)
    let temporary = try FileManager.default.contentsOfDirectory(
      atPath: fixture.workspace.outboxTemporary.path)
    #expect(temporary.isEmpty)
  }

  @Test func changedContentWritesNextSequence() async throws {
    let fixture = try FeedFixture()
    let publisher = try fixture.makePublisher(settings: Self.exportSettings())
    try fixture.storeExport(exportItems(count: 4), takenAt: fixture.clock.now)
    _ = await publisher.publish(fixture.target())

    fixture.clock.advance(seconds: 1)
    try fixture.storeExport(exportItems(count: 4, boxes: 20), takenAt: fixture.clock.now)
    let second = await publisher.publish(fixture.target())

    guard case .published(let sequence, 4, let manifest) = second else {
      Issue.record("expected a second drop, got \(second)")
      return
    }
    #expect(sequence == 2)
    #expect(try fixture.latest()["manifest"] as? String == manifest)
    #expect(try fixture.fileNames().filter { $0.hasSuffix(".csv") }.count == 2)
  }

  @Test func pruningKeepsNewestAndForeignFiles() async throws {
    let fixture = try FeedFixture()
    let publisher = try fixture.makePublisher(settings: Self.exportSettings(keep: 2))
    try FileManager.default.createDirectory(at: fixture.folder, withIntermediateDirectories: true)
    let foreign = ["notes.txt", "inventory-old.csv", "inventory-20200101T000000Z.csv.bak"]
    for name in foreign {
      try Data("keep me".utf8).write(to: fixture.folder.appendingPathComponent(name))
    }

    var manifests: [String] = []
    for round in 0..<5 {
      try fixture.storeExport(exportItems(count: 3, boxes: round), takenAt: fixture.clock.now)
      if case .published(_, _, let manifest) = await publisher.publish(fixture.target()) {
        manifests.append(manifest)
      }
      fixture.clock.advance(seconds: 30)
    }

    #expect(manifests.count == 5)
    let names = try fixture.fileNames()
    for name in foreign {
      #expect(names.contains(name))
    }
    let kept = names.filter { $0.hasSuffix(".manifest.json") }
    #expect(kept == Array(manifests.suffix(2)))
    #expect(names.filter { $0.hasSuffix(".csv") && $0.hasPrefix("inventory-2") }.count == 2)
    #expect(names.count == foreign.count + 2 * 3 + 1)
  }

  @Test func failedReadMarksStaleAfterMaxAge() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.maxAge = .seconds(1800)
    let client = try fixture.makeClient()
    let publisher = try fixture.makePublisher(settings: settings, client: client)
    let target = fixture.target(locations: ["200101"])
    let first = await publisher.publish(target)
    guard case .published(1, let itemCount, _) = first else {
      Issue.record("expected drop 1, got \(first)")
      return
    }
    let manifest = try manifestName(fixture)

    fixture.sandbox.faults.add(.status(500), times: 100)
    fixture.clock.advance(seconds: 600)
    let early = await publisher.publish(target)
    let updatedEarly = try fixture.latest()["updatedAt"] as? String
    fixture.clock.advance(seconds: 1300)
    let late = await publisher.publish(target)

    guard case .failed(let reason, 1, false) = early else {
      Issue.record("expected a failure before maxAge, got \(early)")
      return
    }
    #expect(reason.contains("HTTP 500"))
    #expect(updatedEarly != nil)
    guard case .failed(_, 1, true) = late else {
      Issue.record("expected a stale failure, got \(late)")
      return
    }
    #expect(try fixture.latest()["stale"] as? Bool == true)
    #expect(try fixture.latest()["manifest"] as? String == manifest)
    #expect(try fixture.readJSON(manifest)["stale"] as? Bool == true)
    let warnings = fixture.logs.records.filter { $0.message.hasPrefix("Inventory read or write") }
    #expect(warnings.count == 2)
    #expect(warnings.allSatisfy { $0.metadata["error"]?.contains("HTTP 500") == true })
    #expect(fixture.leakedTokens().isEmpty)

    fixture.sandbox.faults.removeAll()
    fixture.clock.advance(seconds: 60)
    let recovered = await publisher.publish(target)
    #expect(recovered == .unchanged(sequence: 1, itemCount: itemCount))
    #expect(try fixture.latest()["stale"] as? Bool == false)
    #expect(try fixture.readJSON(manifest)["stale"] as? Bool == false)
  }

  @Test func refusedPortKeepsPreviousDrop() async throws {
    let fixture = try FeedFixture()
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    var settings = InventoryFeedSettings()
    settings.source = .openMarket
    let good = try fixture.makePublisher(settings: settings, client: fixture.makeClient())
    _ = await good.publish(fixture.target(locations: ["200101"]))
    let before = try fixture.fileNames()

    let refusedClient = try fixture.makeClient(
      baseURL: URL(string: "http://127.0.0.1:\(refusing.port)/api/")!)
    let refused = try fixture.makePublisher(settings: settings, client: refusedClient)
    fixture.clock.advance(seconds: 1801)
    let outcome = await refused.publish(fixture.target(locations: ["200101"]))

    guard case .failed(let reason, 1, true) = outcome else {
      Issue.record("expected a stale failure, got \(outcome)")
      return
    }
    #expect(reason.contains("inventory.openmarket.list"))
    #expect(try fixture.fileNames() == before)
    #expect(try fixture.latest()["stale"] as? Bool == true)
    #expect(fixture.leakedTokens().isEmpty)
  }

  @Test func sequenceSurvivesNewPublisher() async throws {
    let fixture = try FeedFixture()
    try fixture.storeExport(exportItems(count: 2), takenAt: fixture.clock.now)
    let first = try fixture.makePublisher(settings: Self.exportSettings())
    _ = await first.publish(fixture.target())

    fixture.clock.advance(seconds: 5)
    try fixture.storeExport(exportItems(count: 2, boxes: 50), takenAt: fixture.clock.now)
    let second = try fixture.makePublisher(settings: Self.exportSettings())
    let outcome = await second.publish(fixture.target())

    guard case .published(2, 2, _) = outcome else {
      Issue.record("expected drop 2 from the new publisher, got \(outcome)")
      return
    }
    let database = try fixture.openDatabase()
    #expect(
      try StateSchema.migrator.currentVersion(of: database)
        == StateSchema.migrator.latestVersion)
  }

  @Test func sequenceFollowsLatestFileAheadOfDatabase() async throws {
    let fixture = try FeedFixture()
    try fixture.storeExport(exportItems(count: 2), takenAt: fixture.clock.now)
    let publisher = try fixture.makePublisher(settings: Self.exportSettings())
    _ = await publisher.publish(fixture.target())
    // Deleting the row leaves the state a crash between latest.json and the row's save leaves.
    try fixture.openDatabase().execute("DELETE FROM inventory_drops")
    let latestPath = fixture.folder.appendingPathComponent("latest.json")
    let text = try String(contentsOf: latestPath, encoding: .utf8)
    try text.replacingOccurrences(of: "\"sequence\": 1,", with: "\"sequence\": 7,")
      .write(to: latestPath, atomically: true, encoding: .utf8)

    fixture.clock.advance(seconds: 5)
    let outcome = await publisher.publish(fixture.target())

    guard case .published(8, 2, _) = outcome else {
      Issue.record("expected drop 8, got \(outcome)")
      return
    }
  }
}
