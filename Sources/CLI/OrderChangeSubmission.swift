import Exchange
import Foundation
import OrderCommands
import Workspace

/// The steps `retry`, `review` and `cancel` share: check the command line, queue the change
/// request for the pipeline, wait for its outcome and print it.
///
/// These commands take no workspace lock, because the pipeline that has it carries the
/// request out. With no pipeline running, the request waits for the next `run` or `once`.
struct OrderChangeSubmission {
  let workspace: Workspace
  let wait: Duration

  /// The default of `--wait`, in seconds.
  static let defaultWaitSeconds = 10
  /// The maximum of `--wait`, in seconds.
  static let maximumWaitSeconds = 3_600

  /// Reads the `--workspace` and `--wait` options of `parsed`.
  init(_ parsed: CommandLineArguments) throws {
    workspace = Workspace(option: parsed.options["workspace"])
    wait = try Self.waitDuration(parsed.options["wait"])
  }

  /// Parses `--wait SECONDS`: a whole or decimal number of seconds from 0 to the maximum.
  static func waitDuration(_ text: String?) throws -> Duration {
    guard let text else { return .seconds(defaultWaitSeconds) }
    guard let seconds = Double(text), seconds.isFinite, seconds >= 0,
      seconds <= Double(maximumWaitSeconds), !text.hasPrefix("+")
    else {
      throw UsageError.invalidValue(
        option: "wait", value: text,
        expected: "a number of seconds from 0 to \(maximumWaitSeconds), such as 30")
    }
    return .milliseconds(Int((seconds * 1000).rounded()))
  }

  /// Parses a command line with `parse`, or writes the usage error and the usage line and
  /// returns nil.
  static func parse<Command>(
    usage: String, streams: OutputStreams, _ parse: () throws -> Command
  ) -> Command? {
    do {
      return try parse()
    } catch {
      streams.writeError("komet-dwf: \(error)\nusage: \(usage)\n")
      return nil
    }
  }

  /// Queues the request, waits up to `wait` for the pipeline and prints the outcome.
  ///
  /// Returns 0 when the pipeline carried the request out. Returns 1 when the journal shows at
  /// once that it cannot succeed (an unknown order, or a review of a line not in review), or
  /// when it failed with the handler's reason. Returns 75 when it is still queued, 66 when
  /// the folder is not a workspace and 74 when the state database cannot be written.
  func submit(
    kind: String, command: String, orderNumber: String, line: Int? = nil,
    arguments: String = "{}", streams: OutputStreams
  ) -> ExitCode {
    if let missing = WorkspaceCheck.requireInbox(workspace, command: command, streams: streams) {
      return missing
    }
    if let problem = OrderChangePrecheck.problem(
      kind: kind, orderNumber: orderNumber, line: line, workspace: workspace)
    {
      streams.writeError("komet-dwf: \(command) not queued: \(problem)\n")
      return .failure
    }
    var submission = ChangeRequestSubmission(workspace: workspace)
    submission.timeout = wait

    let reply: ChangeRequestReply
    do {
      reply = try submission.submit(
        kind: kind, orderNumber: orderNumber, line: line, arguments: arguments)
    } catch {
      streams.writeError(
        "komet-dwf: the request was not queued, because the state database in"
          + " \(workspace.state.path) cannot be written: \(error)\n")
      return .ioError
    }

    switch reply {
    case .finished(let request) where request.state == .succeeded:
      streams.write("request \(request.id) (\(kind)) carried out: \(request.outcome ?? "")\n")
      return .success
    case .finished(let request):
      streams.writeError(
        "komet-dwf: request \(request.id) (\(kind)) failed: \(request.outcome ?? "")\n")
      return .failure
    case .queued(_, let explanation):
      streams.write(explanation + " Do not send it again; 'komet-dwf status' lists it.\n")
      return .temporaryFailure
    }
  }
}
