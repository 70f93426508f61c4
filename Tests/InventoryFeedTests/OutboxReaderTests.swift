import Foundation
import InventoryFeed
import Testing

/// A reader polling `outbox/dwf/inventory/` while drops are written never sees a partial file.
struct OutboxReaderTests {
  /// What the polling reader saw.
  final class Observations: @unchecked Sendable {
    private let lock = NSLock()
    private var problemList: [String] = []
    private var scans = 0
    private var verified = 0

    func problem(_ text: String) { lock.withLock { problemList.append(text) } }
    func scanned() { lock.withLock { scans += 1 } }
    func verifiedLatest() { lock.withLock { verified += 1 } }
    var problems: [String] { lock.withLock { problemList } }
    var scanCount: Int { lock.withLock { scans } }
    var verifiedCount: Int { lock.withLock { verified } }
  }

  /// Parses every file in `folder` by its kind, and checks the files `latest.json` names
  /// against their manifest's SHA-256.
  static func scan(_ folder: URL, into observations: Observations) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    for name in names {
      // A pruned file may vanish between the listing and the read, which is not a partial file.
      guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
        continue
      }
      if name.hasSuffix(".json") {
        if (try? JSONSerialization.jsonObject(with: data)) == nil {
          observations.problem("\(name) is not complete JSON (\(data.count) bytes)")
        }
      } else if name.hasSuffix(".csv") {
        let text = String(decoding: data, as: UTF8.self)
        if (try? parseCSV(text)) == nil || !text.hasSuffix("\r\n") {
          observations.problem("\(name) is not complete CSV (\(data.count) bytes)")
        }
      }
    }
    verifyLatest(folder, into: observations)
    observations.scanned()
  }

  static func verifyLatest(_ folder: URL, into observations: Observations) {
    let latestURL = folder.appendingPathComponent("latest.json")
    guard let latestData = try? Data(contentsOf: latestURL),
      let latest = try? JSONSerialization.jsonObject(with: latestData) as? [String: Any],
      let manifestName = latest["manifest"] as? String
    else { return }
    guard let manifestData = try? Data(contentsOf: folder.appendingPathComponent(manifestName)),
      let manifest = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
      let files = manifest["files"] as? [[String: Any]]
    else {
      observations.problem("latest.json names \(manifestName), which cannot be read")
      return
    }
    for file in files {
      guard let name = file["name"] as? String,
        let data = try? Data(contentsOf: folder.appendingPathComponent(name))
      else {
        observations.problem("\(manifestName) names a data file that is missing")
        continue
      }
      let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("reader-copy-\(UUID().uuidString)")
      try? data.write(to: url)
      defer { try? FileManager.default.removeItem(at: url) }
      if (try? sha256sum(url)) != file["sha256"] as? String {
        observations.problem("\(name) does not match the SHA-256 in \(manifestName)")
      }
    }
    observations.verifiedLatest()
  }

  @Test func readerNeverSeesPartialFile() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.source = .export
    settings.keep = 4
    let publisher = try fixture.makePublisher(settings: settings)
    let folder = fixture.folder
    let observations = Observations()
    let stop = Observations()

    let reader = Thread {
      while stop.scanCount == 0 {
        OutboxReaderTests.scan(folder, into: observations)
        // Keeps the reader from taking a whole core, at hundreds of listings a second.
        usleep(1_000)
      }
    }
    reader.start()

    var published = 0
    for round in 0..<25 {
      try fixture.storeExport(
        exportItems(count: 2000 + round * 50, boxes: round), takenAt: fixture.clock.now)
      if case .published = await publisher.publish(fixture.target()) { published += 1 }
      fixture.clock.advance(seconds: 10)
    }
    stop.scanned()
    while !reader.isFinished { try await Task.sleep(for: .milliseconds(10)) }
    Self.scan(folder, into: observations)

    #expect(published == 25)
    #expect(observations.problems == [])
    #expect(observations.scanCount > 1)
    #expect(observations.verifiedCount > 1)
  }
}
