import Foundation
import OrderCommands

/// The `komet-dwf retry ORDER` command: validates the order's rejected and waiting lines
/// again, and the pipeline sends those that now pass.
struct RetryCommand {
  let orderNumber: String
  let submission: OrderChangeSubmission

  static let usage = "komet-dwf retry ORDER [--workspace DIR] [--wait SECONDS]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace", "wait"], switches: [])
    orderNumber = try OrderArgument.orderNumber(parsed.positional)
    if parsed.positional.count > 1 {
      throw UsageError.unexpectedArgument(
        parsed.positional[1], reason: "retry takes one order number")
    }
    submission = try OrderChangeSubmission(parsed)
  }

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(arguments: [String], streams: OutputStreams) -> ExitCode {
    guard
      let command = OrderChangeSubmission.parse(
        usage: usage, streams: streams,
        {
          try RetryCommand(arguments: arguments)
        })
    else { return .usage }
    return command.submission.submit(
      kind: OrderChangeKind.retry, command: "retry", orderNumber: command.orderNumber,
      streams: streams)
  }
}

/// The order number that `retry`, `review` and `cancel` take as their first argument.
enum OrderArgument {
  /// Returns the first positional argument, trimmed and in Unicode normalization form C, as
  /// the order files' numbers are, so a number typed with a combining accent finds its order.
  static func orderNumber(_ positional: [String]) throws -> String {
    let number = positional.first?.trimmingCharacters(in: .whitespaces) ?? ""
    guard !number.isEmpty else { throw UsageError.missingArgument("order number") }
    return number.precomposedStringWithCanonicalMapping
  }
}
