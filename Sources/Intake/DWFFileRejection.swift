import Foundation
import InboxLifecycle
import Workspace

/// `outbox/dwf/acks/FILE.rejected.json` for a file from `inbox/dwf/` that fails before it
/// reaches the order-file handler: one that still looks truncated, a link or special file, or
/// a grower export uploaded there. DWF's account cannot read `inbox/failed/`, so without it a
/// failed upload would disappear from DWF's side.
///
/// The document has the shape that `AcknowledgementWriter.writeRejectedFile` gives an order
/// file that fails whole (`docs/formats.md`). Intake writes it itself, because it does not
/// depend on the order modules.
struct DWFFileRejection: Encodable {
  struct Problem: Encodable {
    var location: String?
    var message: String
  }

  var formatVersion = 1
  var fileName: String
  var rejectedAt: String
  var errors: [Problem]

  /// The maximum length of a value quoted in a rejection, so one huge cell cannot fill the file.
  static let maximumValueLength = 120

  /// Builds the rejection from the error file's report, for DWF to read.
  init(report: FailureReport, at date: Date) {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")

    var place: [String] = []
    if let sheet = report.sheet { place.append("sheet \(sheet)") }
    if let row = report.row { place.append("row \(row)") }
    if let column = report.column { place.append("column \(column)") }
    var message = report.problem
    if let value = report.value {
      message += " The value is \"\(Self.preview(value))\"."
    }
    fileName = report.fileName
    rejectedAt = formatter.string(from: date)
    errors = [
      Problem(location: place.isEmpty ? nil : place.joined(separator: ", "), message: message)
    ]
  }

  /// Writes the document to `outbox/dwf/acks/` under the name `DWFOutboxName.rejection`
  /// gives it, and returns its URL.
  func write(in workspace: Workspace) throws -> URL {
    let folder = workspace.dwfOutbox.appendingPathComponent("acks", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(try DWFOutboxName.rejection(fileName: fileName))

    var relative = self
    relative.errors = errors.map { problem in
      var problem = problem
      problem.message = workspace.withoutRoot(problem.message)
      return problem
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(relative)
    data.append(0x0A)
    try AtomicFileWriter(workspace: workspace).write(data, to: url)
    return url
  }

  /// Cuts `value` after `maximumValueLength` Unicode scalars, saying how long it was, and
  /// writes control characters as `\u001B`.
  static func preview(_ value: String) -> String {
    var shown = ""
    for scalar in value.unicodeScalars.prefix(maximumValueLength) {
      let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
      let hex = String(scalar.value, radix: 16, uppercase: true)
      shown += isControl ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : "\(scalar)"
    }
    let count = value.unicodeScalars.count
    return count > maximumValueLength ? shown + "... (\(count) characters)" : shown
  }
}
