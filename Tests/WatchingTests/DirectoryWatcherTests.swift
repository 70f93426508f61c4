import Foundation
import Glibc
import Testing

@testable import Watching

struct DirectoryWatcherTests {
  @Test(arguments: [WatchMode.inotify, .poll])
  func closedFileReportedOnce(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    folder.write("orders.csv", "a,b\n1,2\n")

    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(700))
    #expect(recorder.readyNames == ["orders.csv"])
    guard case .fileReady(let file) = recorder.events.first else {
      Issue.record("expected a ready file first, got \(recorder.events)")
      return
    }
    #expect(file.path == folder.path + "/orders.csv")
    #expect(file.size == 8)
  }

  @Test func slowWriteNotReportedEarly() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path]), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    // A file that the worker's first scan finds is judged by its settle time, not by inotify,
    // so the test waits for a marker file first: once the marker is reported, that scan is
    // over. The slow file is then created open, so its only IN_CLOSE_WRITE comes at the end.
    #expect(FileManager.default.createFile(atPath: folder.path + "/marker.csv", contents: nil))
    #expect(await recorder.wait { $0.readyNames.contains("marker.csv") })
    let path = folder.path + "/slow.xlsx"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    try #require(descriptor >= 0)
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    handle.write(Data("first part,".utf8))
    try await Task.sleep(for: .milliseconds(600))
    let eventsWhileOpen = recorder.events.filter { !Self.isMarker($0) }
    handle.write(Data("second part".utf8))
    try handle.close()

    #expect(eventsWhileOpen.isEmpty)
    #expect(await recorder.wait { $0.readyNames.contains("slow.xlsx") })
    guard case .fileReady(let file) = recorder.events.last else {
      Issue.record("expected a ready file, got \(recorder.events)")
      return
    }
    #expect(file.name == "slow.xlsx")
    #expect(file.size == 22)
  }

  private static func isMarker(_ event: WatchEvent) -> Bool {
    guard case .fileReady(let file) = event else { return false }
    return file.name == "marker.csv"
  }

  @Test func partialNameReportedAfterRename() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path]), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    folder.write("customers.xlsx.part", "data")
    try await Task.sleep(for: .milliseconds(500))
    let eventsBeforeRename = recorder.events
    try FileManager.default.moveItem(
      atPath: folder.path + "/customers.xlsx.part", toPath: folder.path + "/customers.xlsx")

    #expect(eventsBeforeRename.isEmpty)
    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.readyNames == ["customers.xlsx"])
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func ignoredNamesNeverReported(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let ignored = [
      ".hidden.csv", "~$book.xlsx", "a.part", "b.tmp", "c.filepart", "d.partial",
      "e.crdownload", "F.TMP",
    ]
    folder.write(".present-at-start", "x")
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    for name in ignored {
      folder.write(name, "x")
    }
    try await Task.sleep(for: .milliseconds(300))
    folder.write("z.csv", "x")

    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.events.count == 1)
    #expect(recorder.readyNames == ["z.csv"])
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func presentFileReportedByRescan(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    folder.write("locations.csv", "id\n1\n")
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.readyNames == ["locations.csv"])
  }

  @Test(arguments: [(WatchMode.inotify, false), (.inotify, true), (.poll, false)])
  func symlinkAndFIFOReportedAsNonRegular(mode: WatchMode, isPresentAtStart: Bool) async throws {
    let folder = try TemporaryFolder()
    let target = try TemporaryFolder()
    defer {
      folder.remove()
      target.remove()
    }
    target.write("secret.csv", "x")
    func createEntries() throws {
      try FileManager.default.createSymbolicLink(
        atPath: folder.path + "/link.csv", withDestinationPath: target.path + "/secret.csv")
      #expect(mkfifo(folder.path + "/pipe.csv", 0o600) == 0)
    }
    if isPresentAtStart { try createEntries() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    if !isPresentAtStart { try createEntries() }

    #expect(await recorder.wait { $0.events.count == 2 })
    try await Task.sleep(for: .milliseconds(500))
    let events = recorder.events
    #expect(events.count == 2)
    #expect(
      events.contains(.nonRegularFile(folder: folder.path, name: "link.csv", kind: .symbolicLink)))
    #expect(events.contains(.nonRegularFile(folder: folder.path, name: "pipe.csv", kind: .fifo)))
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func subfolderReportedOnce(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration(
        [folder.path], mode: mode, rescanInterval: .milliseconds(200)),
      logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    try FileManager.default.createDirectory(
      atPath: folder.path + "/archive", withIntermediateDirectories: false)
    #expect(await recorder.wait { !$0.events.isEmpty })
    folder.write("archive/inner.csv", "x")
    try await Task.sleep(for: .milliseconds(800))

    #expect(recorder.events == [.subfolder(folder: folder.path, name: "archive")])
  }

  @Test func pollModeTakesFileInWatchedSubfolder() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let subfolder = folder.path + "/dwf"
    try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true)
    var configuration = testConfiguration([folder.path, subfolder], mode: .poll)
    configuration.settleTime = .seconds(1)
    let watcher = DirectoryWatcher(configuration: configuration, logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    // Each listing of the parent folder must keep the settle clock of the subfolder's files,
    // which the parent's own listing does not show.
    let path = subfolder + "/order.csv"
    #expect(FileManager.default.createFile(atPath: path, contents: Data("a,b\n".utf8)))

    #expect(await recorder.wait { $0.readyNames.contains("order.csv") })
  }

  @Test func pollModeWaitsForSizeToSettle() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var configuration = testConfiguration([folder.path], mode: .poll)
    configuration.settleTime = .seconds(3)
    let watcher = DirectoryWatcher(configuration: configuration, logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    // Like an upload written in place under its final name: each write lands well within the
    // settle time of the one before, with room for a writer thread that starts late.
    let path = folder.path + "/upload.csv"
    let chunk = Data(repeating: UInt8(ascii: "x"), count: 100)
    #expect(FileManager.default.createFile(atPath: path, contents: chunk))
    await appendSlowly(
      path: path, chunks: Array(repeating: chunk, count: 4), pause: .milliseconds(100))

    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.readyNames == ["upload.csv"])
    guard case .fileReady(let file) = recorder.events.first else {
      Issue.record("expected a ready file, got \(recorder.events)")
      return
    }
    #expect(file.size == 500)
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func changedFileReportedAgain(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    folder.write("inventory.csv", "one")
    #expect(await recorder.wait { $0.readyNames.count == 1 })
    folder.write("inventory.csv", "one and two")

    #expect(await recorder.wait { $0.readyNames.count == 2 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.readyNames == ["inventory.csv", "inventory.csv"])
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func retryLaterReportsAgain(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path], mode: mode), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    folder.write("cut.json", "{\"a\":")
    #expect(await recorder.wait { $0.readyNames.count == 1 })
    try await Task.sleep(for: .milliseconds(400))
    let countBeforeRetry = recorder.readyNames.count
    watcher.retryLater(path: folder.path + "/cut.json")

    #expect(countBeforeRetry == 1)
    #expect(await recorder.wait { $0.readyNames.count == 2 })
    try await Task.sleep(for: .milliseconds(500))
    #expect(recorder.readyNames == ["cut.json", "cut.json"])
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func stopFinishesStreamPromptly(mode: WatchMode) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var configuration = testConfiguration([folder.path], mode: mode)
    configuration.quietPeriod = .seconds(600)
    configuration.settleTime = .seconds(600)
    configuration.pollInterval = .seconds(600)
    let watcher = DirectoryWatcher(configuration: configuration, logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    folder.write("waiting.csv", "x")
    try await Task.sleep(for: .milliseconds(100))

    watcher.stop()
    watcher.stop()

    // Every deadline is ten minutes away, so the stream ends only because stop woke the worker.
    #expect(await recorder.wait { $0.isFinished })
    #expect(recorder.events.isEmpty)
    watcher.stop()
    #expect(throws: WatcherError.alreadyStarted) { try watcher.start() }
  }

  @Test func stopBeforeStartFinishesStream() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([folder.path]), logger: testLogger())
    let recorder = EventRecorder(watcher)

    watcher.stop()

    #expect(await recorder.wait { $0.isFinished })
  }

  @Test func watchesSeveralFolders() async throws {
    let inbox = try TemporaryFolder()
    let uploads = try TemporaryFolder()
    defer {
      inbox.remove()
      uploads.remove()
    }
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([inbox.path, uploads.path]), logger: testLogger())
    let recorder = EventRecorder(watcher)
    try watcher.start()
    defer { watcher.stop() }

    inbox.write("customers.csv", "x")
    uploads.write("order.json", "{}")

    #expect(await recorder.wait { $0.readyNames.count == 2 })
    let folders = Set(
      recorder.events.compactMap { event -> String? in
        if case .fileReady(let file) = event { return file.folder }
        return nil
      })
    #expect(folders == [inbox.path, uploads.path])
  }
}
