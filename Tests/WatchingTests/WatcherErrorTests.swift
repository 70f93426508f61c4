import Foundation
import Testing

@testable import Watching

struct WatcherErrorTests {
  @Test(arguments: [WatchMode.inotify, .poll])
  func missingFolderRejectedAtStart(mode: WatchMode) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let missing = folder.path + "/absent"
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([missing], mode: mode), logger: testLogger())

    #expect(
      throws: WatcherError.folderMissing(folder: missing, reason: "No such file or directory")
    ) {
      try watcher.start()
    }
  }

  @Test(arguments: [WatchMode.inotify, .poll])
  func fileRejectedAsFolder(mode: WatchMode) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    folder.write("plain.txt", "x")
    let path = folder.path + "/plain.txt"
    let watcher = DirectoryWatcher(
      configuration: testConfiguration([path], mode: mode), logger: testLogger())

    #expect(throws: WatcherError.notAFolder(folder: path, reason: "Not a directory")) {
      try watcher.start()
    }
  }

  @Test func watchLimitMessageNamesTheFixes() {
    let error = WatcherError.watchLimitReached(
      folder: "/srv/inbox", reason: "No space left on device")

    #expect(
      error.description
        == "Watching /srv/inbox failed because the inotify watch limit was reached (No space "
        + "left on device). Raise fs.inotify.max_user_watches (sysctl) or run with --poll.")
  }

  @Test(arguments: [
    ("orders.csv", false), (".orders.csv", true), ("~$orders.xlsx", true),
    ("orders.csv.part", true), ("orders.csv.PART", true), ("orders.tmp", true),
    ("orders.filepart", true), ("orders.partial", true), ("orders.crdownload", true),
    ("orders.part.csv", false), ("partial", false), ("~orders.csv", false),
  ])
  func ignoredNamesMatchPrefixesAndSuffixes(name: String, isIgnored: Bool) {
    #expect(IgnoredNames.contains(name) == isIgnored)
  }
}
