import CLibXML2

/// Streams the rows of a worksheet part through libxml2's SAX2 push parser.
///
/// The callbacks reach a plain struct through a pointer and copy value bytes into a reused
/// row buffer, so no object is retained or allocated per cell; a row is handed on when its
/// `</row>` arrives. `<dimension>` is not read, because producers get it wrong.
enum WorksheetParser {
  /// Calls `onRow` with each row that has stored cells, in document order.
  static func parse(
    part entry: ZipEntry, in archive: ZipArchive, sheetName: String,
    onRow: (Int, UnsafeMutablePointer<WorksheetRowBuffer>) throws -> Void
  ) throws {
    try withoutActuallyEscaping(onRow) { onRow in
      let handler = makeSAXHandler(start: startElement, end: endElement, characters: characters)
      try withPartState(WorksheetState(onRow: onRow)) { state in
        defer { state.pointee.row.deallocate() }
        try parse(entry, in: archive, sheetName: sheetName, handler: handler, state: state)
      }
    }
  }

  private static func parse(
    _ entry: ZipEntry, in archive: ZipArchive, sheetName: String, handler: xmlSAXHandler,
    state: UnsafeMutablePointer<WorksheetState>
  ) throws {
    try parseXMLPart(
      path: archive.path, part: entry.name, handler: handler, state: state,
      feed: { try archive.stream(entry, $0) },
      stateError: { state.pointee.failure })

    switch state.pointee.invalidAttribute {
    case .cellReference(let reference):
      throw SpreadsheetError.invalidCellReference(
        path: archive.path, sheet: sheetName, reference: reference)
    case .rowNumber(let value):
      throw SpreadsheetError.invalidRowNumber(path: archive.path, sheet: sheetName, value: value)
    case nil:
      break
    }
  }
}

/// The parse state of one worksheet, reached from every callback.
struct WorksheetState {
  var row = WorksheetRowBuffer()
  let onRow: (Int, UnsafeMutablePointer<WorksheetRowBuffer>) throws -> Void
  var failure: Error?
  var invalidAttribute: InvalidAttribute?

  /// An `r` attribute that stops the parse, kept until the error can name the sheet.
  enum InvalidAttribute {
    case cellReference(String)
    case rowNumber(String)
  }

  var isInSheetData = false
  var rowNumber = 0
  var previousRowNumber = 0
  /// Whether the row's number still has to come from its first referenced cell.
  var isRowNumberPending = false
  var previousColumn = 0

  var isInCell = false
  var cellColumn = 0
  var cellType = StoredCellType.number
  var cellStyle = 0
  var cellStart = 0
  var hasValue = false
  var isCollecting = false
  var isInInlineString = false
  var phoneticDepth = 0

  init(onRow: @escaping (Int, UnsafeMutablePointer<WorksheetRowBuffer>) throws -> Void) {
    self.onRow = onRow
  }
}

private typealias StatePointer = UnsafeMutablePointer<WorksheetState>

private let startElement: startElementNsSAX2Func = {
  context, localName, _, _, _, _, attributeCount, _, attributes in
  let state = SAXFrame.state(context, as: WorksheetState.self)

  switch ElementName(localName) {
  case .sheetData:
    state.pointee.isInSheetData = true
  case .row where state.pointee.isInSheetData:
    beginRow(state, attributes: attributes, count: Int(attributeCount))
    if state.pointee.invalidAttribute != nil { SAXFrame.stop(context) }
  case .c where state.pointee.isInSheetData:
    beginCell(state, attributes: attributes, count: Int(attributeCount))
    if state.pointee.invalidAttribute != nil { SAXFrame.stop(context) }
  case .v where state.pointee.isInCell:
    state.pointee.hasValue = true
    state.pointee.isCollecting = true
  case .is where state.pointee.isInCell:
    state.pointee.hasValue = true
    state.pointee.isInInlineString = true
  case .t where state.pointee.isInInlineString:
    state.pointee.isCollecting = state.pointee.phoneticDepth == 0
  case .rPh where state.pointee.isInInlineString:
    state.pointee.phoneticDepth += 1
  default:
    break
  }
}

private let endElement: endElementNsSAX2Func = { context, localName, _, _ in
  let state = SAXFrame.state(context, as: WorksheetState.self)

  switch ElementName(localName) {
  case .v, .t:
    state.pointee.isCollecting = false
  case .rPh where state.pointee.isInInlineString:
    state.pointee.phoneticDepth -= 1
  case .is:
    state.pointee.isInInlineString = false
  case .c where state.pointee.isInCell:
    endCell(state)
  case .row where state.pointee.isInSheetData:
    if !endRow(state) { SAXFrame.stop(context) }
  case .sheetData:
    state.pointee.isInSheetData = false
  default:
    break
  }
}

private let characters: charactersSAXFunc = { context, text, length in
  let state = SAXFrame.state(context, as: WorksheetState.self)
  guard state.pointee.isCollecting, let text else { return }
  state.pointee.row.appendText(text, count: Int(length))
}

/// Calls `body` with the local name and value bytes of each attribute without a namespace, from
/// libxml2's array of five pointers per attribute.
@inline(__always)
private func forEachAttribute(
  _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int,
  _ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<UInt8>) -> Void
) {
  guard let attributes else { return }
  for index in 0..<count {
    let base = index * 5
    guard attributes[base + 2] == nil, let name = attributes[base],
      let start = attributes[base + 3], let end = attributes[base + 4]
    else { continue }
    body(name, UnsafeBufferPointer(start: start, count: end - start))
  }
}

@inline(__always)
private func isSingleLetter(_ name: UnsafePointer<xmlChar>, _ letter: Unicode.Scalar) -> Bool {
  name[0] == UInt8(ascii: letter) && name[1] == 0
}

private func beginRow(
  _ state: StatePointer, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
) {
  var number: Int?
  forEachAttribute(attributes, count: count) { name, value in
    guard isSingleLetter(name, "r") else { return }
    // A row number past Excel's range would make callers fill millions of empty rows.
    number = parseRowNumber(value).flatMap {
      (1...CellReference.maximumRow).contains($0) ? $0 : nil
    }
    if number == nil {
      state.pointee.invalidAttribute = .rowNumber(String(decoding: value, as: UTF8.self))
    }
  }

  state.pointee.row.removeAll()
  state.pointee.previousColumn = 0
  if let number {
    state.pointee.rowNumber = number
    state.pointee.isRowNumberPending = false
  } else {
    state.pointee.rowNumber = state.pointee.previousRowNumber + 1
    state.pointee.isRowNumberPending = true
  }
}

private func beginCell(
  _ state: StatePointer, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
) {
  var reference: CellReference?
  var hasReference = false
  var type = StoredCellType.number
  var style = 0

  forEachAttribute(attributes, count: count) { name, value in
    if isSingleLetter(name, "r") {
      hasReference = true
      reference = CellReference.parse(value)
      if reference == nil {
        state.pointee.invalidAttribute = .cellReference(String(decoding: value, as: UTF8.self))
      }
    } else if isSingleLetter(name, "t") {
      type = cellType(value)
    } else if isSingleLetter(name, "s") {
      style = parseRowNumber(value) ?? 0
    }
  }

  if hasReference, let reference {
    state.pointee.cellColumn = reference.column
    if state.pointee.isRowNumberPending, reference.row > 0 {
      state.pointee.rowNumber = reference.row
    }
  } else {
    // A cell without `r` goes one column right of the previous one.
    state.pointee.cellColumn = state.pointee.previousColumn + 1
  }
  state.pointee.isRowNumberPending = false
  state.pointee.previousColumn = state.pointee.cellColumn
  state.pointee.isInCell = true
  state.pointee.cellType = type
  state.pointee.cellStyle = style
  state.pointee.cellStart = state.pointee.row.textCount
  state.pointee.hasValue = false
  state.pointee.isCollecting = false
  state.pointee.isInInlineString = false
  state.pointee.phoneticDepth = 0
}

private func endCell(_ state: StatePointer) {
  state.pointee.isInCell = false
  state.pointee.isCollecting = false
  guard state.pointee.hasValue else { return }
  state.pointee.row.appendCell(
    column: state.pointee.cellColumn, type: state.pointee.cellType, style: state.pointee.cellStyle,
    start: state.pointee.cellStart)
}

/// Hands the row on; returns false when the handler threw, after recording the error.
private func endRow(_ state: StatePointer) -> Bool {
  state.pointee.previousRowNumber = state.pointee.rowNumber
  guard state.pointee.row.count > 0 else { return true }
  state.pointee.row.sortByColumn()
  do {
    try state.pointee.onRow(state.pointee.rowNumber, &state.pointee.row)
    return true
  } catch {
    state.pointee.failure = error
    return false
  }
}

private func cellType(_ value: UnsafeBufferPointer<UInt8>) -> StoredCellType {
  guard let first = value.first else { return .number }
  switch (first, value.count) {
  case (UInt8(ascii: "s"), 1): return .sharedString
  case (UInt8(ascii: "s"), 3): return .formulaString
  case (UInt8(ascii: "i"), _): return .inlineString
  case (UInt8(ascii: "b"), 1): return .boolean
  case (UInt8(ascii: "e"), 1): return .error
  case (UInt8(ascii: "d"), 1): return .date
  default: return .number
  }
}

private func parseRowNumber(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
  guard !value.isEmpty, value.count <= 10 else { return nil }
  var number = 0
  for byte in value {
    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
    number = number * 10 + Int(byte - UInt8(ascii: "0"))
  }
  return number
}
