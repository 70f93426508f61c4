/// The header row of an export: its kind and the column of each field.
struct ExportLayout: Equatable {
  var kind: ExportKind
  var row: Int
  var headers: [HeaderCell]
  var columns: [ExportField: HeaderCell]

  /// The strength of a row's match to one kind: headers naming the kind count first.
  private struct Score: Comparable {
    var typedCount: Int
    var count: Int

    static func < (lhs: Score, rhs: Score) -> Bool {
      (lhs.typedCount, lhs.count) < (rhs.typedCount, rhs.count)
    }
  }

  /// Returns the kind that the sheet name, else the file name, names alone, if one does.
  private static func kindNamed(bySheet sheet: String, file: String) -> ExportKind? {
    let fileName = String(file.split(separator: "/").last ?? Substring(file))
    for name in [sheet, fileName] {
      let lowered = name.lowercased()
      let namesCustomers = lowered.contains("customer")
      let namesLocations = lowered.contains("location")
      if namesCustomers != namesLocations {
        return namesCustomers ? .customers : .locations
      }
    }
    return nil
  }

  /// Detects whether a row is the header row of a customers or locations export.
  ///
  /// A row is a header row when it has at least two known headers of one kind. The kind whose
  /// headers name it (such as `Customer ID`) more often wins, then the kind with more known
  /// headers, then the kind that the sheet or file name names. A tie that no name settles is
  /// an error. Returns nil for a row that is no header row.
  static func detect(
    file: String, sheet: String, row: Int, headers: [HeaderCell]
  ) throws(ExportError) -> ExportLayout? {
    let customers = matches(headers, kind: .customers)
    let locations = matches(headers, kind: .locations)
    guard max(customers.count, locations.count) >= 2 else { return nil }

    let customerScore = score(customers, kind: .customers)
    let locationScore = score(locations, kind: .locations)
    let kind: ExportKind
    if customerScore != locationScore {
      kind = customerScore > locationScore ? .customers : .locations
    } else if let named = kindNamed(bySheet: sheet, file: file) {
      // Generic headers such as Id, Name and Code fit both exports; the sheet or file name
      // ("Customers", "locations.xlsx") settles it.
      kind = named
    } else {
      throw .ambiguousExportKind(
        file: file, sheet: sheet, row: row, customerHeaders: customers.map(\.cell),
        locationHeaders: locations.map(\.cell))
    }
    let matched = kind == .customers ? customers : locations
    let id = try chooseIDColumn(
      matched, kind: kind, headers: headers, file: file, sheet: sheet, row: row)

    var columns: [ExportField: HeaderCell] = [.id: id]
    for field in [ExportField.name, .code, .active, .inactive, .status] {
      let candidates = matched.filter { $0.field == field }.map(\.cell)
      columns[field] = candidates.min { lhs, rhs in
        let left = HeaderSynonyms.priority(ofHeader: lhs.text, in: kind)
        let right = HeaderSynonyms.priority(ofHeader: rhs.text, in: kind)
        return (left, lhs.column) < (right, rhs.column)
      }
    }
    return ExportLayout(kind: kind, row: row, headers: headers, columns: columns)
  }

  private static func matches(
    _ headers: [HeaderCell], kind: ExportKind
  ) -> [(cell: HeaderCell, field: ExportField)] {
    headers.compactMap { cell in
      HeaderSynonyms.field(forHeader: cell.text, in: kind).map { (cell, $0) }
    }
  }

  private static func score(
    _ matched: [(cell: HeaderCell, field: ExportField)], kind: ExportKind
  ) -> Score {
    let typed = matched.filter { HeaderSynonyms.isTyped($0.cell.text, for: kind) }
    return Score(typedCount: typed.count, count: matched.count)
  }

  /// Picks the single ID column of the header row.
  ///
  /// The integration guide puts the location ID in the last column of the locations export, so
  /// among several location ID candidates the one in the last header column wins.
  private static func chooseIDColumn(
    _ matched: [(cell: HeaderCell, field: ExportField)], kind: ExportKind,
    headers: [HeaderCell], file: String, sheet: String, row: Int
  ) throws(ExportError) -> HeaderCell {
    let candidates = matched.filter { $0.field == .id }.map(\.cell)
    if candidates.count == 1 {
      return candidates[0]
    }
    if candidates.isEmpty {
      throw .missingIDColumn(file: file, sheet: sheet, row: row, kind: kind, headers: headers)
    }
    if kind == .locations, let last = headers.last, candidates.contains(last) {
      return last
    }
    throw .ambiguousIDColumns(
      file: file, sheet: sheet, row: row, kind: kind, candidates: candidates)
  }
}
