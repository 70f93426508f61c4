import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A small seeded generator (SplitMix64), so a failing round can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// Returns an inventory export as CSV with `lines` lines, whose box counts depend on `variant`,
/// so each variant has its own content and makes its own drop.
func inventoryCSV(variant: Int, lines: Int = 400) -> Data {
  var text = "Inventory ID,Origin,Product Code,Description,Grade,Category,Box Type,Units per Box,"
    + "Unit Type,Boxes Available,Unit Price,Location ID,Available From,Available To\n"
  for line in 0..<lines {
    let boxes = (line * 7 + variant) % 50 + 1
    text += "\(5_200_000 + line),OH,RFRE50,Rose Freedom 50cm,50cm,Roses,HB,300,Stem,"
      + "\(boxes),0.45,200101,,\n"
  }
  return Data(text.utf8)
}

/// Restarts after SIGKILL and an outbox reader racing the drops.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct RecoveryTests {
  /// The SHA-256 of every input file in `inbox/`, `inbox/dwf/`, `processed/` and `failed/`,
  /// with how often each occurs.
  private func inputDigests(_ workspace: EndToEndWorkspace) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    let top = workspace.filesDirectly(in: workspace.inbox).map {
      workspace.inbox.appendingPathComponent($0)
    }
    let dwf = workspace.filesDirectly(in: workspace.dwfInbox).map {
      workspace.dwfInbox.appendingPathComponent($0)
    }
    let stored = workspace.inputFiles(under: workspace.processed)
      + workspace.inputFiles(under: workspace.failed)
    for file in top + dwf + stored {
      counts[try sha256(ofFileAt: file.path), default: 0] += 1
    }
    return counts
  }

  /// Checks that `outbox/dwf/` holds only finished drop files, and that the files
  /// `latest.json` names match its manifest.
  private func expectCleanOutbox(_ workspace: EndToEndWorkspace, _ note: Comment) throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: workspace.inventoryFolder.path)
    for name in names {
      let isDrop = name.hasPrefix("inventory-")
        && (name.hasSuffix(".csv") || name.hasSuffix(".json"))
      #expect(isDrop || name == "latest.json", "unexpected \(name) in outbox; \(note)")
    }
    try expectLatestMatchesManifest(workspace.inventoryFolder, note)
  }

  @Test func killedRunLosesNoFile() throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["E2E_SEED"] ?? "")
      ?? UInt64(Date().timeIntervalSince1970 * 1000)
    var random = SeededGenerator(state: seed)
    let note: Comment = "seed \(seed); rerun with E2E_SEED=\(seed)"
    let workspace = try EndToEndWorkspace(namesDWFCustomer: false)
    var dropped: [String: Int] = [:]

    for round in 0..<10 {
      let log = workspace.root.appendingPathComponent("run-\(round).log")
      let process = try workspace.startRun(
        log: log, environment: ["KOMET_DWF_INVENTORY_SOURCE": "export"])
      var batch: [(String, Data)] = [
        ("inventory-\(round).csv", inventoryCSV(variant: round)),
        ("notes-\(round).txt", Data("round \(round)\n".utf8)),
      ]
      for sample in ["komet-customers.xlsx", "komet-locations.xlsx"] {
        let data = try Data(contentsOf: URL(fileURLWithPath: samplePath(sample)))
        batch.append(("\(round)-\(sample)", data))
      }
      for (name, data) in batch {
        try workspace.drop(data: data, as: name)
        dropped[try SHA256Digest.of(data), default: 0] += 1
      }

      let delay = UInt32.random(in: 0...1_500_000, using: &random)
      usleep(delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      let restart = try workspace.once(environment: ["KOMET_DWF_INVENTORY_SOURCE": "export"])
      let roundNote: Comment = "round \(round), kill after \(delay) µs; \(note)"
      #expect([0, 65].contains(restart.status), "\(restart.error); \(roundNote)")
      #expect(try inputDigests(workspace) == dropped, roundNote)
      #expect(workspace.filesDirectly(in: workspace.inbox).isEmpty, roundNote)
      try expectCleanOutbox(workspace, roundNote)
    }

    let customers = try workspace.storedIDs(.dwfCustomer)
    #expect(customers.map(\.id) == ["10012"], note)
    let processedDigests = try Set(
      workspace.inputFiles(under: workspace.processed).map { try sha256(ofFileAt: $0.path) })
    for id in customers + (try workspace.storedIDs(.location)) {
      #expect(processedDigests.contains(id.sourceSHA256), "\(id.id) from no processed file")
    }
  }

  @Test func outboxReaderSeesOnlyWholeFiles() throws {
    let workspace = try EndToEndWorkspace()
    let environment = ["KOMET_DWF_INVENTORY_SOURCE": "export"]
    try workspace.drop(data: inventoryCSV(variant: 0), as: "inventory-0.csv")
    #expect(try workspace.once(environment: environment).status == 0)

    let reader = OutboxReader(folder: workspace.inventoryFolder)
    let thread = Thread { reader.run() }
    thread.start()
    for variant in 1...6 {
      try workspace.drop(data: inventoryCSV(variant: variant), as: "inventory-\(variant).csv")
      let result = try workspace.once(environment: environment)
      #expect(result.status == 0, "\(result.error)")
    }
    reader.stop()

    let report = reader.report()
    #expect(report.filesRead > 0)
    #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
    try expectLatestMatchesManifest(workspace.inventoryFolder, "after the last drop")
  }
}

/// SHA-256 of data in memory, through a scratch file and the product's streaming digest.
enum SHA256Digest {
  static func of(_ data: Data) throws -> String {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-dwf-e2e-digest-\(UUID().uuidString)")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    return try sha256(ofFileAt: file.path)
  }
}

/// Checks that the CSV and JSON that `latest.json` in `folder` names have the SHA-256 that
/// the manifest it names records.
func expectLatestMatchesManifest(_ folder: URL, _ note: Comment) throws {
  let latestFile = folder.appendingPathComponent("latest.json")
  guard FileManager.default.fileExists(atPath: latestFile.path) else { return }
  let latest = try JSONSerialization.jsonObject(with: Data(contentsOf: latestFile))
  let manifestName = try #require((latest as? [String: Any])?["manifest"] as? String, note)
  let manifest = try JSONSerialization.jsonObject(
    with: Data(contentsOf: folder.appendingPathComponent(manifestName)))
  let files = try #require((manifest as? [String: Any])?["files"] as? [[String: Any]], note)
  #expect(files.count == 2, note)
  for file in files {
    let name = try #require(file["name"] as? String, note)
    let digest = try sha256(ofFileAt: folder.appendingPathComponent(name).path)
    #expect(digest == file["sha256"] as? String, "\(name); \(note)")
  }
}

/// A thread that lists `outbox/dwf/inventory/` over and over and parses every file it finds,
/// recording any that is not whole.
final class OutboxReader: @unchecked Sendable {
  // @unchecked: `stopped`, `filesRead` and `problems` are read and changed only under `lock`.
  let folder: URL
  private let lock = NSLock()
  private var stopped = false
  private var filesRead = 0
  private var problems: [String] = []

  init(folder: URL) {
    self.folder = folder
  }

  private var finished = false

  /// Asks the thread to stop and waits until it finished its last listing.
  func stop() {
    lock.withLock { stopped = true }
    while !lock.withLock({ finished }) { usleep(1_000) }
  }

  func report() -> (filesRead: Int, problems: [String]) {
    lock.withLock { (filesRead, problems) }
  }

  func run() {
    while !lock.withLock({ stopped }) {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names {
        // A file pruned between the listing and the read is gone, not partial.
        guard let data = FileManager.default.contents(
          atPath: folder.appendingPathComponent(name).path)
        else { continue }
        let problem = check(name: name, data: data)
        lock.withLock {
          filesRead += 1
          if let problem { problems.append(problem) }
        }
      }
      // A short pause keeps this reader from taking a whole core of the two that the test
      // run shares, while it still lists the folder hundreds of times a second.
      usleep(1_000)
    }
    lock.withLock { finished = true }
  }

  /// Returns why `data` is not a whole drop file, or nil.
  private func check(name: String, data: Data) -> String? {
    if name.hasSuffix(".json") {
      guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
        return "\(name): \(data.count) bytes that do not parse as JSON"
      }
      return nil
    }
    guard name.hasSuffix(".csv") else { return "\(name): not a drop file" }
    // Drops end every row with CRLF, as RFC 4180 has it.
    guard data.suffix(2) == Data("\r\n".utf8) else {
      return "\(name): \(data.count) bytes without a last CRLF"
    }
    let text = String(decoding: data, as: UTF8.self)
    let rows = text.components(separatedBy: "\r\n").dropLast()
    let width = rows.first?.split(separator: ",", omittingEmptySubsequences: false).count
    for row in rows {
      // The sample's fields hold no quoted commas, so a row's field count is exact here.
      let fields = row.split(separator: ",", omittingEmptySubsequences: false).count
      if fields != width { return "\(name): a row has \(fields) fields, the header \(width!)" }
    }
    return nil
  }
}
