import Foundation

/// One drop as recorded in `inventory_drops`, from which its manifest and `latest.json` are
/// written.
struct DropRecord: Equatable {
  var sequence: Int
  var stamp: String
  var source: InventoryFeedSettings.Source
  /// The as-of time of the read that produced the data.
  var asOf: Date
  /// The as-of time of the newest read that returned the same content.
  var confirmedAsOf: Date
  var writtenAt: Date
  var itemCount: Int
  var csv: FileDigest
  var json: FileDigest
  var stale: Bool

  var manifestName: String { DropFiles.manifestName(stamp) }

  /// Returns the manifest's JSON text.
  func manifestText() -> String {
    let files = [("csv", csv), ("json", json)].map { format, file in
      "    {\"name\": \(quoted(file.name)), \"format\": \"\(format)\", "
        + "\"sha256\": \"\(file.sha256)\", \"bytes\": \(file.bytes)}"
    }
    return """
      {
        "formatVersion": \(InventoryJSONWriter.formatVersion),
        "sequence": \(sequence),
        "source": "\(source.rawValue)",
        "asOf": "\(DropFiles.timestamp(asOf))",
        "writtenAt": "\(DropFiles.timestamp(writtenAt))",
        "itemCount": \(itemCount),
        "stale": \(stale),
        "files": [
      \(files.joined(separator: ",\n"))
        ]
      }

      """
  }

  /// Returns the text of `latest.json`, which repeats what `status` needs without opening the
  /// manifest.
  func latestText(updatedAt: Date) -> String {
    """
    {
      "formatVersion": \(InventoryJSONWriter.formatVersion),
      "sequence": \(sequence),
      "manifest": \(quoted(manifestName)),
      "csv": \(quoted(csv.name)),
      "json": \(quoted(json.name)),
      "source": "\(source.rawValue)",
      "asOf": "\(DropFiles.timestamp(confirmedAsOf))",
      "itemCount": \(itemCount),
      "stale": \(stale),
      "updatedAt": "\(DropFiles.timestamp(updatedAt))"
    }

    """
  }

  /// Quotes a file name for JSON. The names are ASCII letters, digits, `-`, `.` and `T`/`Z`,
  /// so only the quotes are needed.
  private func quoted(_ name: String) -> String {
    "\"\(name)\""
  }
}
