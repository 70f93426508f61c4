/// One relationship of an OPC `.rels` part.
struct Relationship: Sendable {
  var id: String
  /// The relationship type URI, transitional or strict.
  var type: String
  /// The target part name, resolved against the source part to an absolute name without the
  /// leading slash; for an external target, the target as written.
  var target: String
  var isExternal: Bool

  /// Returns whether the type URI ends in `/name`, which matches both the transitional
  /// (`http://schemas.openxmlformats.org/...`) and strict (`http://purl.oclc.org/...`) forms.
  func hasType(_ name: String) -> Bool {
    type.hasSuffix("/" + name)
  }
}

/// The relationships of one part, read from its `_rels/NAME.rels` part.
struct Relationships: Sendable {
  var items: [Relationship] = []

  subscript(id id: String) -> Relationship? {
    items.first { $0.id == id }
  }

  func first(ofType name: String) -> Relationship? {
    items.first { $0.hasType(name) && !$0.isExternal }
  }

  /// Returns the name of the `.rels` part that holds the relationships of `part`.
  static func partName(forSource part: String) -> String {
    let (folder, file) = splitPartName(part)
    return folder.isEmpty ? "_rels/\(file).rels" : "\(folder)/_rels/\(file).rels"
  }

  /// Reads the relationships of `source` (an empty name for the package itself); a missing
  /// `.rels` part gives no relationships.
  static func read(forSource source: String, in archive: ZipArchive) throws -> Relationships {
    let relsName = source.isEmpty ? "_rels/.rels" : partName(forSource: source)
    guard let entry = archive.entry(named: relsName) else { return Relationships() }

    let elements = try XMLElementList.parse(
      try archive.contents(of: entry), path: archive.path, part: entry.name)
    var relationships = Relationships()
    for element in elements where element.localName == "Relationship" {
      guard let id = element.attribute("Id"), let type = element.attribute("Type"),
        let target = element.attribute("Target")
      else { continue }
      let isExternal = element.attribute("TargetMode")?.lowercased() == "external"
      relationships.items.append(
        Relationship(
          id: id, type: type,
          target: isExternal ? target : resolveTarget(target, from: source),
          isExternal: isExternal))
    }
    return relationships
  }

  /// Resolves a relative target against the folder of `source`; an absolute target (`/xl/...`)
  /// starts at the package root. Backslashes count as slashes; `.` and `..` are applied.
  static func resolveTarget(_ target: String, from source: String) -> String {
    let cleaned = target.replacingBackslashes()
    var components: [Substring] = []
    if !cleaned.hasPrefix("/") {
      components = splitPartName(source).folder.split(separator: "/")
    }
    for component in cleaned.split(separator: "/") {
      switch component {
      case ".": continue
      case "..": if !components.isEmpty { components.removeLast() }
      default: components.append(component)
      }
    }
    return components.joined(separator: "/")
  }
}

/// Splits `xl/worksheets/sheet1.xml` into `xl/worksheets` and `sheet1.xml`.
func splitPartName(_ part: String) -> (folder: String, file: String) {
  let cleaned = part.replacingBackslashes().drop { $0 == "/" }
  guard let slash = cleaned.lastIndex(of: "/") else { return ("", String(cleaned)) }
  return (String(cleaned[..<slash]), String(cleaned[cleaned.index(after: slash)...]))
}

extension String {
  func replacingBackslashes() -> String {
    String(map { $0 == "\\" ? "/" : $0 })
  }
}
