import KometExports
import Spreadsheet

/// The `komet-dwf ids` command, which finds the DWF customer ID and every location ID in Komet's
/// customers and locations exports.
struct IdsCommand {
  let paths: [String]
  let matcher: CustomerMatcher
  let isJSON: Bool

  static let usage = "komet-dwf ids FILE... [--customer NAME] [--include-inactive] [--json]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["customer"], switches: ["include-inactive", "json"])
    guard !parsed.positional.isEmpty else {
      throw UsageError.missingArgument("FILE: usage is \(IdsCommand.usage)")
    }
    paths = parsed.positional
    matcher = CustomerMatcher(
      query: parsed.options["customer"] ?? "DWF",
      includesInactive: parsed.flags.contains("include-inactive"))
    isJSON = parsed.flags.contains("json")
  }

  func run(streams: OutputStreams) throws -> ExitCode {
    let progress = ProgressLine(streams: streams, isOutputAfterRead: true)
    defer { progress.finish() }
    let tables = try paths.map { try readExport($0, progress: progress) }
    // The line is cleared before the report, which goes to the same terminal.
    progress.finish()
    let report = try IDReport(tables: tables, matcher: matcher)

    if isJSON {
      streams.write(Array(try report.jsonData()))
    } else {
      streams.write(report.text)
    }

    guard let dwf = report.dwf else { return .success }
    switch dwf.outcome {
    case .one:
      return .success
    case .several(let candidates):
      if isJSON {
        streams.writeError(
          "komet-dwf: \(candidates.count) customers match \"\(matcher.query)\", so none was"
            + " chosen (see dwfCandidates). Pass --customer with the exact name or the ID.\n")
      }
      return .dataError
    case .none:
      if isJSON {
        streams.writeError(
          "komet-dwf: no active customer matches \"\(matcher.query)\" as a whole word of its name"
            + " or code. Pass --customer with the name, code or ID of the DWF customer record.\n")
      }
      return .dataError
    }
  }

  /// Reads the export in `path` from the first worksheet whose rows contain a customers or
  /// locations table, trying visible sheets first and each group in workbook order.
  private func readExport(_ path: String, progress: ProgressLine) throws -> ExportTable {
    let document = try SpreadsheetDocument(path: path)
    let readable = document.sheets.indices.filter { document.sheets[$0].hasRows }
    let ordered =
      readable.filter { document.sheets[$0].state == .visible }
      + readable.filter { document.sheets[$0].state != .visible }
    guard !ordered.isEmpty else {
      // No sheet has rows, so this throws the error that explains why.
      _ = try document.sheetIndex(for: nil)
      throw SpreadsheetError.noWorksheet(path: path, available: document.sheets.map(\.name))
    }

    var firstError: ExportError?
    for index in ordered {
      do {
        return try readTable(document, sheetAt: index, progress: progress)
      } catch let error as ExportError {
        firstError = firstError ?? error
      }
    }
    throw firstError!
  }

  private func readTable(
    _ document: SpreadsheetDocument, sheetAt index: Int, progress: ProgressLine
  ) throws -> ExportTable {
    var reader = ExportTableReader(file: document.path, sheet: document.sheets[index].name)
    try document.readRows(sheetAt: index) { row in
      try reader.add(rowNumber: row.number, values: try row.denseValues())
      progress.update(row: row.number)
    }
    return try reader.finish()
  }
}
