import CLibXML2

/// One start tag of a small part: its local name, namespace and attributes.
struct XMLElement: Sendable {
  var localName: String
  var namespace: String
  /// Nesting depth: 0 for the root element.
  var depth: Int
  var attributes: [XMLAttribute]

  /// Returns the value of the attribute with `localName` and no namespace.
  func attribute(_ localName: String) -> String? {
    attributes.first { $0.localName == localName && $0.namespace.isEmpty }?.value
  }

  /// Returns the value of the attribute with `localName` in a namespace for which
  /// `matchesNamespace` holds, such as `r:id`.
  func attribute(_ localName: String, namespace matchesNamespace: (String) -> Bool) -> String? {
    attributes.first { $0.localName == localName && matchesNamespace($0.namespace) }?.value
  }
}

/// One attribute of an `XMLElement`.
struct XMLAttribute: Sendable {
  var localName: String
  var namespace: String
  var value: String
}

/// Reads the start tags of a small part (content types, relationships, workbook, styles), which
/// carry everything in attributes, into a flat list in document order.
enum XMLElementList {
  /// Parses `bytes` of `part` and returns its elements.
  static func parse(_ bytes: [UInt8], path: String, part: String) throws -> [XMLElement] {
    let handler = makeSAXHandler(start: startElement, end: endElement)
    return try withPartState(State()) { state in
      try parseXMLPart(path: path, part: part, handler: handler, state: state) { push in
        try bytes.withUnsafeBytes { try push($0) }
      }
      return state.pointee.elements
    }
  }

  struct State {
    var elements: [XMLElement] = []
    var depth = 0
  }
}

/// Decodes a libxml2 string (UTF-8, NUL-terminated) into a Swift string.
func xmlText(_ pointer: UnsafePointer<xmlChar>?) -> String {
  guard let pointer else { return "" }
  return String(cString: pointer)
}

private let startElement: startElementNsSAX2Func = {
  context, localName, _, namespace, _, _, attributeCount, _, attributes in
  let state = SAXFrame.state(context, as: XMLElementList.State.self)

  var list: [XMLAttribute] = []
  if let attributes {
    for index in 0..<Int(attributeCount) {
      let base = index * 5
      let start = attributes[base + 3]!
      let end = attributes[base + 4]!
      let value = String(
        decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
      list.append(
        XMLAttribute(
          localName: xmlText(attributes[base]), namespace: xmlText(attributes[base + 2]),
          value: decodeAttributeEntities(value)))
    }
  }
  state.pointee.elements.append(
    XMLElement(
      localName: xmlText(localName), namespace: xmlText(namespace), depth: state.pointee.depth,
      attributes: list))
  state.pointee.depth += 1
}

private let endElement: endElementNsSAX2Func = { context, _, _, _ in
  SAXFrame.state(context, as: XMLElementList.State.self).pointee.depth -= 1
}

/// Replaces the predefined and numeric character references that libxml2's SAX2 interface
/// leaves in attribute values when entities are not substituted.
func decodeAttributeEntities(_ value: String) -> String {
  guard value.contains("&") else { return value }
  var result = ""
  var rest = Substring(value)
  while let ampersand = rest.firstIndex(of: "&") {
    result += rest[..<ampersand]
    rest = rest[ampersand...]
    guard let semicolon = rest.firstIndex(of: ";"),
      let decoded = decodeReference(rest[rest.index(after: ampersand)..<semicolon])
    else {
      result.append("&")
      rest = rest.dropFirst()
      continue
    }
    result.unicodeScalars.append(decoded)
    rest = rest[rest.index(after: semicolon)...]
  }
  return result + rest
}

private func decodeReference(_ name: Substring) -> Unicode.Scalar? {
  switch name {
  case "amp": return "&"
  case "lt": return "<"
  case "gt": return ">"
  case "quot": return "\""
  case "apos": return "'"
  default:
    guard name.first == "#" else { return nil }
    let digits = name.dropFirst()
    let code: UInt32?
    if digits.first == "x" || digits.first == "X" {
      code = UInt32(digits.dropFirst(), radix: 16)
    } else {
      code = UInt32(digits)
    }
    return code.flatMap(Unicode.Scalar.init)
  }
}
