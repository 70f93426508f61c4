import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Named moments at which the crash tests kill komet-dwf with SIGKILL, to prove that a restart
/// resumes every order without losing or doubling a line.
///
/// A point does nothing unless `KOMET_DWF_CRASH_AT` names it. The variable holds one point
/// name, optionally followed by `#N` to kill the process on the Nth time the point is reached
/// instead of the first, such as `placer.add.after-call#3`. The process sends itself SIGKILL,
/// so no `defer`, buffer flush or signal handler runs, exactly as with `kill -9`.
package enum CrashPoint {
  /// The environment variable that names the point to crash at.
  package static let environmentName = "KOMET_DWF_CRASH_AT"

  private static let target: (name: String, count: Int)? = {
    guard let text = ProcessInfo.processInfo.environment[environmentName], !text.isEmpty else {
      return nil
    }
    let parts = text.split(separator: "#", maxSplits: 1).map(String.init)
    let count = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
    return (parts[0], max(count, 1))
  }()

  private static let reached = Mutex(0)

  /// Kills the process when `name` is the configured point and this is the configured time
  /// it is reached; returns at once otherwise.
  package static func reach(_ name: StaticString) {
    guard let target, target.name == name.description else { return }
    let count = reached.withLock { value -> Int in
      value += 1
      return value
    }
    guard count == target.count else { return }
    kill(getpid(), SIGKILL)
  }
}
