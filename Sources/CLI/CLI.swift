import KometExports
import Spreadsheet

/// Runs the `komet-dwf` command line with `arguments` (without the program name), writing to
/// `streams`, and returns the exit status.
package func runCommandLine(_ arguments: [String], streams: OutputStreams = .standard()) -> Int32 {
  do {
    return try dispatch(arguments, streams: streams).rawValue
  } catch let error as UsageError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.usage.rawValue
  } catch let error as SpreadsheetError {
    streams.writeError("komet-dwf: \(error)\n")
    return exitCode(for: error).rawValue
  } catch let error as ExportError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.dataError.rawValue
  } catch {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.failure.rawValue
  }
}

private func dispatch(_ arguments: [String], streams: OutputStreams) throws -> ExitCode {
  guard let command = arguments.first else {
    streams.writeError(helpText)
    return .usage
  }
  let rest = Array(arguments.dropFirst())

  switch command {
  case "inspect":
    return try InspectCommand(arguments: rest).run(streams: streams)
  case "ids":
    return try IdsCommand(arguments: rest).run(streams: streams)
  case "demo":
    return try DemoCommand(arguments: rest).run(streams: streams)
  case "help", "--help", "-h":
    streams.write(helpText)
    return .success
  default:
    throw UsageError.unknownCommand(command)
  }
}

/// Maps a reading error to an exit status: missing or unreadable input is 66, everything else
/// about a file's content is 65.
func exitCode(for error: SpreadsheetError) -> ExitCode {
  switch error {
  case .fileNotFound, .readFailed: return .noInput
  default: return .dataError
  }
}

let helpText = """
  komet-dwf: the grower's side of the Komet Sales and DWF integration.

  Commands:
    \(InspectCommand.usage)
        Lists the sheets of an .xlsx, .csv or HTML-table file and prints the rows of one
        (the first visible worksheet unless --sheet names another).
    \(IdsCommand.usage)
        Finds the DWF customer in a customers export (a whole-word match on name or code,
        "DWF" unless --customer names another; inactive customers only with
        --include-inactive) and lists every location of a locations export. Exits 65 when
        several customers match or none does.
    \(DemoCommand.usage)
        Runs ids and inspect on the sample exports (Samples/ unless --samples names
        another folder).
    help
        Prints this text.

  """
