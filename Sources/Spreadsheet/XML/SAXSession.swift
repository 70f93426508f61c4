import CLibXML2

/// What every SAX callback reaches through its user-data pointer: the parser, the part's own
/// state, and the flag set when a DOCTYPE appears.
struct SAXFrame {
  var parser: xmlParserCtxtPtr?
  var state: UnsafeMutableRawPointer
  var hasDoctype = false

  /// Returns the part state that `context` (the callback's user data) leads to.
  @inline(__always)
  static func state<State>(_ context: UnsafeMutableRawPointer?, as type: State.Type)
    -> UnsafeMutablePointer<State>
  {
    context.unsafelyUnwrapped.assumingMemoryBound(to: SAXFrame.self).pointee.state
      .assumingMemoryBound(to: State.self)
  }

  /// Stops the parser from a callback, after the state has recorded why.
  static func stop(_ context: UnsafeMutableRawPointer?) {
    let frame = context.unsafelyUnwrapped.assumingMemoryBound(to: SAXFrame.self)
    if let parser = frame.pointee.parser { xmlStopParser(parser) }
  }
}

/// Parses one XML part with libxml2's SAX2 push parser, fed chunk by chunk as they are inflated.
///
/// Network access is off (`XML_PARSE_NONET`), entities are not substituted, and a DOCTYPE stops
/// the parse: no spreadsheet part has one, and a DTD is how entity attacks arrive.
///
/// - Parameters:
///   - handler: the part's callbacks; the frame sets the DOCTYPE and error callbacks itself.
///   - state: the part's state, reached from callbacks with `SAXFrame.state(_:as:)`.
///   - feed: calls its argument with each chunk of the part, as `ZipArchive.stream` does.
///   - stateError: returns the error a callback recorded before stopping the parser.
/// - Throws: `SpreadsheetError.xmlDoctypeRejected`, `.xmlMalformed`, the state's error, and
///   whatever `feed` throws. Wraps `xmlCreatePushParserCtxt` and `xmlParseChunk`.
func parseXMLPart(
  path: String, part: String, handler: xmlSAXHandler, state: UnsafeMutableRawPointer,
  feed: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void,
  stateError: () -> Error? = { nil }
) throws {
  var sax = handler
  sax.initialized = UInt32(XML_SAX2_MAGIC)
  sax.internalSubset = rejectDoctype
  sax.externalSubset = rejectDoctype
  sax.serror = ignoreStructuredError

  let frame = UnsafeMutablePointer<SAXFrame>.allocate(capacity: 1)
  frame.initialize(to: SAXFrame(state: state))
  defer { frame.deallocate() }

  let session = PushSession(path: path, part: part, sax: sax, frame: frame)
  defer { session.free() }

  do {
    try feed { chunk in try session.push(chunk) }
  } catch is PushSession.Stopped {
    // The parser stopped itself; the reason is read below.
  }
  try session.finish()

  if frame.pointee.hasDoctype {
    throw SpreadsheetError.xmlDoctypeRejected(path: path, part: part)
  }
  if let error = stateError() {
    throw error
  }
  try session.checkErrors()
}

/// Returns a SAX2 handler with the given callbacks. Character data, CDATA sections and
/// ignorable whitespace all go to `characters`, because spreadsheet parts treat them alike.
func makeSAXHandler(
  start: startElementNsSAX2Func, end: endElementNsSAX2Func, characters: charactersSAXFunc? = nil
) -> xmlSAXHandler {
  var handler = xmlSAXHandler()
  handler.startElementNs = start
  handler.endElementNs = end
  handler.characters = characters
  handler.cdataBlock = characters
  handler.ignorableWhitespace = characters
  return handler
}

/// Calls `body` with a pointer to a copy of `initial`, which callbacks reach as the part state,
/// and frees it afterwards.
func withPartState<State, Result>(
  _ initial: State, _ body: (UnsafeMutablePointer<State>) throws -> Result
) rethrows -> Result {
  let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
  state.initialize(to: initial)
  defer { state.deinitialize(count: 1).deallocate() }
  return try body(state)
}

private final class PushSession {
  struct Stopped: Error {}

  let path: String
  let part: String
  var sax: xmlSAXHandler
  let frame: UnsafeMutablePointer<SAXFrame>
  private var parser: xmlParserCtxtPtr?
  private var isStopped = false

  init(path: String, part: String, sax: xmlSAXHandler, frame: UnsafeMutablePointer<SAXFrame>) {
    self.path = path
    self.part = part
    self.sax = sax
    self.frame = frame
  }

  func push(_ chunk: UnsafeRawBufferPointer) throws {
    guard !isStopped else { throw Stopped() }
    guard chunk.count > 0 else { return }
    let bytes = chunk.baseAddress!.assumingMemoryBound(to: CChar.self)

    var status: Int32 = 0
    if parser == nil {
      // The first four bytes let libxml2 detect UTF-16 and a byte order mark.
      let head = min(4, chunk.count)
      parser = xmlCreatePushParserCtxt(&sax, frame, bytes, Int32(head), part)
      guard let parser else {
        throw SpreadsheetError.xmlMalformed(
          path: path, part: part, line: 0, message: "libxml2 could not start a parser")
      }
      xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue))
      frame.pointee.parser = parser
      if chunk.count > head {
        status = xmlParseChunk(parser, bytes + head, Int32(chunk.count - head), 0)
      }
    } else {
      status = xmlParseChunk(parser, bytes, Int32(chunk.count), 0)
    }

    if status != 0 || parser!.pointee.disableSAX != 0 {
      isStopped = true
      throw Stopped()
    }
  }

  func finish() throws {
    guard let parser else {
      throw SpreadsheetError.xmlMalformed(
        path: path, part: part, line: 0, message: "the part is empty")
    }
    if !isStopped {
      xmlParseChunk(parser, nil, 0, 1)
    }
  }

  func checkErrors() throws {
    guard let parser else { return }
    let isWellFormed = parser.pointee.wellFormed != 0
    guard !isWellFormed || parser.pointee.errNo != 0 else { return }
    if let error = xmlCtxtGetLastError(parser),
      error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue
    {
      let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
      throw SpreadsheetError.xmlMalformed(
        path: path, part: part, line: Int(error.pointee.line),
        message: message.trimmingCharacters(in: "\n "))
    }
    if !isWellFormed {
      throw SpreadsheetError.xmlMalformed(
        path: path, part: part, line: 0, message: "libxml2 reports it not well-formed")
    }
  }

  func free() {
    if let parser {
      if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
      xmlFreeParserCtxt(parser)
    }
  }
}

private let rejectDoctype: internalSubsetSAXFunc = { context, _, _, _ in
  let frame = context.unsafelyUnwrapped.assumingMemoryBound(to: SAXFrame.self)
  frame.pointee.hasDoctype = true
  if let parser = frame.pointee.parser { xmlStopParser(parser) }
}

private let ignoreStructuredError: xmlStructuredErrorFunc = { _, _ in }

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    return String(scalars)
  }
}
