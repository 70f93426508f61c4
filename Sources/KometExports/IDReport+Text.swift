extension IDReport {
  /// Renders the report as plain text for a terminal, ending in a newline.
  ///
  /// Customers are counted, not listed, because the JSON lists them. The DWF customer, the
  /// candidates to choose from, every location and every warning are listed.
  package var text: String {
    var sections: [String] = []
    sections.append(customersSection())
    if let dwf {
      sections.append(dwfSection(dwf))
    }
    sections.append(locationsSection())
    if !warnings.isEmpty {
      let lines = warnings.map { "  " + $0.description }
      sections.append((["Warnings:"] + lines).joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  private func customersSection() -> String {
    guard let customers else {
      return "Customers: no customers export given, so no DWF customer was looked for."
    }
    return "Customers: \(Self.source(of: customers)), header row \(customers.headerRow),"
      + " \(count(customers.records.count, "customer"))."
  }

  private func dwfSection(_ dwf: CustomerMatcher.Result) -> String {
    let query = "\"\(matcher.query)\""
    var lines: [String] = []
    switch dwf.outcome {
    case .one(let chosen):
      let how = chosen.match == .exact ? "exact match" : "whole-word match"
      lines.append("DWF customer (\(how) on \(query)):")
      lines += Self.table(customerRows([chosen]))
      let others = dwf.candidates.filter { $0 != chosen }
      if !others.isEmpty {
        lines.append(
          "Also matching \(query) as a word, not chosen because the match above is exact:")
        lines += Self.table(customerRows(others))
      }
    case .several(let candidates):
      lines.append("Several customers match \(query), so none was chosen:")
      lines += Self.table(customerRows(candidates))
      let example = candidates[0].record
      let byName = example.name.map { "--customer \(Self.shellQuoted(Self.oneLine($0))) or " } ?? ""
      lines.append(
        "Choose one: pass --customer with its exact name or its ID, for example"
          + " \(byName)--customer \(example.id).")
    case .none:
      let scope = matcher.includesInactive ? "customer" : "active customer"
      lines.append(
        "DWF customer: no \(scope) has \(query) as a whole word of its name or code."
          + " Pass --customer with the DWF customer's name, code or ID.")
    }

    if !dwf.skippedInactive.isEmpty {
      lines.append(
        "Skipped as inactive (pass --include-inactive to consider"
          + " \(dwf.skippedInactive.count == 1 ? "it" : "them")):")
      lines += Self.table(customerRows(dwf.skippedInactive))
    }
    return lines.joined(separator: "\n")
  }

  private func locationsSection() -> String {
    guard let locations else {
      return "Locations: no locations export given."
    }
    var lines = [
      "Locations: \(Self.source(of: locations)), header row \(locations.headerRow),"
        + " \(count(locations.records.count, "location"))."
    ]
    if !locations.records.isEmpty {
      let rows = locations.records.map {
        [$0.id, Self.oneLine($0.name ?? ""), Self.oneLine($0.code ?? ""), "\($0.row)"]
      }
      lines += Self.table([["ID", "Name", "Code", "Row"]] + rows)
    }
    return lines.joined(separator: "\n")
  }

  private func customerRows(_ candidates: [CustomerCandidate]) -> [[String]] {
    let rows = candidates.map { candidate -> [String] in
      let record = candidate.record
      let activity = record.isActive.map { $0 ? "active" : "inactive" } ?? ""
      return [
        record.id, Self.oneLine(record.name ?? ""), Self.oneLine(record.code ?? ""),
        "\(record.row)", activity,
      ]
    }
    return [["ID", "Name", "Code", "Row", "Status"]] + rows
  }

  private func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  /// Lays out rows in columns two spaces apart, indented by two, without trailing spaces.
  static func table(_ rows: [[String]]) -> [String] {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for row in rows {
      for (index, cell) in row.enumerated() {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return rows.map { row in
      let padded = row.enumerated().map { index, cell in
        cell + String(repeating: " ", count: widths[index] - cell.count)
      }
      let line = "  " + padded.joined(separator: "  ")
      return String(line.reversed().drop { $0 == " " }.reversed())
    }
  }

  /// Returns `text` with each run of white space, line breaks included, as one space, so a
  /// name stored with a line break keeps its table row on one line.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Quotes text for a POSIX shell: double quotes, with `"`, `\`, `$` and backquote escaped.
  static func shellQuoted(_ text: String) -> String {
    var quoted = "\""
    for character in text {
      if "\"\\$`".contains(character) {
        quoted.append("\\")
      }
      quoted.append(character)
    }
    return quoted + "\""
  }
}
