import Foundation
import Inventory
import InventoryFeed
import KometSandbox
import Testing

/// Each source, read through the sandbox or the stored export, down to the CSV and JSON rows.
struct SourceTests {
  /// Returns the sandbox lines that a read of `locations` with a 14-day window must offer: on
  /// hand with boxes, and future from tomorrow through today plus 14 days.
  static func expectedLines(_ fixture: FeedFixture, locations: [String]) -> [InventoryLine] {
    let format = DateFormatter()
    format.dateFormat = "yyyy-MM-dd"
    format.timeZone = TimeZone(identifier: "UTC")
    let tomorrow = format.string(from: fixture.clock.now.addingTimeInterval(86_400))
    let lastDay = format.string(from: fixture.clock.now.addingTimeInterval(14 * 86_400))
    return fixture.sandbox.state.inventory.filter { line in
      guard locations.contains(line.locationId), line.availableBoxes > 0 else { return false }
      if line.origin == .onHand { return true }
      return line.availableDate >= tomorrow && line.availableDate <= lastDay
    }
  }

  @Test func ecommerceReadsEveryPageOfEveryLocation() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.rowsPerPage = 7
    let publisher = try fixture.makePublisher(settings: settings, client: fixture.makeClient())

    let outcome = await publisher.publish(fixture.target())

    let expected = Self.expectedLines(fixture, locations: FeedFixture.locationIds)
    guard case .published(let sequence, let itemCount, let manifest) = outcome else {
      Issue.record("expected a published drop, got \(outcome)")
      return
    }
    #expect(sequence == 1)
    #expect(itemCount == expected.count)
    #expect(manifest.hasSuffix(".manifest.json"))

    let rows = try readCSVRows(fixture)
    #expect(rows.map { $0["inventory_id"]! } == sortedIDs(expected.map(\.inventoryId)))
    for line in expected {
      let row = try #require(rows.first { $0["inventory_id"] == line.inventoryId })
      #expect(row["origin"] == (line.origin == .onHand ? "OH" : "FS"))
      #expect(row["location_id"] == line.locationId)
      #expect(row["unit_price"] == line.price)
      #expect(row["boxes_available"] == String(line.availableBoxes))
      #expect(row["product_description"] == line.productDescription)
    }

    // Pages of 7 per location, and one empty page for each location without lines.
    let pages = FeedFixture.locationIds.map { location in
      let count = Self.expectedLines(fixture, locations: [location]).count
      return max(1, (count + 6) / 7)
    }
    let ecommerceRequests = fixture.requestPaths.filter { $0.hasSuffix("inventory.list") }
    #expect(pages.reduce(0, +) > FeedFixture.locationIds.count)
    #expect(ecommerceRequests.count == pages.reduce(0, +))
    #expect(fixture.leakedTokens().isEmpty)
  }

  @Test func openMarketReadsBothListsPerLocation() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.source = .openMarket
    let publisher = try fixture.makePublisher(settings: settings, client: fixture.makeClient())
    let locations = ["200101", "200102"]

    let outcome = await publisher.publish(fixture.target(locations: locations))

    let expected = Self.expectedLines(fixture, locations: locations)
    guard case .published(_, let itemCount, _) = outcome else {
      Issue.record("expected a published drop, got \(outcome)")
      return
    }
    #expect(itemCount == expected.count)
    #expect(fixture.requestPaths.count == 4)
    #expect(fixture.requestPaths.filter { $0.hasSuffix("/future.inventory.openmarket.list") }
      .count == 2)

    let rows = try readCSVRows(fixture)
    let future = rows.filter { $0["origin"] == "FS" }
    #expect(!future.isEmpty)
    #expect(future.allSatisfy { !($0["available_from"] ?? "").isEmpty })
    #expect(rows.filter { $0["origin"] == "OH" }.allSatisfy { $0["available_from"] == "" })
    #expect(Set(rows.map { $0["location_id"]! }) == Set(expected.map(\.locationId)))
  }

  @Test func exportSourceNeedsNoClient() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.source = .export
    let items = exportItems(count: 5)
    try fixture.storeExport(items, takenAt: fixture.clock.now)
    let publisher = try fixture.makePublisher(settings: settings)

    let outcome = await publisher.publish(fixture.target(locations: []))

    #expect(outcome == .published(sequence: 1, itemCount: 5, manifest: try manifestName(fixture)))
    let rows = try readCSVRows(fixture)
    #expect(rows.count == 5)
    #expect(rows[0]["product_description"] == "Rose \"Freedom\", 50cm")
    #expect(rows[0]["unit_price"] == "0.35")
    #expect(rows[1]["unit_price"] == "1.35")
    #expect(rows[0]["origin"] == "FS")
    #expect(rows[1]["available_to"] == "")

    let json = try fixture.readJSON(try #require(fixture.latest()["json"] as? String))
    let jsonItems = try #require(json["items"] as? [[String: Any]])
    #expect(jsonItems.count == 5)
    #expect(jsonItems[0]["unitPrice"] as? String == "0.35")
    #expect(jsonItems[0]["unitsPerBox"] as? Int == 250)
    #expect(jsonItems[1]["availableFrom"] is NSNull)
    #expect(fixture.requestPaths.isEmpty)
  }

  @Test func exportSourceWithoutExportFails() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.source = .export
    let publisher = try fixture.makePublisher(settings: settings)

    let outcome = await publisher.publish(fixture.target(locations: []))

    guard case .failed(let reason, let previous, let stale) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.contains("no inventory export"))
    #expect(previous == nil)
    #expect(stale == false)
    #expect(!FileManager.default.fileExists(atPath: fixture.folder.path + "/latest.json"))
  }

  @Test func manifestDigestsMatchTheFiles() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.source = .export
    try fixture.storeExport(exportItems(count: 3), takenAt: fixture.clock.now)
    let publisher = try fixture.makePublisher(settings: settings)

    _ = await publisher.publish(fixture.target(locations: []))

    let latest = try fixture.latest()
    let manifest = try fixture.readJSON(try #require(latest["manifest"] as? String))
    let files = try #require(manifest["files"] as? [[String: Any]])
    #expect(files.count == 2)
    for file in files {
      let url = fixture.folder.appendingPathComponent(try #require(file["name"] as? String))
      let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
      #expect(file["sha256"] as? String == (try sha256sum(url)))
      #expect(file["bytes"] as? Int == size)
    }
    #expect(manifest["itemCount"] as? Int == 3)
    #expect(manifest["source"] as? String == "export")
    #expect(manifest["stale"] as? Bool == false)
    #expect(latest["sequence"] as? Int == 1)
    #expect(latest["itemCount"] as? Int == 3)
    #expect(latest["stale"] as? Bool == false)
    #expect(latest["asOf"] is String)
    #expect(latest["updatedAt"] is String)
  }
}

/// Returns the rows of the CSV that `latest.json` names, keyed by header.
func readCSVRows(_ fixture: FeedFixture) throws -> [[String: String]] {
  let name = try #require(fixture.latest()["csv"] as? String)
  let text = try String(contentsOf: fixture.folder.appendingPathComponent(name), encoding: .utf8)
  let rows = try parseCSV(text)
  let header = try #require(rows.first)
  return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

func manifestName(_ fixture: FeedFixture) throws -> String {
  try #require(fixture.latest()["manifest"] as? String)
}

/// Sorts digit strings by their value.
func sortedIDs(_ ids: [String]) -> [String] {
  ids.sorted { ($0.count, $0) < ($1.count, $1) }
}
