import Foundation
import OrderCommands

/// A command that takes one order number and queues a change request of its kind for the
/// pipeline: `retry` and `cancel`.
struct OrderNumberCommand {
  /// The command's name on the command line, such as `retry`.
  let name: String
  /// The change request's kind, from `OrderChangeKind`.
  let kind: String
  let orderNumber: String
  let submission: OrderChangeSubmission

  init(name: String, kind: String, arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace", "wait"], switches: [])
    orderNumber = try OrderArgument.orderNumber(parsed.positional)
    if parsed.positional.count > 1 {
      throw UsageError.unexpectedArgument(
        parsed.positional[1], reason: "\(name) takes one order number")
    }
    self.name = name
    self.kind = kind
    submission = try OrderChangeSubmission(parsed)
  }

  /// Returns the usage line of the command `name`.
  static func usage(_ name: String) -> String {
    "komet-dwf \(name) ORDER [--workspace DIR] [--wait SECONDS]"
  }

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(name: String, kind: String, arguments: [String], streams: OutputStreams)
    -> ExitCode
  {
    guard
      let command = OrderChangeSubmission.parse(
        usage: usage(name), streams: streams,
        {
          try OrderNumberCommand(name: name, kind: kind, arguments: arguments)
        })
    else { return .usage }
    return command.submission.submit(
      kind: kind, command: name, orderNumber: command.orderNumber, streams: streams)
  }
}
