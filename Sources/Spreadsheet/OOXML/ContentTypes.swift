/// The `[Content_Types].xml` part: content types by part name and by extension.
struct ContentTypes: Sendable {
  private var overrides: [String: String] = [:]
  private var defaults: [String: String] = [:]

  /// SpreadsheetML workbook content types: workbook, macro-enabled, template and add-in.
  static let workbookTypes: Set<String> = [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml",
  ]
  static let binaryWorkbookType = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"

  /// Reads the part; a package without one gives no content types.
  static func read(from archive: ZipArchive) throws -> ContentTypes {
    var types = ContentTypes()
    guard let entry = archive.entry(named: "[Content_Types].xml") else { return types }

    let elements = try XMLElementList.parse(
      try archive.contents(of: entry), path: archive.path, part: entry.name)
    for element in elements {
      guard let type = element.attribute("ContentType") else { continue }
      if element.localName == "Override", let name = element.attribute("PartName") {
        types.overrides[partNameKey(name)] = type
      } else if element.localName == "Default", let ext = element.attribute("Extension") {
        types.defaults[ext.lowercased()] = type
      }
    }
    return types
  }

  /// Returns the content type of `part`: its override, else the default for its extension.
  func type(ofPart part: String) -> String? {
    if let type = overrides[partNameKey(part)] { return type }
    guard let dot = part.lastIndex(of: ".") else { return nil }
    return defaults[part[part.index(after: dot)...].lowercased()]
  }

  /// Returns the parts whose override has one of `types`, in no particular order.
  func parts(withTypeIn types: Set<String>) -> [String] {
    overrides.filter { types.contains($0.value) }.map(\.key).sorted()
  }

  /// Returns whether any override names `type`.
  func contains(type: String) -> Bool {
    overrides.values.contains(type)
  }
}
