import Foundation
import OrderCommands

/// The `komet-dwf retry ORDER` command: validates the order's rejected and waiting lines
/// again, and the pipeline sends those that now pass.
enum RetryCommand {
  static let usage = OrderNumberCommand.usage("retry")

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(arguments: [String], streams: OutputStreams) -> ExitCode {
    OrderNumberCommand.run(
      name: "retry", kind: OrderChangeKind.retry, arguments: arguments, streams: streams)
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
