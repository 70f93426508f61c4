import Foundation
import Komet
import Workspace

/// The package of Komet's own set-up guide, for growers who use Komet's native DWF connector
/// instead of this tool: both tokens whole, the DWF customer ID, the company ID and the
/// location IDs.
///
/// This is the one file komet-dwf writes a whole token into. It goes to the grower-only
/// `outbox/onboarding/` (folder 0700, file 0600), outside `outbox/dwf/`, which DWF's SFTP
/// account reads.
package enum ConnectorPackage {
  package static let fileName = "komet-native-connector.json"
  package static let folderMode: mode_t = 0o700
  package static let fileMode: mode_t = 0o600

  /// The values the package contains.
  package struct Contents: Sendable {
    package var companyToken: Token
    package var customerToken: Token
    package var dwfCustomerId: KometID
    package var companyId: KometID
    package var locationIds: [KometID]
  }

  /// Returns the package's folder, `outbox/onboarding/`.
  package static func folder(in workspace: Workspace) -> URL {
    workspace.outbox.appendingPathComponent("onboarding", isDirectory: true)
  }

  /// Returns the contents, or why the package cannot be made from `ids`.
  static func contents(from ids: ResolvedIDs) -> Result<Contents, ConnectorPackageGap> {
    let needed: [MissingItem.Kind] = [
      .companyId, .companyToken, .customerToken, .dwfCustomerId, .locationIds,
    ]
    let absent = ids.missing.filter { needed.contains($0.kind) }
    guard absent.isEmpty, let companyToken = ids.companyToken?.value,
      let customerToken = ids.customerToken?.value, let dwfCustomer = ids.dwfCustomer,
      let companyId = ids.companyId, !ids.locations.isEmpty
    else {
      return .failure(.missing(absent.map(\.name)))
    }
    guard companyToken.role == .company else { return .failure(.vendorTokenInCompanySlot) }
    return .success(
      Contents(
        companyToken: companyToken, customerToken: customerToken,
        dwfCustomerId: dwfCustomer.id, companyId: companyId.id,
        locationIds: ids.locations.map(\.id)))
  }

  /// Writes the package and returns its path.
  static func write(_ contents: Contents, in workspace: Workspace, generatedAt: Date)
    throws(OnboardingError) -> URL
  {
    let folder = folder(in: workspace)
    try OutputFolder.prepare(folder, mode: folderMode, enforcesMode: true)
    let destination = folder.appendingPathComponent(fileName)
    let document = OnboardingJSON.connectorPackage(contents, generatedAt: generatedAt)
    do {
      try AtomicFileWriter(workspace: workspace)
        .write(IndentedJSON.data(for: document), to: destination, mode: fileMode)
    } catch {
      throw .writeFailed(error)
    }
    return destination
  }
}

/// The reason the token package was not written.
package enum ConnectorPackageGap: Error, Equatable, Sendable, CustomStringConvertible {
  /// The named values are missing.
  case missing([String])
  /// The Company slot contains a Vendor token, and Komet's connector takes a Company token.
  case vendorTokenInCompanySlot

  package var description: String {
    switch self {
    case .missing(let names):
      return "it needs " + names.joined(separator: ", ") + ", which the checklist lists as missing"
    case .vendorTokenInCompanySlot:
      return "the Company slot holds a Vendor token, and Komet's native connector takes a"
        + " Company token"
    }
  }
}
