import Foundation
import Glibc
import Komet

/// Writes the requests of a dry run as JSON files instead of sending them.
///
/// Each file is named `000001-web-order.create-20261204T101530.123Z.json`: a sequence number
/// that continues from the files already in the folder, the method, and the UTC time. It is
/// written to a temporary file in the same folder and renamed, so a reader never sees half a
/// file. The token is masked in it.
struct DryRunOutbox {
  let folder: URL
  private var nextSequence: Int
  private var nextPlaceholder = 1

  init(folder: URL) throws(KometClientError) {
    self.folder = folder
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      let sequences = names.compactMap { Int($0.prefix { $0.isNumber }) }
      nextSequence = (sequences.max() ?? 0) + 1
    } catch {
      throw .dryRunWriteFailed(path: folder.path, reason: String(describing: error))
    }
  }

  /// Returns the next placeholder web order ID, `DRY-RUN-1` first.
  mutating func makePlaceholder() -> KometID {
    defer { nextPlaceholder += 1 }
    return KometID(dryRunSequence: nextPlaceholder)
  }

  /// Writes `request` and returns the file's path. `body`, when given, is written in place of
  /// the request's body.
  mutating func write(
    _ request: KometHTTPRequest, body: JSONValue? = nil, requestID: UUID, at date: Date = Date()
  ) throws(KometClientError) -> String {
    let sequence = nextSequence
    nextSequence += 1
    let method = request.method.rawValue.replacingOccurrences(of: "/", with: "_")
    let name = String(format: "%06d", sequence) + "-" + method + "-" + Self.stamp(date) + ".json"
    let target = folder.appendingPathComponent(name)
    let temporary = folder.appendingPathComponent("." + name + ".tmp")

    let document = Self.document(request, body ?? request.body, sequence, requestID, date)
    let bytes = JSONWriter.data(for: document)
    do {
      try bytes.write(to: temporary)
      let handle = try FileHandle(forWritingTo: temporary)
      try handle.synchronize()
      try handle.close()
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw .dryRunWriteFailed(path: target.path, reason: String(describing: error))
    }
    guard rename(temporary.path, target.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw .dryRunWriteFailed(path: target.path, reason: reason)
    }
    return target.path
  }

  /// Returns the file's content: the request as it would be sent, with the token masked.
  private static func document(
    _ request: KometHTTPRequest, _ body: JSONValue?, _ sequence: Int, _ requestID: UUID,
    _ date: Date
  ) -> JSONValue {
    let headers = request.headers.map {
      JSONValue.object([
        JSONMember("name", .string($0.name)), JSONMember("value", .string($0.value)),
      ])
    }
    let placement: String
    switch request.tokenPlacement {
    case .header: placement = "header"
    case .queryParameter: placement = "query"
    case .jsonBodyMember: placement = "body"
    }
    var members = [
      JSONMember("sequence", .number(String(sequence))),
      JSONMember("requestId", .string(requestID.uuidString)),
      JSONMember("createdAt", .string(ISO8601DateFormatter().string(from: date))),
      JSONMember("method", .string(request.method.rawValue)),
      JSONMember("httpMethod", .string(request.httpMethod.rawValue)),
      JSONMember("url", .string(request.url.absoluteString)),
      JSONMember("headers", .array(headers)),
      JSONMember(
        "token",
        .object([
          JSONMember("role", .string(request.token.role.rawValue)),
          JSONMember("placement", .string(placement)),
          JSONMember("masked", .string(request.token.masked)),
        ])),
    ]
    if let body {
      members.append(JSONMember("body", placeholdersAsStrings(body)))
    }
    return .object(members)
  }

  /// Writes placeholder IDs as JSON strings, because `DRY-RUN-1` is not a JSON number.
  static func placeholdersAsStrings(_ value: JSONValue) -> JSONValue {
    switch value {
    case .number(let text) where text.hasPrefix(KometID.dryRunPrefix):
      return .string(text)
    case .array(let elements):
      return .array(elements.map(placeholdersAsStrings))
    case .object(let members):
      return .object(members.map { JSONMember($0.key, placeholdersAsStrings($0.value)) })
    default:
      return value
    }
  }

  private static func stamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
    return formatter.string(from: date)
  }
}
