import Foundation
import StateStore
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// The reply a command that requested a change prints for the person who ran it.
package enum ChangeRequestReply: Sendable, Equatable {
  /// The pipeline carried the request out within the wait.
  case finished(ChangeRequest)
  /// The wait ended first. `explanation` names who will carry the request out.
  case queued(ChangeRequest, explanation: String)
}

/// Queues change requests for the pipeline and waits for their outcome, for commands such
/// as `retry`, `review` and `cancel` that must not take the workspace lock themselves.
package struct ChangeRequestSubmission {
  package let workspace: Workspace
  /// The maximum time `submit` waits for the outcome.
  package var timeout: Duration = .seconds(10)
  package var pollInterval: Duration = .milliseconds(100)

  package init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// Queues the request, then polls its row until it has an outcome or `timeout` passes. With
  /// no pipeline running, no process could carry it out during the wait, so it returns at once.
  package func submit(
    kind: String, orderNumber: String? = nil, line: Int? = nil, arguments: String = "{}"
  ) throws -> ChangeRequestReply {
    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let queue = ChangeRequests(database: database)
    let request = try queue.enqueue(
      kind: kind, orderNumber: orderNumber, line: line, arguments: arguments)

    let wait = runningPipeline() == nil ? .zero : timeout
    switch try queue.waitForOutcome(id: request.id, timeout: wait, pollInterval: pollInterval)
    {
    case .finished(let finished):
      return .finished(finished)
    case .pending(let pending):
      return .queued(pending, explanation: explanation(for: pending))
    }
  }

  /// Returns who will carry out `request`, from the PID in the lock file.
  ///
  /// NOTE: this reads the lock file instead of trying the lock, because trying it could make a
  /// `run` that starts at that moment exit 75. So a holder killed with SIGKILL, whose PID
  /// stays in the file, is only caught when no process has that PID.
  func explanation(for request: ChangeRequest) -> String {
    let label = "request \(request.id) (\(request.kind))"
    if let pid = runningPipeline() {
      return "\(label) is queued: the running pipeline (process \(pid)) carries it out"
        + " within a few seconds."
    }
    return "\(label) is queued: no pipeline is running, so the next 'komet-dwf once' or"
      + " 'komet-dwf run' carries it out."
  }

  /// Returns the PID of the process that holds the workspace lock, or nil when the lock file
  /// names no process that still exists.
  func runningPipeline() -> pid_t? {
    let text = (try? String(contentsOf: workspace.lockFile, encoding: .utf8)) ?? ""
    guard let holder = LockHolder(parsing: text) else { return nil }
    return kill(holder.pid, 0) == 0 || errno == EPERM ? holder.pid : nil
  }
}
