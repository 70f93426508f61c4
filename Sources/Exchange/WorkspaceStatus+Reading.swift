import Foundation
import Workspace

/// `latest.json` exists but does not describe a drop.
struct LatestDropError: Error, CustomStringConvertible {
  let path: String
  let reason: String

  var description: String { "\(path): \(reason)" }
}

extension WorkspaceStatus {
  /// Returns the drop `latest.json` at `url` describes, or nil when the file is missing.
  static func readLatest(at url: URL) throws(LatestDropError) -> InventoryDropSummary? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    func fail(_ reason: String) -> LatestDropError {
      LatestDropError(path: url.path, reason: reason)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw fail("the file cannot be read")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw fail("the file is not a JSON object")
    }
    guard let sequence = object["sequence"] as? Int else {
      throw fail("sequence is missing or not a whole number")
    }
    guard let asOfText = object["asOf"] as? String, let asOf = parseTime(asOfText) else {
      throw fail("asOf is missing or not an ISO 8601 time")
    }
    guard let itemCount = object["itemCount"] as? Int else {
      throw fail("itemCount is missing or not a whole number")
    }
    guard let stale = object["stale"] as? Bool else {
      throw fail("stale is missing or not true or false")
    }
    guard let manifest = object["manifest"] as? String else {
      throw fail("manifest is missing or not a string")
    }
    let updatedAt = (object["updatedAt"] as? String).flatMap(parseTime)
    return InventoryDropSummary(
      sequence: sequence, asOf: asOf, itemCount: itemCount, isMarkedStale: stale,
      updatedAt: updatedAt, manifest: manifest)
  }

  /// Lists `inbox/failed/` without the error files, each with the problem its error file
  /// names (the `Problem:` line, or the first line of an error file without one).
  static func listFailed(_ folder: URL) throws -> [FailedFile] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let suffix = ".error.txt"
    let files = names.filter { !$0.hasSuffix(suffix) && $0 != Workspace.readmeName }.sorted()
    return files.map { name in
      let errorPath = folder.appendingPathComponent(name + suffix).path
      let text = (try? String(contentsOfFile: errorPath, encoding: .utf8))
      let lines = text?.split(separator: "\n", omittingEmptySubsequences: true) ?? []
      let problem = lines.first { $0.hasPrefix("Problem: ") }
        .map { String($0.dropFirst("Problem: ".count)) }
      return FailedFile(name: name, firstErrorLine: problem ?? lines.first.map(String.init))
    }
  }

  /// Lists the regular files in `inbox/` and `inbox/dwf/`, without the READMEs.
  static func listWaiting(_ workspace: Workspace) -> [String] {
    var waiting: [String] = []
    for (folder, prefix) in [(workspace.inbox, ""), (workspace.dwfInbox, "dwf/")] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names.sorted() where name != Workspace.readmeName {
        var info = stat()
        let path = folder.appendingPathComponent(name).path
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
        waiting.append(prefix + name)
      }
    }
    return waiting
  }

  private static func parseTime(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}
