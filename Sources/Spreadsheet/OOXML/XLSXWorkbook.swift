/// An OOXML workbook package: its sheets, shared strings and styles, with rows streamed on demand.
///
/// The workbook part is found through the package relationships (`_rels/.rels`) and
/// `[Content_Types].xml`, never by assuming `xl/workbook.xml`.
final class XLSXWorkbook {
  let path: String
  let isStrict: Bool
  let sheets: [SheetInfo]

  private let archive: ZipArchive
  private let workbookPart: String
  private let relationships: Relationships
  private let sheetParts: [String?]
  private let dateSystem: DateSystem
  private var loadedParts: (SharedStrings, Styles)?

  /// Opens the package at `path` and reads its workbook part and relationships.
  ///
  /// - Throws: `SpreadsheetError` for ZIP damage, for packages that are .xlsb, .ods or no
  ///   spreadsheet, and for a workbook that cannot be found.
  init(path: String, limits: ReadLimits) throws {
    self.path = path
    archive = try ZipArchive(path: path, limits: limits)
    try XLSXWorkbook.rejectOtherPackages(archive)

    let contentTypes = try ContentTypes.read(from: archive)
    let packageRelationships = try Relationships.read(forSource: "", in: archive)
    let (part, isStrict) = try XLSXWorkbook.locateWorkbook(
      archive: archive, contentTypes: contentTypes, relationships: packageRelationships)
    workbookPart = part
    self.isStrict = isStrict

    let workbook = try WorkbookPart.read(part: part, in: archive)
    relationships = try Relationships.read(forSource: part, in: archive)
    dateSystem = workbook.dateSystem

    var sheets: [SheetInfo] = []
    var parts: [String?] = []
    for entry in workbook.sheets {
      let (info, sheetPart) = XLSXWorkbook.resolve(
        entry, relationships: relationships, archive: archive, workbookPart: part)
      sheets.append(info)
      parts.append(sheetPart)
    }
    self.sheets = sheets
    sheetParts = parts
  }

  /// Streams the rows of the sheet at `index` to `body`.
  func readRows(sheetAt index: Int, _ body: (RowView) throws -> Void) throws {
    guard let part = sheetParts[index], let entry = archive.entry(named: part) else {
      throw SpreadsheetError.sheetHasNoRows(
        path: path, sheet: sheets[index].name, reason: sheets[index].problem ?? "no part")
    }
    let (sharedStrings, styles) = try loadSharedParts()
    let resolver = SheetValueResolver(
      path: path, sheetName: sheets[index].name, sharedStrings: sharedStrings, styles: styles,
      dateSystem: dateSystem)

    try WorksheetParser.parse(part: entry, in: archive, sheetName: sheets[index].name) {
      number, buffer in
      try body(RowView(number: number, storage: .worksheet(buffer, resolver)))
    }
  }

  /// Reads the shared strings and styles on first use, so listing sheets stays cheap.
  private func loadSharedParts() throws -> (SharedStrings, Styles) {
    if let loadedParts { return loadedParts }
    let sharedStrings =
      try relationships.first(ofType: "sharedStrings").map {
        try SharedStrings.read(part: $0.target, in: archive)
      } ?? SharedStrings()
    let styles =
      try relationships.first(ofType: "styles").map {
        try Styles.read(part: $0.target, in: archive)
      } ?? Styles()
    loadedParts = (sharedStrings, styles)
    return (sharedStrings, styles)
  }

  // MARK: Locating parts

  private static func rejectOtherPackages(_ archive: ZipArchive) throws {
    if let mimetype = archive.entry(named: "mimetype") {
      let type = String(decoding: try archive.contents(of: mimetype).prefix(200), as: UTF8.self)
      if type.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
        throw SpreadsheetError.openDocumentSpreadsheet(path: archive.path)
      }
      if type.hasPrefix("application/vnd.oasis.opendocument") {
        throw SpreadsheetError.notASpreadsheetPackage(
          path: archive.path, detail: "an OpenDocument file of type \(type)")
      }
    }
  }

  private static func locateWorkbook(
    archive: ZipArchive, contentTypes: ContentTypes, relationships: Relationships
  ) throws -> (part: String, isStrict: Bool) {
    if let document = relationships.first(ofType: "officeDocument") {
      let type = contentTypes.type(ofPart: document.target)
      try checkDocumentType(type, part: document.target, archive: archive)
      return (document.target, document.type.contains("purl.oclc.org"))
    }

    if contentTypes.contains(type: ContentTypes.binaryWorkbookType) {
      throw SpreadsheetError.binaryWorkbook(path: archive.path)
    }
    if let part = contentTypes.parts(withTypeIn: ContentTypes.workbookTypes).first {
      return (part, false)
    }
    throw SpreadsheetError.workbookNotFound(
      path: archive.path,
      detail: "neither _rels/.rels nor [Content_Types].xml names a workbook part")
  }

  private static func checkDocumentType(_ type: String?, part: String, archive: ZipArchive) throws {
    guard let type else { return }
    if type == ContentTypes.binaryWorkbookType || part.lowercased().hasSuffix(".bin") {
      throw SpreadsheetError.binaryWorkbook(path: archive.path)
    }
    if type.contains("wordprocessingml") {
      throw SpreadsheetError.notASpreadsheetPackage(path: archive.path, detail: "a Word document")
    }
    if type.contains("presentationml") {
      throw SpreadsheetError.notASpreadsheetPackage(
        path: archive.path, detail: "a PowerPoint presentation")
    }
  }

  private static func resolve(
    _ entry: SheetEntry, relationships: Relationships, archive: ZipArchive, workbookPart: String
  ) -> (SheetInfo, String?) {
    let relsPart = Relationships.partName(forSource: workbookPart)
    // An empty r:id names no relationship, so it counts as none.
    let id = entry.relationshipID.flatMap { $0.isEmpty ? nil : $0 }
    guard let id, let relationship = relationships[id: id] else {
      let problem =
        id.map { "its relationship \($0) is missing from \(relsPart)" }
        ?? "it has no relationship id (r:id)"
      return (
        SheetInfo(name: entry.name, state: entry.state, kind: .worksheet, problem: problem), nil
      )
    }

    let kind: SheetKind
    if relationship.hasType("chartsheet") {
      kind = .chartsheet
    } else if relationship.hasType("dialogsheet") {
      kind = .dialogsheet
    } else if relationship.hasType("xlMacrosheet") || relationship.hasType("xlIntlMacrosheet") {
      kind = .macrosheet
    } else {
      kind = .worksheet
    }

    var problem: String?
    if archive.entry(named: relationship.target) == nil {
      problem = "its part \(relationship.target) is missing from the package"
    }
    let info = SheetInfo(name: entry.name, state: entry.state, kind: kind, problem: problem)
    return (info, problem == nil ? relationship.target : nil)
  }
}
