import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on a workspace's `state/komet-dwf.lock`, so that one pipeline at a time
/// works on the workspace.
///
/// The lock is `flock(LOCK_EX | LOCK_NB)` rather than an `fcntl` record lock. A flock belongs to
/// the open file description, so two `WorkspaceLock`s in one process exclude each other as two
/// processes do, and closing some other descriptor of the same file does not drop it. With
/// `fcntl` locks, which belong to the process, neither would hold. The kernel drops a flock when
/// its holder exits or is killed, so a lock file left behind by a dead process is taken over
/// without any check of its PID.
///
/// The holder writes its PID and the time it took the lock into the file, for the message of
/// the next one. The file is emptied on release but never deleted: deleting it would let a
/// process that opened the old file lock it while another locks a new one.
///
/// NOTE: On NFS, Linux emulates flock with `fcntl` locks on the server, which still excludes
/// other processes but not a second `WorkspaceLock` in the same process.
package final class WorkspaceLock: Sendable {
  /// The lock file's path.
  package let path: String
  private let descriptor: Mutex<Int32>

  /// Takes the lock of `workspace`, creating `state/` (mode 0700) and the lock file (mode
  /// 0600) when they are missing. It does not wait: a held lock is an error at once.
  ///
  /// - Throws: `WorkspaceLockError.heldByAnotherHolder` with the holder's PID, or
  ///   `.stateFolderNotCreated`, `.fileNotOpened` or `.lockFailed` with the `errno`.
  package convenience init(workspace: Workspace, now: Date = Date())
    throws(WorkspaceLockError)
  {
    let state = workspace.state.path
    if mkdir(state, 0o700) != 0, errno != EEXIST {
      throw .stateFolderNotCreated(path: state, errno: errno)
    }
    try self.init(path: workspace.lockFile.path, now: now)
  }

  /// Takes the lock on the file at `path`, whose folder must exist.
  package init(path: String, now: Date = Date()) throws(WorkspaceLockError) {
    self.path = path
    let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard opened >= 0 else { throw .fileNotOpened(path: path, errno: errno) }

    while flock(opened, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      if code == EINTR { continue }
      let holder = Self.readHolder(opened)
      close(opened)
      if code == EWOULDBLOCK { throw .heldByAnotherHolder(path: path, holder: holder) }
      throw .lockFailed(path: path, errno: code)
    }

    let holder = LockHolder(pid: getpid(), started: Self.timestamp(now))
    let text = Array("pid=\(holder.pid)\nstarted=\(holder.started ?? "")\n".utf8)
    // The PID is only for messages, so a failed write does not give the lock up.
    if ftruncate(opened, 0) == 0 {
      _ = text.withUnsafeBytes { pwrite(opened, $0.baseAddress!, $0.count, 0) }
    }
    descriptor = Mutex(opened)
  }

  deinit {
    release()
  }

  /// Empties the lock file and gives the lock up. Calling it again does nothing.
  package func release() {
    descriptor.withLock { opened in
      guard opened >= 0 else { return }
      _ = ftruncate(opened, 0)
      close(opened)
      opened = -1
    }
  }

  /// Returns the holder written in the lock file open as `descriptor`, or nil when the file
  /// holds no PID (the holder has just taken the lock, or wrote nothing).
  private static func readHolder(_ descriptor: Int32) -> LockHolder? {
    var bytes = [UInt8](repeating: 0, count: 256)
    let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
    guard count > 0 else { return nil }
    return LockHolder(parsing: String(decoding: bytes[..<count], as: UTF8.self))
  }

  private static func timestamp(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}

/// The process that holds a workspace lock, as its lock file records it.
package struct LockHolder: Equatable, Sendable {
  package let pid: Int32
  /// The time it took the lock, as ISO 8601 in UTC, when the file records one.
  package let started: String?

  package init(pid: Int32, started: String?) {
    self.pid = pid
    self.started = started
  }

  /// Reads the `pid=` and `started=` lines of a lock file, or returns nil without a valid PID.
  package init?(parsing text: String) {
    var pid: Int32?
    var started: String?
    for line in text.split(separator: "\n") {
      if line.hasPrefix("pid=") { pid = Int32(line.dropFirst(4)) }
      if line.hasPrefix("started="), line.count > 8 { started = String(line.dropFirst(8)) }
    }
    guard let pid, pid > 0 else { return nil }
    self.init(pid: pid, started: started)
  }
}

/// A workspace lock that could not be taken.
package enum WorkspaceLockError: Error, Equatable {
  /// Another process, or another `WorkspaceLock` of this one, holds the lock. `holder` is nil
  /// when the file names no PID yet.
  case heldByAnotherHolder(path: String, holder: LockHolder?)
  case stateFolderNotCreated(path: String, errno: Int32)
  case fileNotOpened(path: String, errno: Int32)
  /// `flock` failed with an error other than `EWOULDBLOCK`.
  case lockFailed(path: String, errno: Int32)
}

extension WorkspaceLockError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .heldByAnotherHolder(let path, let holder?):
      let since = holder.started.map { " since \($0)" } ?? ""
      return "the workspace is in use: process \(holder.pid) has held \(path)\(since). "
        + "Wait for it to finish, or stop it, then run this again."
    case .heldByAnotherHolder(let path, nil):
      return "the workspace is in use: another process holds \(path) and has not written its "
        + "PID yet. Wait for it to finish, or stop it, then run this again."
    case .stateFolderNotCreated(let path, let code):
      return "cannot create the folder \(path): \(String(cString: strerror(code)))."
    case .fileNotOpened(let path, let code):
      return "cannot open the lock file \(path): \(String(cString: strerror(code)))."
    case .lockFailed(let path, let code):
      return "cannot lock \(path): \(String(cString: strerror(code)))."
    }
  }
}
