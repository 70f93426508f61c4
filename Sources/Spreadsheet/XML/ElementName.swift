import CLibXML2

/// The local names of SpreadsheetML elements that the streaming parsers act on, matched on the
/// raw bytes libxml2 passes so that no string is made per element.
enum ElementName {
  case row, c, v, f, t, `is`, r, rPh, si, sheetData, other

  @inline(__always)
  init(_ name: UnsafePointer<xmlChar>?) {
    guard let name else {
      self = .other
      return
    }
    switch (name[0], name[1]) {
    case (UInt8(ascii: "c"), 0): self = .c
    case (UInt8(ascii: "v"), 0): self = .v
    case (UInt8(ascii: "f"), 0): self = .f
    case (UInt8(ascii: "t"), 0): self = .t
    case (UInt8(ascii: "r"), 0): self = .r
    case (UInt8(ascii: "i"), UInt8(ascii: "s")) where name[2] == 0: self = .is
    case (UInt8(ascii: "s"), UInt8(ascii: "i")) where name[2] == 0: self = .si
    case (UInt8(ascii: "r"), UInt8(ascii: "o")) where name[2] == UInt8(ascii: "w") && name[3] == 0:
      self = .row
    case (UInt8(ascii: "r"), UInt8(ascii: "P")) where name[2] == UInt8(ascii: "h") && name[3] == 0:
      self = .rPh
    case (UInt8(ascii: "s"), UInt8(ascii: "h")) where ElementName.equals(name, "sheetData"):
      self = .sheetData
    default: self = .other
    }
  }

  private static func equals(_ name: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
    let expected = text.utf8Start
    for index in 0..<text.utf8CodeUnitCount where name[index] != expected[index] {
      return false
    }
    return name[text.utf8CodeUnitCount] == 0
  }
}
