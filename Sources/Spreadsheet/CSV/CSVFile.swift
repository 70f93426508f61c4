/// A delimited text file (RFC 4180), read as one sheet of text cells.
struct CSVFile {
  let path: String
  let encoding: TextEncoding
  let delimiter: UInt8

  /// Opens `path` and detects its encoding and delimiter.
  init(path: String) throws {
    // TODO: placeholder until the CSV reader lands.
    self.path = path
    self.encoding = .utf8
    self.delimiter = UInt8(ascii: ",")
  }

  /// Returns the sheet name a CSV file gets: its file name without the extension.
  static func sheetName(forPath path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// Calls `body` with the 1-based record number and the fields of each record.
  func readRows(_ body: (Int, [String]) throws -> Void) throws {
  }
}
