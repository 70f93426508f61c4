/// Decodes OOXML's `_xHHHH_` escapes (ECMA-376 `ST_Xstring`) in `bytes[start...]`, in place,
/// and shortens the array to the decoded length.
///
/// Each escape is one UTF-16 code unit; two escapes in a row can form a surrogate pair, and a
/// lone surrogate becomes U+FFFD. `_x005F_` is an escaped underscore, so `_x005F_x0041_` decodes
/// to the text `_x0041_`. The decoded form is never longer than the escaped one.
func decodeXStringEscapes(_ bytes: inout [UInt8], from start: Int) {
  guard bytes.count - start >= 7, containsEscapeMarker(bytes, from: start) else { return }

  var read = start
  var write = start
  let end = bytes.count
  while read < end {
    guard let unit = escapeUnit(bytes, at: read) else {
      bytes[write] = bytes[read]
      write += 1
      read += 1
      continue
    }
    read += 7

    var scalar = Unicode.Scalar(unit)
    if (0xD800..<0xDC00).contains(unit), let low = escapeUnit(bytes, at: read),
      (0xDC00..<0xE000).contains(low)
    {
      let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
      scalar = Unicode.Scalar(value)
      read += 7
    }
    for byte in String(Character(scalar ?? "\u{FFFD}")).utf8 {
      bytes[write] = byte
      write += 1
    }
  }
  bytes.removeLast(end - write)
}

private func containsEscapeMarker(_ bytes: [UInt8], from start: Int) -> Bool {
  var index = start
  while index + 1 < bytes.count {
    if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
      return true
    }
    index += 1
  }
  return false
}

/// Returns the code unit of an escape that starts at `index`, or nil when none does.
private func escapeUnit(_ bytes: [UInt8], at index: Int) -> UInt16? {
  guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"),
    bytes[index + 1] | 0x20 == UInt8(ascii: "x"), bytes[index + 6] == UInt8(ascii: "_")
  else { return nil }
  var unit: UInt16 = 0
  for offset in 2..<6 {
    guard let digit = hexValue(bytes[index + offset]) else { return nil }
    unit = unit << 4 | UInt16(digit)
  }
  return unit
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
  default: return nil
  }
}
