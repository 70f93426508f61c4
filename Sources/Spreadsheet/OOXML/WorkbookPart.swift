/// One `<sheet>` of the workbook part, before its relationship is resolved.
struct SheetEntry: Sendable {
  var name: String
  var state: SheetState
  var relationshipID: String?
}

/// What the reader takes from the workbook part: the sheets in order and the date system.
struct WorkbookPart: Sendable {
  var sheets: [SheetEntry] = []
  var dateSystem: DateSystem = .date1900

  static func read(part: String, in archive: ZipArchive) throws -> WorkbookPart {
    guard let entry = archive.entry(named: part) else {
      throw SpreadsheetError.partMissing(
        path: archive.path, part: part, referencedBy: "the package relationships")
    }
    let elements = try XMLElementList.parse(
      try archive.contents(of: entry), path: archive.path, part: entry.name)

    var workbook = WorkbookPart()
    var sheetsDepth: Int?
    for element in elements {
      if let depth = sheetsDepth, element.depth <= depth {
        sheetsDepth = nil
      }
      switch element.localName {
      case "workbookPr":
        let value = element.attribute("date1904")?.lowercased()
        if value == "1" || value == "true" { workbook.dateSystem = .date1904 }
      case "sheets":
        sheetsDepth = element.depth
      case "sheet" where sheetsDepth.map({ element.depth == $0 + 1 }) == true:
        let state: SheetState
        switch element.attribute("state") {
        case "hidden": state = .hidden
        case "veryHidden": state = .veryHidden
        default: state = .visible
        }
        workbook.sheets.append(
          SheetEntry(
            name: element.attribute("name") ?? "Sheet\(workbook.sheets.count + 1)", state: state,
            relationshipID: element.attribute("id") { $0.hasSuffix("relationships") }))
      default:
        break
      }
    }
    return workbook
  }
}
