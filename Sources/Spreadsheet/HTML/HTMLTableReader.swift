import CLibXML2

/// Reads the tables of an HTML page, as web applications export them under an .xls name.
///
/// libxml2's HTML parser builds the tree with network access off. It loads no DTD and does not
/// substitute entities declared in the page, so the page cannot make it read another file.
enum HTMLTableReader {
  /// The largest page read, because `htmlReadMemory` takes the size as a C `int`.
  static let maximumPageSize = Int64(Int32.max)

  /// Returns each `<table>` of the page as rows of cell texts, in the order the tables open.
  ///
  /// Each `<tr>` is a row and each `<td>` or `<th>` a cell. A cell's text has its white space
  /// (no-break spaces included) collapsed to single spaces and trimmed, and each `<br>` becomes
  /// a line feed. A cell with `colspan` is followed by empty cells for the columns it spans, and
  /// one with `rowspan` leaves its column empty in the rows below, as a merged cell in a sheet
  /// keeps its value in its first cell. A table inside a cell is a table of its own, and its text
  /// is not part of the outer cell. Text in `<script>` and `<style>` is skipped.
  ///
  /// - Throws: `SpreadsheetError.unrecognizedFormat` for a page without a table or one that
  ///   libxml2 cannot parse, and `.readFailed` for a page over `maximumPageSize`.
  static func readTables(path: String) throws -> [[[String]]] {
    let file = try ReadOnlyFile(path: path)
    guard file.size <= maximumPageSize else {
      throw SpreadsheetError.readFailed(
        path: path, reason: "the HTML page is larger than \(maximumPageSize) bytes")
    }
    let (page, encoding) = textForParser(try file.readBytes(count: Int(file.size), at: 0))

    xmlInitParser()
    let options = Int32(
      bitPattern: HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue)
    let document = page.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { characters in
        htmlReadMemory(characters.baseAddress, Int32(page.count), nil, encoding, options)
      }
    }
    guard let document else {
      throw SpreadsheetError.unrecognizedFormat(
        path: path, detail: "an HTML page that libxml2 cannot parse")
    }
    defer { xmlFreeDoc(document) }

    guard let root = xmlDocGetRootElement(document) else {
      throw SpreadsheetError.unrecognizedFormat(path: path, detail: "an HTML page without a table")
    }
    var collector = HTMLTableCollector()
    collector.walk(from: root)
    guard !collector.tables.isEmpty else {
      throw SpreadsheetError.unrecognizedFormat(path: path, detail: "an HTML page without a table")
    }
    return collector.tables
  }

  /// Returns the page and the encoding to pass to libxml2, which then ignores the page's own
  /// declaration.
  ///
  /// A page with a byte order mark, or one that declares a charset other than Windows-1252,
  /// ISO-8859-1 or ASCII, goes to libxml2 as it is, with nil. A page declaring one of those three
  /// is converted from Windows-1252 by `CSVTextDecoder`, because libxml2's converter stops at the
  /// first byte that Windows-1252 leaves undefined and drops the rest of the page. A page without
  /// a declaration, which libxml2 2.9 would read as ISO-8859-1, is read as UTF-8 when it is valid
  /// UTF-8 and converted from Windows-1252 otherwise.
  private static func textForParser(_ page: [UInt8]) -> ([UInt8], String?) {
    let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]]
    if boms.contains(where: { page.starts(with: $0) }) { return (page, nil) }

    let head = Array(String(decoding: page.prefix(4096), as: UTF8.self).lowercased().utf8)
    if let declared = declaredCharset(in: head) {
      let singleByte = ["windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "us-ascii"]
      guard singleByte.contains(declared) else { return (page, nil) }
      return (convertedFromWindows1252(page), "UTF-8")
    }

    var validator = UTF8Validator()
    var isUTF8 = true
    for (offset, byte) in page.enumerated() where !validator.consume(byte, at: offset) {
      isUTF8 = false
      break
    }
    if isUTF8 && validator.incompleteSequenceStart == nil { return (page, "UTF-8") }
    return (convertedFromWindows1252(page), "UTF-8")
  }

  /// Returns the lower-case value after the first `charset=` or `encoding=` in `head`, or nil.
  private static func declaredCharset(in head: [UInt8]) -> String? {
    for key in ["charset", "encoding"] {
      let pattern = Array(key.utf8)
      guard head.count > pattern.count,
        let start = (0...(head.count - pattern.count)).first(where: {
          head[$0..<$0 + pattern.count].elementsEqual(pattern)
        })
      else { continue }

      let separators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x3D, 0x22, 0x27]
      let rest = head[(start + pattern.count)...].drop { separators.contains($0) }
      let name = rest.prefix { byte in
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
          || byte == 0x5F || byte == 0x2E || byte == 0x3A
      }
      return String(decoding: name, as: UTF8.self)
    }
    return nil
  }

  private static func convertedFromWindows1252(_ page: [UInt8]) -> [UInt8] {
    var decoder = CSVTextDecoder(encoding: .windows1252, offset: 0)
    var text: [UInt8] = []
    text.reserveCapacity(page.count + page.count / 4)
    page.withUnsafeBufferPointer { buffer in
      // Windows-1252 maps every byte to a character, so this decoder throws no error.
      try? decoder.decode(buffer, into: &text)
    }
    return text
  }
}

/// Collects the tables of a parsed HTML tree in one walk, without recursion, so a deeply
/// nested page cannot overflow the stack.
private struct HTMLTableCollector {
  private(set) var tables: [[[String]]] = []
  private var openTables: [HTMLTableBuilder] = []

  private static let skippedElements: Set<String> = ["script", "style", "template"]
  private static let blockElements: Set<String> = [
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "blockquote", "hr",
  ]

  /// Visits `root` and its descendants in document order.
  mutating func walk(from root: xmlNodePtr) {
    var node: xmlNodePtr? = root
    while let current = node {
      let isDescending = enter(current)
      if isDescending, let child = current.pointee.children {
        node = child
        continue
      }

      node = nil
      var finished: xmlNodePtr? = current
      while let done = finished {
        leave(done)
        if done == root { break }
        if let next = done.pointee.next {
          node = next
          break
        }
        finished = done.pointee.parent
      }
    }
  }

  /// Handles the start of `node`; returns whether to visit its children.
  private mutating func enter(_ node: xmlNodePtr) -> Bool {
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      if let content = node.pointee.content, !openTables.isEmpty {
        openTables[openTables.count - 1].appendText(String(cString: content))
      }
      return false

    case XML_ELEMENT_NODE:
      let name = elementName(node)
      if Self.skippedElements.contains(name) { return false }
      if name == "table" {
        openTables.append(HTMLTableBuilder(slot: tables.count))
        tables.append([])
        return true
      }
      guard !openTables.isEmpty else { return true }

      let top = openTables.count - 1
      switch name {
      case "tr": openTables[top].startRow()
      case "td", "th":
        openTables[top].startCell(
          columnSpan: spanAttribute(node, "colspan", maximum: 1_000),
          rowSpan: spanAttribute(node, "rowspan", maximum: 65_534))
      case "br": openTables[top].appendLineBreak()
      default:
        if Self.blockElements.contains(name) { openTables[top].appendText(" ") }
      }
      return true

    default:
      return false
    }
  }

  /// Handles the end of `node`, after its children.
  private mutating func leave(_ node: xmlNodePtr) {
    guard node.pointee.type == XML_ELEMENT_NODE, !openTables.isEmpty else { return }
    let name = elementName(node)
    let top = openTables.count - 1
    switch name {
    case "table":
      var table = openTables.removeLast()
      table.finishRow()
      tables[table.slot] = table.rows
    case "tr":
      openTables[top].finishRow()
    case "td", "th":
      openTables[top].finishCell()
    default:
      if Self.blockElements.contains(name) { openTables[top].appendText(" ") }
    }
  }

  private func elementName(_ node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
  }

  /// Returns the attribute `name` of `node` as a span from 1 to `maximum`; a missing,
  /// non-numeric or zero value is 1.
  private func spanAttribute(_ node: xmlNodePtr, _ name: String, maximum: Int) -> Int {
    var attribute = node.pointee.properties
    while let current = attribute {
      defer { attribute = current.pointee.next }
      guard let attributeName = current.pointee.name,
        String(cString: attributeName).lowercased() == name
      else { continue }

      var text = ""
      var child = current.pointee.children
      while let part = child {
        if let content = part.pointee.content { text += String(cString: content) }
        child = part.pointee.next
      }
      let digits = text.trimmingWhitespace().prefix { $0.isASCII && $0.isNumber }
      guard let value = Int(digits.prefix(9)), value > 0 else { return 1 }
      return min(value, maximum)
    }
    return 1
  }
}

/// The rows of one table while its elements are walked.
private struct HTMLTableBuilder {
  /// The position of this table in the page's list of tables.
  let slot: Int

  private(set) var rows: [[String]] = []
  private var row: [String]?
  private var cell: CellText?
  private var cellColumnSpan = 1
  private var cellRowSpan = 1
  /// For each column, the rows below the current one that a cell with `rowspan` still covers.
  private var coveredRows: [Int] = []
  /// For each column, whether a cell from a row above covers it in the current row.
  private var isCovered: [Bool] = []

  /// The maximum number of columns in a row, as many as an Excel worksheet has.
  private static let maximumColumns = 16_384

  init(slot: Int) {
    self.slot = slot
  }

  mutating func startRow() {
    finishRow()
    row = []
    isCovered = coveredRows.map { $0 > 0 }
    coveredRows = coveredRows.map { max(0, $0 - 1) }
  }

  mutating func finishRow() {
    finishCell()
    if let row { rows.append(row) }
    row = nil
  }

  mutating func startCell(columnSpan: Int, rowSpan: Int) {
    finishCell()
    if row == nil { startRow() }
    cell = CellText()
    cellColumnSpan = columnSpan
    cellRowSpan = rowSpan
  }

  mutating func finishCell() {
    guard let text = cell?.text, var cells = row else { return }
    cell = nil

    while cells.count < isCovered.count, isCovered[cells.count] {
      cells.append("")
    }
    let first = cells.count
    for offset in 0..<cellColumnSpan where cells.count < Self.maximumColumns {
      cells.append(offset == 0 ? text : "")
    }
    if cellRowSpan > 1 {
      if coveredRows.count < cells.count {
        coveredRows += Array(repeating: 0, count: cells.count - coveredRows.count)
      }
      for column in first..<cells.count { coveredRows[column] = cellRowSpan - 1 }
    }
    row = cells
  }

  mutating func appendText(_ text: String) {
    cell?.append(text)
  }

  mutating func appendLineBreak() {
    cell?.appendLineBreak()
  }
}

/// A cell's text with white space collapsed as it is appended.
private struct CellText {
  private var collapsed = ""
  private var isSpacePending = false

  /// The text without line breaks at its start or end.
  var text: String {
    let scalars = collapsed.unicodeScalars
    let start = scalars.firstIndex { $0 != "\n" } ?? scalars.endIndex
    let end = scalars.lastIndex { $0 != "\n" }.map(scalars.index(after:)) ?? start
    return String(scalars[start..<end])
  }

  mutating func append(_ piece: String) {
    for character in piece.unicodeScalars {
      if character.properties.isWhitespace {
        isSpacePending = !collapsed.isEmpty && collapsed.last != "\n"
      } else {
        if isSpacePending { collapsed.unicodeScalars.append(" ") }
        collapsed.unicodeScalars.append(character)
        isSpacePending = false
      }
    }
  }

  mutating func appendLineBreak() {
    collapsed.append("\n")
    isSpacePending = false
  }
}

extension String {
  fileprivate func trimmingWhitespace() -> Substring {
    let scalars = unicodeScalars
    let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
    let end = scalars.lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:))
    return Substring(scalars[start..<(end ?? start)])
  }
}
