import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `komet-dwf run` after the kernel's inotify queue overflowed: the events past the queue's
/// limit are lost, so only the rescan that `IN_Q_OVERFLOW` starts can find the last file.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct QueueOverflowTests {
  /// More events than the default `fs.inotify.max_queued_events` (16384) holds.
  static let eventCount = 20_000

  @Test func overflowRescanTakesLostFile() throws {
    let setting = try? String(
      contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
    let limit = setting.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
      ?? 16_384
    try #require(limit < Self.eventCount, "the queue limit \(limit) is too large for this test")

    let workspace = try EndToEndWorkspace()
    let log = workspace.root.appendingPathComponent("run.log")
    let process = try workspace.startRun(log: log)
    defer { EndToEndWorkspace.stop(process) }
    #expect(EndToEndWorkspace.text(of: log).contains("Pipeline started"))

    // While `run` is stopped nothing reads the queue, so these partial-transfer names (which
    // the watcher ignores) fill it, and the event of the export written last is dropped.
    kill(process.processIdentifier, SIGSTOP)
    for index in 0..<Self.eventCount {
      let path = workspace.inbox.appendingPathComponent("filler-\(index).part").path
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    try workspace.drop(samplePath("komet-customers.xlsx"), as: "customers.xlsx")
    kill(process.processIdentifier, SIGCONT)

    let taken = eventually { workspace.processedNames.contains("customers.xlsx") }
    let text = EndToEndWorkspace.text(of: log)
    #expect(taken, "\(text.suffix(2000))")
    #expect(text.contains("inotify queue overflowed, rescanning"))
  }
}
