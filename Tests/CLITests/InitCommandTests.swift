import Foundation
import Testing
import Workspace

@testable import CLI

struct InitCommandTests {
  @Test func initPrintsCreatedThenKept() throws {
    let scratch = try ScratchFolder()
    let root = scratch.url.appendingPathComponent("exchange").path

    let first = runKometDWF(["init", root])
    let second = runKometDWF(["init", "--workspace", root])

    #expect(first.status == 0)
    #expect(first.error == "")
    #expect(first.output.hasPrefix("Workspace \(root):\n  created . (mode 0755)\n"))
    #expect(first.output.contains("  created state/ (mode 0700)\n"))
    #expect(first.output.contains("  created komet-dwf.json (mode 0644)\n"))
    #expect(second.status == 0)
    #expect(second.output.contains("  kept    komet-dwf.json (existing file, not changed)\n"))
    #expect(!second.output.contains("created"))
  }

  @Test func initTakesOneFolder() {
    let result = runKometDWF(["init", "a", "--workspace", "b"])

    #expect(result.status == 64)
    #expect(
      result.error
        == "komet-dwf: unexpected argument 'b': init takes one folder, as DIR or --workspace DIR.\n")
  }

  @Test func fileInTheWayExits73() throws {
    let scratch = try ScratchFolder()
    let root = scratch.url.path
    try "x".write(toFile: root + "/state", atomically: false, encoding: .utf8)

    let result = runKometDWF(["init", root])

    #expect(result.status == 73)
    #expect(
      result.error
        == "komet-dwf: \(root)/state is not a folder. Move it away and run 'komet-dwf init' "
        + "again.\n")
  }

  @Test func heldLockMapsToTemporaryFailure() {
    let held = WorkspaceLockError.heldByAnotherHolder(
      path: "/w/state/komet-dwf.lock", holder: LockHolder(pid: 4711, started: nil))

    #expect(exitCode(for: held) == .temporaryFailure)
    #expect(ExitCode.temporaryFailure.rawValue == 75)
    #expect(exitCode(for: .fileNotOpened(path: "/w/state/komet-dwf.lock", errno: EACCES)) == .ioError)
  }
}
