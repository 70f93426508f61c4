import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `komet-dwf run` against real folders and real inotify: files written slowly, a second
/// instance, and DWF's upload area.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct RunCommandEndToEndTests {
  /// Writes the sample customers export to `target` in `chunks` parts, each appended through its
  /// own open and close, pausing `pause` seconds between parts. Before each part it checks that
  /// the log has no line about `watched`, the path the pipeline would take.
  private func writeSlowly(
    to target: URL, watched: URL, log: URL, chunks: Int, pause: Double
  ) throws -> Data {
    let whole = try Data(contentsOf: URL(fileURLWithPath: samplePath("komet-customers.xlsx")))
    let size = (whole.count + chunks - 1) / chunks
    _ = FileManager.default.createFile(atPath: target.path, contents: nil)
    for start in stride(from: 0, to: whole.count, by: size) {
      let seen = EndToEndWorkspace.text(of: log).contains(watched.path)
      #expect(!seen, "taken before byte \(start) of \(whole.count) was written")
      let handle = try FileHandle(forWritingTo: target)
      try handle.seekToEnd()
      try handle.write(contentsOf: whole[start..<min(start + size, whole.count)])
      try handle.close()
      usleep(useconds_t(pause * 1_000_000))
    }
    return whole
  }

  /// Checks that `name` was processed once, whole, and never looked incomplete.
  private func expectTakenWhole(
    _ name: String, data: Data, in workspace: EndToEndWorkspace, log: URL
  ) throws {
    let path = workspace.inbox.appendingPathComponent(name).path
    let processed = eventually {
      EndToEndWorkspace.text(of: log).contains("File processed file.destination=")
        && workspace.processedNames.contains(name)
    }
    let text = EndToEndWorkspace.text(of: log)
    #expect(processed, "\(text)")
    #expect(!text.contains("looks incomplete"))
    #expect(!text.contains("File failed"))
    #expect(text.components(separatedBy: "file.path=\(path)").count == 2)
    let stored = workspace.inputFiles(under: workspace.processed).first {
      $0.lastPathComponent == name
    }
    let storedData = try stored.map { try Data(contentsOf: $0) }
    #expect(storedData == data)
  }

  @Test(arguments: [false, true])
  func slowWriterNotTakenEarly(poll: Bool) throws {
    // Pauses stay below the quiet period (3 s here) and the poll mode's settle time (5 s
    // here), so every pause is a moment in which an eager watcher could take the file. The
    // margin lets a writer that a loaded machine holds back for a second finish in time.
    let workspace = try EndToEndWorkspace(
      watch: "{ \"settleSeconds\": 5, \"quietPeriodMilliseconds\": 3000 }")
    let log = workspace.root.appendingPathComponent("run.log")
    let process = try workspace.startRun(poll: poll, log: log)
    defer { EndToEndWorkspace.stop(process) }

    let target = workspace.inbox.appendingPathComponent("slow.xlsx")
    let pause = poll ? 0.6 : 0.3
    let data = try writeSlowly(to: target, watched: target, log: log, chunks: 5, pause: pause)
    try expectTakenWhole("slow.xlsx", data: data, in: workspace, log: log)
  }

  @Test func partialNameWaitsForRename() throws {
    let workspace = try EndToEndWorkspace()
    let log = workspace.root.appendingPathComponent("run.log")
    let process = try workspace.startRun(log: log)
    defer { EndToEndWorkspace.stop(process) }

    // Pauses longer than the quiet period: a `.part` name must wait for its rename anyway.
    let part = workspace.inbox.appendingPathComponent("customers.xlsx.part")
    let target = workspace.inbox.appendingPathComponent("customers.xlsx")
    let data = try writeSlowly(to: part, watched: part, log: log, chunks: 3, pause: 0.7)
    #expect(!EndToEndWorkspace.text(of: log).contains("customers.xlsx"))
    try FileManager.default.moveItem(at: part, to: target)
    try expectTakenWhole("customers.xlsx", data: data, in: workspace, log: log)
  }

  @Test func secondRunRefusedWithPID() throws {
    let workspace = try EndToEndWorkspace()
    let log = workspace.root.appendingPathComponent("run.log")
    let first = try workspace.startRun(log: log)
    defer { EndToEndWorkspace.stop(first) }
    #expect(EndToEndWorkspace.text(of: log).contains("Pipeline started"))

    let secondLog = workspace.root.appendingPathComponent("second.log")
    let second = try workspace.startRun(log: secondLog, waitsForStart: false)
    second.waitUntilExit()
    let text = EndToEndWorkspace.text(of: secondLog)
    #expect(second.terminationStatus == 75, "\(text)")
    #expect(text.contains("process \(first.processIdentifier)"))
    #expect(first.isRunning)
  }

  /// Seeds the IDs from the sample exports with one `once`, and returns the SHA-256 of the CSV
  /// that `latest.json` names.
  private func seededWorkspace() throws -> (EndToEndWorkspace, String) {
    let workspace = try EndToEndWorkspace(namesDWFCustomer: false)
    try workspace.drop(samplePath("komet-customers.xlsx"), as: "customers.xlsx")
    try workspace.drop(samplePath("komet-locations.xlsx"), as: "locations.xlsx")
    let seeded = try workspace.once()
    #expect(seeded.status == 0, "\(seeded.error)")
    return (workspace, try latestCSVDigest(workspace))
  }

  private func latestCSVDigest(_ workspace: EndToEndWorkspace) throws -> String {
    let latest = try Data(
      contentsOf: workspace.inventoryFolder.appendingPathComponent("latest.json"))
    let object = try JSONSerialization.jsonObject(with: latest) as? [String: Any]
    let csv = try #require(object?["csv"] as? String)
    return try sha256(ofFileAt: workspace.inventoryFolder.appendingPathComponent(csv).path)
  }

  @Test func dwfInboxCannotChangeIDsThroughOnce() throws {
    let (workspace, drop) = try seededWorkspace()
    let customers = try workspace.storedIDs(.dwfCustomer)
    let locations = try workspace.storedIDs(.location)
    #expect(customers.map(\.id) == ["10012"])

    try workspace.drop(
      fixturePath("customers-other-dwf.xlsx"), as: "customers.xlsx", into: workspace.dwfInbox)
    let result = try workspace.once()
    #expect(result.status == 65, "\(result.error)")
    #expect(workspace.failedNames == ["customers.xlsx"])
    #expect(try workspace.storedIDs(.dwfCustomer) == customers)
    #expect(try workspace.storedIDs(.location) == locations)
    #expect(try latestCSVDigest(workspace) == drop)
  }

  @Test func dwfInboxCannotChangeIDsThroughRun() throws {
    let (workspace, drop) = try seededWorkspace()
    let customers = try workspace.storedIDs(.dwfCustomer)
    let log = workspace.root.appendingPathComponent("run.log")
    let process = try workspace.startRun(log: log)

    try workspace.drop(
      fixturePath("customers-other-dwf.xlsx"), as: "customers.xlsx", into: workspace.dwfInbox)
    try workspace.drop(
      samplePath("komet-inventory.xlsx"), as: "inventory.xlsx", into: workspace.dwfInbox)
    let failed = eventually { workspace.failedNames.count == 2 }
    EndToEndWorkspace.stop(process)
    #expect(failed, "\(EndToEndWorkspace.text(of: log))")
    #expect(workspace.failedNames == ["customers.xlsx", "inventory.xlsx"])

    #expect(try workspace.storedIDs(.dwfCustomer) == customers)
    let next = try workspace.once()
    #expect(next.status == 0, "\(next.error)")
    #expect(try latestCSVDigest(workspace) == drop)
  }
}
