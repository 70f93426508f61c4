/// Reads the tables of an HTML page, as web applications export them under an .xls name.
enum HTMLTableReader {
  /// Returns each `<table>` of the page as rows of cell texts.
  static func readTables(path: String) throws -> [[[String]]] {
    // TODO: placeholder until the HTML reader lands.
    return []
  }
}
