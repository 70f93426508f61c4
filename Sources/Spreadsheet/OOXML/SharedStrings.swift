import CLibXML2

/// The shared string table, held as one UTF-8 buffer with an offset per string, so that even
/// hundreds of thousands of strings cost little more than their text.
struct SharedStrings: Sendable {
  fileprivate(set) var bytes: [UInt8] = []
  /// `offsets[i]..<offsets[i + 1]` is string `i`.
  fileprivate(set) var offsets: [Int] = [0]

  var count: Int { offsets.count - 1 }

  /// Returns string `index`, or nil when the table has no such string.
  func string(at index: Int) -> String? {
    guard index >= 0, index < count else { return nil }
    return bytes.withUnsafeBufferPointer {
      String(
        decoding: UnsafeBufferPointer(rebasing: $0[offsets[index]..<offsets[index + 1]]),
        as: UTF8.self)
    }
  }

  /// Streams the shared strings part: plain `<t>` and rich-text runs (`<r><t>`) concatenated,
  /// phonetic runs (`<rPh>`) left out, `_xHHHH_` escapes decoded, whitespace kept as stored.
  static func read(part: String, in archive: ZipArchive) throws -> SharedStrings {
    guard let entry = archive.entry(named: part) else { return SharedStrings() }

    let handler = makeSAXHandler(start: startElement, end: endElement, characters: characters)
    return try withPartState(State()) { state in
      try parseXMLPart(path: archive.path, part: entry.name, handler: handler, state: state) {
        try archive.stream(entry, $0)
      }
      return state.pointee.table
    }
  }

  struct State {
    var table = SharedStrings()
    var isInItem = false
    var isInText = false
    var phoneticDepth = 0
    var itemStart = 0

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
      table.bytes.append(contentsOf: text)
    }

    mutating func beginItem() {
      isInItem = true
      itemStart = table.bytes.count
    }

    mutating func endItem() {
      decodeXStringEscapes(&table.bytes, from: itemStart)
      table.offsets.append(table.bytes.count)
      isInItem = false
      isInText = false
      phoneticDepth = 0
    }
  }
}

private let startElement: startElementNsSAX2Func = { context, localName, _, _, _, _, _, _, _ in
  let state = SAXFrame.state(context, as: SharedStrings.State.self)
  switch ElementName(localName) {
  case .si: state.pointee.beginItem()
  case .t: state.pointee.isInText = state.pointee.isInItem && state.pointee.phoneticDepth == 0
  case .rPh: state.pointee.phoneticDepth += 1
  default: break
  }
}

private let endElement: endElementNsSAX2Func = { context, localName, _, _ in
  let state = SAXFrame.state(context, as: SharedStrings.State.self)
  switch ElementName(localName) {
  case .si: if state.pointee.isInItem { state.pointee.endItem() }
  case .t: state.pointee.isInText = false
  case .rPh: state.pointee.phoneticDepth -= 1
  default: break
  }
}

private let characters: charactersSAXFunc = { context, text, length in
  let state = SAXFrame.state(context, as: SharedStrings.State.self)
  guard state.pointee.isInText, let text, length > 0 else { return }
  state.pointee.append(UnsafeBufferPointer(start: text, count: Int(length)))
}
