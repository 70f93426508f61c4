import OrderCommands

/// The `komet-dwf cancel ORDER` command: cancels the order, and the pipeline deletes its web
/// orders with `web-order.delete` and acknowledges it as `cancelled`.
enum CancelCommand {
  static let usage = OrderNumberCommand.usage("cancel")

  /// Parses `arguments` and runs the command, printing the usage line on a usage error.
  static func run(arguments: [String], streams: OutputStreams) -> ExitCode {
    OrderNumberCommand.run(
      name: "cancel", kind: OrderChangeKind.cancel, arguments: arguments, streams: streams)
  }
}
