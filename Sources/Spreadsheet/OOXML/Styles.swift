/// The number-format kind of each cell format (`<xf>` of `<cellXfs>`), which is all a reader
/// needs from the styles part to type its values.
struct Styles: Sendable {
  /// The kind for each `s` index; an index past the end is a number.
  var kinds: [NumberFormatKind] = []

  func kind(ofStyle index: Int) -> NumberFormatKind {
    index >= 0 && index < kinds.count ? kinds[index] : .number
  }

  /// Reads the styles part; its own `<numFmt>` codes win over the built-in table, even for
  /// built-in ids. Elements that do not parse as expected (an empty `<fill/>`) are ignored.
  static func read(part: String, in archive: ZipArchive) throws -> Styles {
    guard let entry = archive.entry(named: part) else { return Styles() }
    let elements = try XMLElementList.parse(
      try archive.contents(of: entry), path: archive.path, part: entry.name)

    var customCodes: [Int: String] = [:]
    var formatIDs: [Int] = []
    var cellXfsDepth: Int?
    var numFmtsDepth: Int?

    for element in elements {
      if let depth = cellXfsDepth, element.depth <= depth {
        cellXfsDepth = nil
      }
      if let depth = numFmtsDepth, element.depth <= depth {
        numFmtsDepth = nil
      }
      switch element.localName {
      case "numFmts":
        numFmtsDepth = element.depth
      // Differential formats (`<dxf>`) hold `<numFmt>` elements too, which must not count.
      case "numFmt" where numFmtsDepth.map({ element.depth == $0 + 1 }) == true:
        if let id = element.attribute("numFmtId").flatMap({ Int($0) }),
          let code = element.attribute("formatCode")
        {
          customCodes[id] = code
        }
      case "cellXfs":
        cellXfsDepth = element.depth
      case "xf" where cellXfsDepth.map({ element.depth == $0 + 1 }) == true:
        formatIDs.append(element.attribute("numFmtId").flatMap { Int($0) } ?? 0)
      default:
        break
      }
    }

    var cache: [Int: NumberFormatKind] = [:]
    let kinds = formatIDs.map { id in
      if let known = cache[id] { return known }
      let kind =
        customCodes[id].map(NumberFormatClassifier.kind(ofCode:))
        ?? NumberFormatClassifier.kind(ofBuiltInID: id)
      cache[id] = kind
      return kind
    }
    return Styles(kinds: kinds)
  }
}
