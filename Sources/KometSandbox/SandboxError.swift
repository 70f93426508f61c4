/// The ways starting a `KometSandbox` can fail.
package enum SandboxError: Error, Equatable, CustomStringConvertible {
  /// The state file could not be read; `reason` is the system's message.
  case unreadableState(path: String, reason: String)

  /// The state data is not a sandbox state; `reason` is the decoder's message.
  case invalidState(source: String, reason: String)

  /// The loopback server did not start; `reason` is its error's description.
  case serverFailed(reason: String)

  package var description: String {
    switch self {
    case .unreadableState(let path, let reason):
      "The sandbox state file '\(path)' could not be read: \(reason)."
    case .invalidState(let source, let reason):
      "The sandbox state in '\(source)' is invalid: \(reason). Write a state with "
        + "dumpState() or remove --state to start from the seeded state."
    case .serverFailed(let reason):
      "The sandbox server did not start: \(reason)"
    }
  }
}
