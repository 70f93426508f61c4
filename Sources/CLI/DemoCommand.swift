import Foundation

/// The `komet-dwf demo [--samples DIR]` command, which runs `ids` and `inspect` on the sample
/// exports and lists the parts of the exchange that do not exist yet.
struct DemoCommand {
  let samplesFolder: String

  static let usage = "komet-dwf demo [--samples DIR]"
  static let customersSample = "komet-customers.xlsx"
  static let locationsSample = "komet-locations.xlsx"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["samples"], switches: [])
    guard parsed.positional.isEmpty else {
      throw UsageError.unknownOption(parsed.positional[0])
    }
    samplesFolder = parsed.options["samples"] ?? "Samples"
  }

  func run(streams: OutputStreams) throws -> ExitCode {
    let customers = "\(samplesFolder)/\(DemoCommand.customersSample)"
    let locations = "\(samplesFolder)/\(DemoCommand.locationsSample)"
    for path in [customers, locations] where !FileManager.default.fileExists(atPath: path) {
      streams.writeError(
        "komet-dwf: \(path) not found. Run the demo from the repository's top folder,"
          + " or pass --samples with the folder that holds \(DemoCommand.customersSample)"
          + " and \(DemoCommand.locationsSample).\n")
      return .noInput
    }

    streams.write("komet-dwf demo: the sample Komet exports in \(samplesFolder)/\n\n")
    var worst = ExitCode.success
    let steps = [
      ["ids", customers, locations],
      ["inspect", customers],
      ["inspect", locations, "--format", "csv"],
    ]
    for arguments in steps {
      streams.write("$ komet-dwf \(arguments.joined(separator: " "))\n")
      let status = runCommandLine(arguments, streams: streams)
      if status != 0 { worst = ExitCode(rawValue: status) ?? .failure }
      streams.write("\n")
    }

    streams.write(notBuiltYet)
    return worst
  }

  private var notBuiltYet: String {
    """
    The Komet API side runs on its own: komet-dwf sandbox serves a local Komet API, and
    komet-dwf komet check tries the configured tokens against it (see the README).

    Not built yet, so the demo stops here:
      - the inbox watcher that takes exports dropped into inbox/;
      - inventory drops for DWF in outbox/dwf/, and DWF order files in inbox/dwf/ becoming
        web orders with an acknowledgement for each.

    """
  }
}
