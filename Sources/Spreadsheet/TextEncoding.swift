/// The character encoding a text file was read in.
package enum TextEncoding: String, Sendable, Equatable {
  case utf8 = "UTF-8"
  case utf8WithBOM = "UTF-8 with BOM"
  case utf16LittleEndian = "UTF-16LE with BOM"
  case utf16BigEndian = "UTF-16BE with BOM"
  /// The encoding that Excel's "CSV (Comma delimited)" writes on Western Windows systems.
  case windows1252 = "Windows-1252"
}
