/// Reads little-endian integers from a byte array, as ZIP records store them.
struct ByteReader {
  let bytes: [UInt8]
  var offset: Int

  init(_ bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var remaining: Int { bytes.count - offset }

  mutating func uint16() -> UInt16? {
    guard remaining >= 2 else { return nil }
    defer { offset += 2 }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  mutating func uint32() -> UInt32? {
    guard remaining >= 4 else { return nil }
    var value: UInt32 = 0
    for shift in 0..<4 {
      value |= UInt32(bytes[offset + shift]) << (8 * UInt32(shift))
    }
    offset += 4
    return value
  }

  mutating func uint64() -> UInt64? {
    guard let low = uint32(), let high = uint32() else { return nil }
    return UInt64(low) | UInt64(high) << 32
  }

  mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, remaining >= count else { return nil }
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  mutating func skip(_ count: Int) -> Bool {
    guard count >= 0, remaining >= count else { return false }
    offset += count
    return true
  }
}
