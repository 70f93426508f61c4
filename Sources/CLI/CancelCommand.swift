import OrderCommands

/// The `komet-dwf cancel ORDER` command: cancels the order, and the pipeline deletes its web
/// orders with `web-order.delete` and acknowledges it as `cancelled`.
struct CancelCommand {
  let orderNumber: String
  let submission: OrderChangeSubmission

  static let usage = "komet-dwf cancel ORDER [--workspace DIR] [--wait SECONDS]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace", "wait"], switches: [])
    orderNumber = try OrderArgument.orderNumber(parsed.positional)
    if parsed.positional.count > 1 {
      throw UsageError.unexpectedArgument(
        parsed.positional[1], reason: "cancel takes one order number")
    }
    submission = try OrderChangeSubmission(parsed)
  }

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(arguments: [String], streams: OutputStreams) -> ExitCode {
    guard
      let command = OrderChangeSubmission.parse(
        usage: usage, streams: streams,
        {
          try CancelCommand(arguments: arguments)
        })
    else { return .usage }
    return command.submission.submit(
      kind: OrderChangeKind.cancel, command: "cancel", orderNumber: command.orderNumber,
      streams: streams)
  }
}
