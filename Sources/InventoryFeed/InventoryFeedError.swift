import Foundation
import KometClient
import Workspace

/// A failure to read the inventory or to write its drop.
///
/// No case carries a token: `KometClientError` masks them, and IDs are plain digits.
package enum InventoryFeedError: Error, Equatable, CustomStringConvertible {
  case noClient(source: InventoryFeedSettings.Source)
  case invalidCustomerId(String)
  case invalidLocationId(String)
  case kometFailed(method: String, locationId: String?, error: KometClientError)
  case noInventoryExport
  case inventoryExportUnreadable(reason: String)
  case stateFailed(reason: String)
  case writeFailed(AtomicFileError)
  case digestFailed(path: String)

  package var description: String {
    switch self {
    case .noClient(let source):
      return "the inventory source \(source.rawValue) reads Komet's API, but no Komet client is"
        + " configured; set the Komet tokens or choose the export source"
    case .invalidCustomerId(let id):
      return "the DWF customer ID \"\(id)\" is not a Komet ID (1 to 20 digits);"
        + " check komet.dwfCustomerId"
    case .invalidLocationId(let id):
      return "the location ID \"\(id)\" is not a Komet ID (1 to 20 digits);"
        + " check komet.defaultLocationId or the locations export"
    case .kometFailed(let method, let locationId, let error):
      let location = locationId.map { " for location \($0)" } ?? ""
      return "\(method)\(location) failed: \(error)"
    case .noInventoryExport:
      return "no inventory export has been taken from inbox/ yet; drop one there, or choose"
        + " another inventory source"
    case .inventoryExportUnreadable(let reason):
      return "the stored inventory export cannot be read: \(reason)"
    case .stateFailed(let reason):
      return "the state database failed: \(reason)"
    case .writeFailed(let error):
      return "\(error)"
    case .digestFailed(let path):
      return "libcrypto failed to compute the SHA-256 of \(path)"
    }
  }
}

/// The class of an `InventoryFeedError`, which decides the exit status of `once`.
package enum InventoryFailureKind: Sendable, Equatable {
  /// Komet could not be reached, returned 5xx or 429, or the day's allowance is used up.
  case kometUnreachable
  /// The settings or tokens cannot work, such as a rejected token or a malformed ID.
  case configuration
  /// The data is unusable, such as a damaged inventory export or a response that cannot be read.
  case input
  /// The state database or the outbox failed.
  case internalFailure
}

extension InventoryFeedError {
  /// Sorts the error into the kind that decides the exit status of `once`.
  package var kind: InventoryFailureKind {
    switch self {
    case .noClient, .invalidCustomerId, .invalidLocationId:
      return .configuration
    case .noInventoryExport, .inventoryExportUnreadable:
      return .input
    case .stateFailed, .writeFailed, .digestFailed:
      return .internalFailure
    case .kometFailed(_, _, let error):
      switch error {
      case .transport, .outcomeUnknown, .quotaExhausted:
        return .kometUnreachable
      case .httpStatus(_, let status, _, _) where status == 429 || status >= 500:
        return .kometUnreachable
      case .httpStatus(_, let status, _, _) where status == 401 || status == 403:
        return .configuration
      case .komet(.rejected), .komet(.noTokenForMethod), .insecureBaseURL, .invalidBaseURL:
        return .configuration
      default:
        return .input
      }
    }
  }
}
