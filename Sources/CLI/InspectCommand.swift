import Spreadsheet

/// The `komet-dwf inspect` command, which lists the sheets of a file and prints the rows of one.
struct InspectCommand {
  enum Format: String {
    case table, csv, json
  }

  let path: String
  let sheetSelector: String?
  let format: Format

  static let usage = "komet-dwf inspect FILE [--sheet NAME|NUMBER] [--format table|csv|json]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["sheet", "format"], switches: [])
    guard let first = parsed.positional.first else {
      throw UsageError.missingArgument("FILE: usage is \(InspectCommand.usage)")
    }
    guard parsed.positional.count == 1 else {
      throw UsageError.unexpectedArgument(
        parsed.positional[1],
        reason: "inspect reads one file. Run inspect once for each file; usage is"
          + " \(InspectCommand.usage)")
    }
    path = first
    sheetSelector = parsed.options["sheet"]
    let formatName = parsed.options["format"] ?? "table"
    guard let format = Format(rawValue: formatName) else {
      throw UsageError.invalidValue(
        option: "format", value: formatName, expected: "table, csv or json")
    }
    self.format = format
  }

  func run(streams: OutputStreams) throws -> ExitCode {
    let document = try SpreadsheetDocument(path: path)
    let index = try document.sheetIndex(for: sheetSelector)
    let progress = ProgressLine(streams: streams)
    // Clearing the line on a failed read too keeps the error message from following it.
    defer { progress.finish() }

    for sheet in document.sheets {
      if let problem = sheet.problem {
        streams.writeError("warning: \(path): sheet \"\(sheet.name)\" prints no rows: \(problem)\n")
      }
    }

    switch format {
    case .csv:
      try writeCanonicalCSV(document, sheetAt: index, streams: streams, progress: progress)
    case .table:
      try writeTable(document, sheetAt: index, streams: streams, progress: progress)
    case .json:
      try writeJSON(document, sheetAt: index, streams: streams, progress: progress)
    }
    return .success
  }

  /// Writes the canonical CSV: rows 1 to the last row with a value, each ending at its own last
  /// non-empty cell.
  private func writeCanonicalCSV(
    _ document: SpreadsheetDocument, sheetAt index: Int, streams: OutputStreams,
    progress: ProgressLine
  ) throws {
    guard document.sheets[index].hasRows else { return }
    var writer = CSVRecordWriter()
    var nextRow = 1

    try document.readRows(sheetAt: index) { row in
      let fields = try canonicalFields(row)
      guard !fields.isEmpty else { return }
      while nextRow < row.number {
        writer.append([""])
        nextRow += 1
      }
      writer.append(fields)
      nextRow = row.number + 1
      progress.update(row: row.number)
      if writer.output.count > 1 << 16 { streams.write(writer.take()) }
    }
    streams.write(writer.take())
  }

  private func writeTable(
    _ document: SpreadsheetDocument, sheetAt index: Int, streams: OutputStreams,
    progress: ProgressLine
  ) throws {
    streams.write("\(path): \(describe(document.format))\n")
    for (position, sheet) in document.sheets.enumerated() {
      let range = try usedRange(of: document, sheetAt: position)
      let marker = position == index ? "*" : " "
      streams.write(
        "\(marker) \(position + 1). \(sheet.name)  [\(sheet.kind.rawValue), \(sheet.state.rawValue)"
          + ", \(range.map { "\($0)" } ?? "empty")]\n")
    }
    guard document.sheets[index].hasRows else {
      streams.write("\nSheet \"\(document.sheets[index].name)\" has no rows to print.\n")
      return
    }

    streams.write("\nRows of \"\(document.sheets[index].name)\":\n")
    var buffer = ""
    var hasRows = false
    try document.readRows(sheetAt: index) { row in
      let fields = try canonicalFields(row)
      guard !fields.isEmpty else { return }
      hasRows = true
      // A line break inside a cell is shown as \n, so each row stays on one line.
      let cells = fields.map { $0.replacingLineBreaks() }
      buffer +=
        String(row.number).leftPadded(to: 7) + " | " + cells.joined(separator: " | ") + "\n"
      progress.update(row: row.number)
      if buffer.utf8.count > 1 << 16 {
        streams.write(buffer)
        buffer = ""
      }
    }
    if !hasRows {
      buffer += "  (none: every cell of the sheet is empty)\n"
    }
    streams.write(buffer)
  }

  private func writeJSON(
    _ document: SpreadsheetDocument, sheetAt index: Int, streams: OutputStreams,
    progress: ProgressLine
  ) throws {
    var sheetObjects: [String] = []
    for (position, sheet) in document.sheets.enumerated() {
      let range = try usedRange(of: document, sheetAt: position)
      var members = [
        "\"index\":\(position + 1)", "\"name\":\(jsonString(sheet.name))",
        "\"state\":\(jsonString(sheet.state.rawValue))",
        "\"type\":\(jsonString(sheet.kind.rawValue))",
        "\"usedRange\":\(range.map { jsonString("\($0)") } ?? "null")",
      ]
      if let problem = sheet.problem { members.append("\"problem\":\(jsonString(problem))") }
      sheetObjects.append("{" + members.joined(separator: ",") + "}")
    }

    var header = "{\"file\":\(jsonString(path)),\"format\":\(jsonString(describe(document.format)))"
    if case .delimitedText(let encoding, let delimiter) = document.format {
      header += ",\"encoding\":\(jsonString(encoding.rawValue))"
      header += ",\"delimiter\":\(jsonString(String(UnicodeScalar(delimiter))))"
    }
    header += ",\"sheets\":[" + sheetObjects.joined(separator: ",") + "]"
    header += ",\"sheet\":\(jsonString(document.sheets[index].name)),\"rows\":["
    streams.write(header)

    var isFirst = true
    var buffer = ""
    if document.sheets[index].hasRows {
      try document.readRows(sheetAt: index) { row in
        let fields = try canonicalFields(row)
        guard !fields.isEmpty else { return }
        buffer +=
          (isFirst ? "" : ",") + "{\"row\":\(row.number),\"cells\":["
          + fields.map(jsonString).joined(separator: ",") + "]}"
        isFirst = false
        progress.update(row: row.number)
        if buffer.utf8.count > 1 << 16 {
          streams.write(buffer)
          buffer = ""
        }
      }
    }
    streams.write(buffer + "]}\n")
  }

  private func describe(_ format: DocumentFormat) -> String {
    switch format {
    case .workbook(let isStrict):
      return isStrict ? "Excel workbook (Strict Open XML)" : "Excel workbook (Office Open XML)"
    case .delimitedText(let encoding, let delimiter):
      let name = delimiter == 9 ? "tab" : "'\(String(UnicodeScalar(delimiter)))'"
      return "CSV, \(encoding.rawValue), delimiter \(name)"
    case .htmlTable:
      return "HTML table"
    }
  }
}

/// Returns the canonical text of each cell from column 1 to the row's last non-empty cell.
func canonicalFields(_ row: RowView) throws -> [String] {
  let values = try row.denseValues()
  guard let last = values.lastIndex(where: { !$0.canonicalText.isEmpty }) else { return [] }
  return values[...last].map(\.canonicalText)
}

/// Returns the smallest range that holds every non-empty cell of a sheet, or nil when none.
func usedRange(of document: SpreadsheetDocument, sheetAt index: Int) throws -> CellRange? {
  guard document.sheets[index].hasRows else { return nil }
  var top = Int.max
  var bottom = 0
  var left = Int.max
  var right = 0

  try document.readRows(sheetAt: index) { row in
    for cell in 0..<row.count where !(try row.value(at: cell).canonicalText.isEmpty) {
      top = min(top, row.number)
      bottom = max(bottom, row.number)
      left = min(left, row.column(at: cell))
      right = max(right, row.column(at: cell))
    }
  }
  guard bottom > 0 else { return nil }
  return CellRange(
    start: CellReference(column: left, row: top), end: CellReference(column: right, row: bottom))
}

extension String {
  func replacingLineBreaks() -> String {
    guard contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return self }
    var result = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
