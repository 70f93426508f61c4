import Foundation
import KometExports
import KometSandbox
import Spreadsheet
import Workspace

/// Runs the `komet-dwf` command line with `arguments` (without the program name), writing to
/// `streams`, and returns the exit status.
///
/// `environment` contains the `KOMET_*` variables that `komet check` reads. Tests pass their own.
/// `komet check` blocks the calling thread while its requests run on Swift's concurrency
/// pool, so an async caller runs this function on a thread outside that pool.
package func runCommandLine(
  _ arguments: [String], streams: OutputStreams = .standard(),
  environment: [String: String] = ProcessInfo.processInfo.environment
) -> Int32 {
  do {
    return try dispatch(arguments, streams: streams, environment: environment).rawValue
  } catch let error as UsageError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.usage.rawValue
  } catch let error as SpreadsheetError {
    streams.writeError("komet-dwf: \(error)\n")
    return exitCode(for: error).rawValue
  } catch let error as SandboxError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.failure.rawValue
  } catch let error as ExportError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.dataError.rawValue
  } catch let error as WorkspaceLockError {
    streams.writeError("komet-dwf: \(error)\n")
    return exitCode(for: error).rawValue
  } catch let error as WorkspaceError {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.cannotCreate.rawValue
  } catch {
    streams.writeError("komet-dwf: \(error)\n")
    return ExitCode.failure.rawValue
  }
}

private func dispatch(
  _ arguments: [String], streams: OutputStreams, environment: [String: String]
) throws -> ExitCode {
  guard let command = arguments.first else {
    streams.writeError(helpText())
    return .usage
  }
  let rest = Array(arguments.dropFirst())
  let options = rest.prefix { $0 != "--" }
  if options.contains("--help") || options.contains("-h") {
    guard commandNames.contains(command) else {
      throw UsageError.unknownCommand(command)
    }
    streams.write(helpText(for: command))
    return .success
  }

  switch command {
  case "init":
    return try InitCommand(arguments: rest).run(streams: streams)
  case "inspect":
    return try InspectCommand(arguments: rest).run(streams: streams)
  case "ids":
    return try IdsCommand(arguments: rest).run(streams: streams)
  case "demo":
    return try DemoCommand(arguments: rest).run(streams: streams, environment: environment)
  case "sandbox":
    return try SandboxCommand(arguments: rest).run(streams: streams)
  case "onboarding":
    return try OnboardingCommand(arguments: rest).run(streams: streams, environment: environment)
  case "run":
    return try RunCommand(arguments: rest).run(streams: streams, environment: environment)
  case "once":
    return try OnceCommand(arguments: rest).run(streams: streams, environment: environment)
  case "status":
    return try StatusCommand(arguments: rest).run(streams: streams, environment: environment)
  case "retry":
    return RetryCommand.run(arguments: rest, streams: streams)
  case "review":
    return ReviewCommand.run(arguments: rest, streams: streams)
  case "cancel":
    return CancelCommand.run(arguments: rest, streams: streams)
  case "komet":
    guard let subcommand = rest.first else {
      throw UsageError.missingArgument("komet subcommand (check)")
    }
    guard subcommand == "check" else { throw UsageError.unknownCommand("komet \(subcommand)") }
    return try KometCheckCommand(arguments: Array(rest.dropFirst()))
      .run(streams: streams, environment: environment)
  case "help", "--help", "-h":
    if let topic = rest.first, !commandNames.contains(topic) {
      throw UsageError.unknownCommand(topic)
    }
    streams.write(helpText(for: rest.first))
    return .success
  case "--version", "version":
    streams.write("komet-dwf \(version)\n")
    return .success
  default:
    throw UsageError.unknownCommand(command)
  }
}

/// Maps a reading error to an exit status: a missing or unreadable input is 66, a `--sheet` that
/// names no sheet is 64, and everything else about a file's content is 65.
func exitCode(for error: SpreadsheetError) -> ExitCode {
  switch error {
  case .fileNotFound, .readFailed, .notARegularFile: return .noInput
  case .sheetNotFound: return .usage
  default: return .dataError
  }
}

/// Maps a workspace lock error to an exit status: a lock that another process holds is 75, so
/// that cron or systemd may try again later, and a lock file that cannot be opened is 74.
func exitCode(for error: WorkspaceLockError) -> ExitCode {
  switch error {
  case .heldByAnotherHolder: return .temporaryFailure
  default: return .ioError
  }
}

/// The commands that `help` and `--help` know.
private let commandNames = [
  "init", "inspect", "ids", "demo", "sandbox", "komet", "onboarding", "run", "once", "status",
  "retry", "review", "cancel",
  "help",
]

/// The version that `komet-dwf --version` prints.
let version = "0.1.0"

/// Returns the help of `command`, or of every command when it is nil.
func helpText(for command: String? = nil) -> String {
  let commands: [(name: String, text: String)] = [
    (
      "init",
      """
      \(InitCommand.usage)
          Creates a workspace in DIR (the current folder by default; --workspace DIR works
          too): inbox/ for the grower's exports, inbox/dwf/ for DWF's order files, outbox/ for
          the grower, outbox/dwf/ for what DWF may read, all mode 0755, and state/ with mode
          0700, plus a README.txt in each drop folder and an example komet-dwf.json. It never
          overwrites a file and leaves the mode of an existing folder alone, so it is safe to
          run again; it prints what it created and what it kept. Exit status 73 when a folder
          or file cannot be created.
      """
    ),
    (
      "inspect",
      """
      \(InspectCommand.usage)
          Lists the sheets of an .xlsx, .csv or HTML-table file (the format is told from the
          content, not the name) and prints the rows of one: the first visible worksheet,
          unless --sheet gives a sheet name or a 1-based position. --format csv prints the
          canonical form (dates as YYYY-MM-DD, integral numbers as plain digits), json the
          sheet list and rows for scripts.
      """
    ),
    (
      "ids",
      """
      \(IdsCommand.usage)
          Reads a customers export and a locations export, in any order (each is told by its
          headers), finds the DWF customer by a whole-word match on name or code ("DWF"
          unless --customer names another, inactive customers only with --include-inactive)
          and lists every location. --json prints customers, dwfCustomer, dwfCandidates,
          locations and warnings.
      """
    ),
    (
      "demo",
      """
      \(DemoCommand.usage)
          Runs the exchange's main job once on the sample exports (Samples/ unless --samples
          names another folder): creates a workspace (a new temporary folder, or --workspace
          DIR if it is empty or missing), starts the Komet sandbox on a free loopback port and
          points the workspace's config at it, copies the exports into inbox/, runs one pass
          (IDs and inventory export taken, one inventory drop to outbox/dwf/inventory/), writes
          the onboarding files to outbox/dwf/onboarding/, then drops the sample order files
          of Samples/orders/ into inbox/dwf/ in two passes, shows each order's
          acknowledgement, the sandbox's web orders and the fee estimates, and lists every
          file written. KOMET_* variables are ignored, so it never reaches a real Komet
          account. Exit statuses: as for once; 1 an order ended other than its sample expects;
          66 a sample is missing; 73 the workspace folder is not empty.
      """
    ),
    (
      "sandbox",
      """
      \(SandboxCommand.usage)
          Serves a local stand-in for Komet's API on 127.0.0.1 (port 8787 unless --port gives
          another; 0 picks a free one) until Ctrl-C, from seeded data that matches Samples/, or
          from the state saved in --state FILE, where it saves its state again on exit. Its
          sandbox-only tokens go into one file each in --tokens DIR (state/sandbox by default).
      """
    ),
    (
      "komet",
      """
      \(KometCheckCommand.usage)
          Prints the komet settings with the source of each (tokens masked), then calls a
          cheap read method of each method in Komet's method table with each configured token
          that the method accepts, and reports each method as works, refused (with Komet's
          message and a guess at the cause) or untested. Writes and the User token are
          untested unless --write is given, which spends two requests: it creates an empty
          web order with web-order.create and deletes it with web-order.delete. --dry-run
          (or komet.dryRun) writes those two requests under outbox/komet/requests/ instead.
          The settings come from komet-dwf.json in --workspace DIR (the current folder by
          default) and the KOMET_* environment variables; see docs/configuration.md.
          Exit statuses: 0 every tested method works; 65 Komet refused a call or sent an
          answer that is not accepted; 69 Komet could not be reached; 75 the daily allowance
          is used up, so try again later; 78 the configuration is invalid or lacks the
          company ID or a token.
      """
    ),
    (
      "onboarding",
      """
      \(OnboardingCommand.usage)
          Prints a checklist of what the exchange needs (company ID, Company and Customer
          tokens, DWF customer ID, location IDs, default location), each done with its value
          and source (tokens masked) or missing with how to get it. With the Company token it
          cross-checks the IDs against customer.list and location.list and reports each
          mismatch as a warning. It writes ids.json, carriers.json, ship-tos.json and
          locations.json to outbox/dwf/onboarding/ for DWF, with no token in them; a list
          that cannot be read keeps its previous file. --include-tokens also writes the whole
          Customer and Company tokens and the IDs to outbox/onboarding/ (folder 0700, file
          0600) for Komet's native DWF connector: send that file by a safe channel and never
          put it where DWF's SFTP account can read. See docs/onboarding.md.
          Exit statuses: 0 complete; 65 Komet rejected a call; 66 the workspace is not a
          folder; 69 Komet could not be reached; 73 an output file cannot be written; 75 the
          daily allowance is used up; 78 a value is missing or the configuration is invalid.
      """
    ),
    (
      "run",
      """
      \(RunCommand.usage)
          Runs the pipeline until SIGINT or SIGTERM: watches inbox/ and inbox/dwf/ (inotify,
          or listings every 0.5 s with --poll or watch.mode "poll"), takes each file once it
          is complete, carries out queued change requests about every second, and writes an
          inventory drop every inventory.intervalMinutes. On a signal it finishes the step in
          progress, releases state/komet-dwf.lock and exits 0. Logs one line per event to
          standard error. Exit statuses: 66 the folder is not a workspace (run init first);
          75 another process holds the workspace lock; 78 the configuration is invalid or
          inbox/dwf/ is missing.
      """
    ),
    (
      "once",
      """
      \(OnceCommand.usage)
          Runs one pass, for cron and systemd timers: takes the files waiting in inbox/ and
          inbox/dwf/, carries out queued change requests, writes one inventory drop, and
          exits. Exit statuses: 0 all went well; 65 an input file or the inventory source
          failed; 75 Komet was unreachable, or another process holds the workspace lock; 78
          the configuration is unusable; 74 a database or file operation failed. With
          several problems, the status of the most serious one, in the order 74, 78, 75, 65.
      """
    ),
    (
      "status",
      """
      \(StatusCommand.usage)
          Prints the last inventory drop and its age (from outbox/dwf/inventory/latest.json),
          the files in inbox/failed/ with the problem each error file names, the files
          waiting in the inbox, Komet requests counted today per token role against their
          limits, the change requests that wait, the journaled orders by state (with the
          most recent order numbers of each) and the order lines awaiting review. It takes
          no lock, so it works while run is running. --json prints the same as one JSON
          object. Exit statuses: 0; with --check, 1 when the drop is missing or stale, a file
          failed, a change request waits or an order line awaits review, each listed on
          standard error; 78 the configuration is invalid; 74 the state database cannot be
          read.
      """
    ),
    (
      "retry",
      """
      \(RetryCommand.usage)
          Validates the order's rejected and waiting lines again, against the latest
          inventory snapshot and the current orders settings, and puts those that pass back
          to be sent; accepted and review lines are never sent again. The running pipeline
          carries the request out; the command waits for its outcome up to --wait seconds
          (10 by default, 0 to only queue it). Exit statuses: 0 lines go out again; 1 the
          order is unknown, has nothing to retry, or no line passes (the reasons are
          printed); 66 the folder is not a workspace; 74 the state database cannot be
          written; 75 queued for the next run or once, so do not send it again.
      """
    ),
    (
      "review",
      """
      \(ReviewCommand.usage)
          Settles a line in review after you checked the web order in Komet: --added
          accepts it, --not-added makes it rejected, to be sent again with retry. Waits and
          exits as retry does; 1 also when the line is not in review (its state is printed).
      """
    ),
    (
      "cancel",
      """
      \(CancelCommand.usage)
          Cancels the order: every line becomes cancelled, the pipeline deletes the order's
          web orders with web-order.delete and acknowledges it to DWF as cancelled.
          Cancelling a cancelled order changes nothing and says so. Waits and exits as
          retry does; 1 when the order is unknown.
      """
    ),
    (
      "help",
      """
      komet-dwf help [COMMAND]
          Prints this text, or the help of one command (also: komet-dwf COMMAND --help).
      """
    ),
  ]

  let exitStatuses = """
    Exit statuses: 0 success; 64 a wrong command line (unknown option, missing file argument,
    a --sheet that names no sheet); 65 a file that is readable but wrong or ambiguous (not a
    spreadsheet, damaged, not an export, no DWF customer or several); 66 a file that is missing
    or not a regular file.

    """
  if let command, let entry = commands.first(where: { $0.name == command }) {
    // The shared paragraph describes reading a spreadsheet; other commands list their own.
    let isReader = command == "inspect" || command == "ids"
    return entry.text + (isReader ? "\n\n" + exitStatuses : "\n")
  }
  return "komet-dwf \(version): the grower's side of the Komet Sales and DWF integration.\n\n"
    + "Commands:\n\n" + commands.map { $0.text }.joined(separator: "\n\n") + "\n\n" + exitStatuses
}
