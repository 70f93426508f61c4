/// One entry of a ZIP archive's central directory.
struct ZipEntry: Sendable {
  /// The name as stored, decoded from UTF-8 (or CP437 read as Latin-1 when not valid UTF-8).
  var name: String
  /// The compression method: 0 stored, 8 deflated.
  var method: Int
  /// The general-purpose bit flag; bit 0 marks an encrypted entry.
  var flags: Int
  var crc32: UInt32
  var compressedSize: Int64
  var uncompressedSize: Int64
  /// Where the entry's local file header starts.
  var localHeaderOffset: Int64

  var isEncrypted: Bool { flags & 1 != 0 }

  /// Whether the name ends in a slash, as folder entries do.
  var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
}

/// Returns the key a part name is looked up by: backslashes as slashes, no leading slash, and
/// ASCII letters in lower case, because OPC part names compare ASCII case-insensitively.
func partNameKey(_ name: String) -> String {
  var bytes = Array(name.utf8)
  for index in bytes.indices {
    let byte = bytes[index]
    if byte == UInt8(ascii: "\\") {
      bytes[index] = UInt8(ascii: "/")
    } else if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
      bytes[index] = byte | 0x20
    }
  }
  let trimmed = bytes.drop { $0 == UInt8(ascii: "/") }
  return String(decoding: trimmed, as: UTF8.self)
}
