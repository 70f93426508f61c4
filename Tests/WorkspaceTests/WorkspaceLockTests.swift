import Foundation
import Testing

@testable import Workspace

/// The lock's exclusion is tested within this process where flock allows it: each
/// `WorkspaceLock` opens its own file description, and flock locks conflict between open file
/// descriptions of one process just as between processes. Only the killed holder needs a
/// second process.
struct WorkspaceLockTests {
  @Test func secondLockNamesTheHolder() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    let taken = Date(timeIntervalSince1970: 1_780_000_000)
    let first = try WorkspaceLock(workspace: workspace, now: taken)

    let holder = LockHolder(pid: getpid(), started: "2026-05-28T20:26:40Z")
    #expect(throws: WorkspaceLockError.heldByAnotherHolder(
      path: workspace.lockFile.path, holder: holder)) {
      try WorkspaceLock(workspace: workspace)
    }
    #expect(
      "\(WorkspaceLockError.heldByAnotherHolder(path: first.path, holder: holder))"
        == "the workspace is in use: process \(getpid()) has held \(first.path) since "
        + "2026-05-28T20:26:40Z. Wait for it to finish, or stop it, then run this again.")
  }

  @Test func lockFileHoldsPIDAndStartAndStateIsPrivate() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)

    let lock = try WorkspaceLock(
      workspace: workspace, now: Date(timeIntervalSince1970: 1_780_000_000))

    let text = try String(contentsOf: workspace.lockFile, encoding: .utf8)
    #expect(text == "pid=\(getpid())\nstarted=2026-05-28T20:26:40Z\n")
    #expect(try permissions(of: workspace.state.path) == 0o700)
    #expect(try permissions(of: workspace.lockFile.path) == 0o600)
    lock.release()
  }

  @Test func releaseAndDeinitFreeTheLock() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)

    let first = try WorkspaceLock(workspace: workspace)
    first.release()
    first.release()
    #expect(try String(contentsOf: workspace.lockFile, encoding: .utf8) == "")

    do {
      let second = try WorkspaceLock(workspace: workspace)
      _ = second
    }
    let third = try WorkspaceLock(workspace: workspace)
    #expect(FileManager.default.fileExists(atPath: workspace.lockFile.path))
    _ = third
  }

  @Test func lockFileWithoutPIDGivesMessageWithoutIt() {
    let error = WorkspaceLockError.heldByAnotherHolder(path: "/w/state/komet-dwf.lock", holder: nil)

    #expect(
      "\(error)"
        == "the workspace is in use: another process holds /w/state/komet-dwf.lock and has "
        + "not written its PID yet. Wait for it to finish, or stop it, then run this again.")
    #expect(LockHolder(parsing: "") == nil)
    #expect(LockHolder(parsing: "pid=0\n") == nil)
    #expect(LockHolder(parsing: "pid=42\n") == LockHolder(pid: 42, started: nil))
  }

  @Test(.enabled(if: python3Path != nil, "needs python3 to hold a flock in a child process"))
  func killedHoldersLockIsTakenOver() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    try FileManager.default.createDirectory(at: workspace.state, withIntermediateDirectories: true)
    let child = try startHolder(lockPath: workspace.lockFile.path)
    defer {
      if child.isRunning { kill(child.processIdentifier, SIGKILL) }
      child.waitUntilExit()
    }

    var holder: LockHolder?
    do {
      let stolen = try WorkspaceLock(workspace: workspace)
      stolen.release()
      Issue.record("the lock was taken while the child held it")
    } catch {
      if case .heldByAnotherHolder(_, let named) = error { holder = named }
    }
    #expect(holder == LockHolder(pid: child.processIdentifier, started: "2026-01-02T03:04:05Z"))

    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    let lock = try WorkspaceLock(workspace: workspace)

    let text = try String(contentsOf: workspace.lockFile, encoding: .utf8)
    #expect(text.hasPrefix("pid=\(getpid())\n"))
    lock.release()
  }

  /// Starts python3 holding a flock on `lockPath` with its PID written in, and returns once
  /// it reports the lock taken. It holds the lock until it is killed or its input closes.
  private func startHolder(lockPath: String) throws -> Process {
    let script = """
      import fcntl, os, sys
      f = open(sys.argv[1], "a+")
      fcntl.flock(f, fcntl.LOCK_EX)
      f.truncate(0)
      f.write("pid=%d\\nstarted=2026-01-02T03:04:05Z\\n" % os.getpid())
      f.flush()
      print("locked", flush=True)
      sys.stdin.read()
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python3Path!)
    process.arguments = ["-c", script, lockPath]
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = Pipe()
    try process.run()

    let line = output.fileHandleForReading.availableData
    let message = String(decoding: line, as: UTF8.self)
    #expect(message.trimmingCharacters(in: .whitespacesAndNewlines) == "locked")
    return process
  }
}

/// The first python3 on `PATH`, or nil when there is none.
let python3Path: String? = {
  let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
  return folders.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}()
