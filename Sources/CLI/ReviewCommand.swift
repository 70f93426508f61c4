import OrderCommands

/// The `komet-dwf review ORDER LINE --added | --not-added` command: settles a line in review.
struct ReviewCommand {
  let orderNumber: String
  let line: Int
  let decision: ReviewDecision
  let submission: OrderChangeSubmission

  static let usage =
    "komet-dwf review ORDER LINE --added | --not-added [--workspace DIR] [--wait SECONDS]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["workspace", "wait"], switches: ["added", "not-added"])
    orderNumber = try OrderArgument.orderNumber(parsed.positional)
    guard parsed.positional.count >= 2 else { throw UsageError.missingArgument("line number") }
    let text = parsed.positional[1]
    guard let line = Int(text), line >= 1, !text.hasPrefix("+") else {
      throw UsageError.unexpectedArgument(text, reason: "LINE is a line number of 1 or more")
    }
    self.line = line
    if parsed.positional.count > 2 {
      throw UsageError.unexpectedArgument(
        parsed.positional[2], reason: "review takes one order number and one line number")
    }

    switch (parsed.flags.contains("added"), parsed.flags.contains("not-added")) {
    case (true, false): decision = ReviewDecision(isAdded: true)
    case (false, true): decision = ReviewDecision(isAdded: false)
    case (true, true):
      throw UsageError.unexpectedArgument(
        "--not-added", reason: "give --added or --not-added, not both")
    case (false, false):
      throw UsageError.missingArgument("--added or --not-added")
    }
    submission = try OrderChangeSubmission(parsed)
  }

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(arguments: [String], streams: OutputStreams) -> ExitCode {
    guard
      let command = OrderChangeSubmission.parse(
        usage: usage, streams: streams,
        {
          try ReviewCommand(arguments: arguments)
        })
    else { return .usage }
    return command.submission.submit(
      kind: OrderChangeKind.review, command: "review", orderNumber: command.orderNumber,
      line: command.line, arguments: command.decision.arguments, streams: streams)
  }
}
