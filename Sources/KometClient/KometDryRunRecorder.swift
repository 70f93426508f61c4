import Foundation
import Komet
import Logging

/// Writes dry-run request files for code that cannot wait on the `KometClient` actor, such as
/// the intake of order files, which runs synchronously behind a lock.
///
/// The requests are built by `KometRequestBuilder` from the same `KometClientConfiguration` and
/// written by the same `DryRunOutbox`, so the files match the client's dry-run files: the
/// request as it would be sent, with the token masked. Nothing is sent and no quota is counted.
package struct KometDryRunRecorder {
  private let context: KometRequestContext
  private var outbox: DryRunOutbox
  private let logger: Logger

  /// Creates a recorder that writes to `configuration.dryRunFolder`.
  ///
  /// - Throws: `insecureBaseURL` or `invalidBaseURL` for a base URL the client would not use,
  ///   and `dryRunWriteFailed` when no dry-run folder is configured or it cannot be made.
  package init(
    configuration: KometClientConfiguration, logger: Logger
  ) throws(KometClientError) {
    guard let folder = configuration.dryRunFolder else {
      throw .dryRunWriteFailed(path: "", reason: "the configuration names no dry-run folder")
    }
    let baseURL = try BaseURLCheck.validated(configuration.baseURL)
    context = KometRequestContext(
      baseURL: baseURL, companyId: configuration.companyId, tokens: configuration.tokens,
      choices: configuration.choices)
    outbox = try DryRunOutbox(folder: folder)
    self.logger = logger
  }

  /// Returns the next placeholder web order ID, `DRY-RUN-1` first, as the client's dry run
  /// returns for `web-order.create`.
  package mutating func makePlaceholder() -> KometID {
    outbox.makePlaceholder()
  }

  /// Builds `call` and writes its file, with each body member named in `replacements` given
  /// that value instead, and returns the file's path.
  ///
  /// A replacement changes only the file, so it can show a value the typed request cannot
  /// hold, such as a carrier code where Komet expects a carrier ID.
  ///
  /// - Throws: `komet` when the request cannot be built, such as with no token for the method
  ///   or a value over a documented limit, and `dryRunWriteFailed` when the file cannot be
  ///   written.
  @discardableResult
  package mutating func record<Call: KometCall>(
    _ call: Call, replacingBodyMembers replacements: [String: JSONValue] = [:]
  ) throws(KometClientError) -> String {
    let request: KometHTTPRequest
    do {
      request = try KometRequestBuilder.build(call, in: context)
    } catch {
      throw .komet(error)
    }

    let body = request.body.map { Self.replacing(replacements, in: $0) }
    let requestID = UUID()
    let path = try outbox.write(request, body: body, requestID: requestID)
    logger.info(
      "Komet write recorded for the dry run instead of sent",
      [
        "komet.method": request.method.rawValue, "komet.request_id": requestID.uuidString,
        "dry_run.file": path,
      ])
    return path
  }

  private static func replacing(_ replacements: [String: JSONValue], in body: JSONValue)
    -> JSONValue
  {
    guard !replacements.isEmpty, case .object(let members) = body else { return body }
    return .object(members.map { JSONMember($0.key, replacements[$0.key] ?? $0.value) })
  }
}
