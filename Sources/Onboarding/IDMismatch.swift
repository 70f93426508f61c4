import Komet

/// A disagreement between the configured IDs, the exports and Komet. Each one is a warning:
/// the exchange goes on with the resolved IDs, in which the config wins over the exports.
package enum IDMismatch: Equatable, Sendable, CustomStringConvertible {
  /// `customer.list` does not contain the DWF customer ID, even with inactive customers.
  case dwfCustomerNotInKomet(KometID)
  /// `customer.list` lists the DWF customer as inactive.
  case dwfCustomerInactive(KometID, name: String?)
  /// A location of the locations export that `location.list` does not contain.
  case locationNotInKomet(KometID, name: String?)
  /// A location that `location.list` contains and the stored locations export does not.
  case locationNotInExport(KometID, name: String?)
  /// The default location is not in `location.list`.
  case defaultLocationNotInKomet(KometID)
  /// A config key's ID differs from the IDs that the export `export` gives.
  case overrideDiffers(key: String, configured: KometID, exported: [KometID], export: String)

  package var description: String {
    switch self {
    case .dwfCustomerNotInKomet(let id):
      return "DWF customer \(id) is not in Komet's customer.list, not even among inactive"
        + " customers. Check komet.dwfCustomerId, or export the customers again."
    case .dwfCustomerInactive(let id, let name):
      return "DWF customer \(id)\(Self.named(name)) is inactive in Komet. Activate it in"
        + " Setup > Customers, or set komet.dwfCustomerId to DWF's active customer."
    case .locationNotInKomet(let id, let name):
      return "location \(id)\(Self.named(name)) of the locations export is not in Komet's"
        + " location.list. Export the locations again and drop the file into inbox/."
    case .locationNotInExport(let id, let name):
      return "location \(id)\(Self.named(name)) is in Komet's location.list but not in the"
        + " stored locations export. Export the locations again and drop the file into inbox/."
    case .defaultLocationNotInKomet(let id):
      return "the default location \(id) is not in Komet's location.list. Check"
        + " komet.defaultLocationId."
    case .overrideDiffers(let key, let configured, let exported, let export):
      let listed = exported.map(\.digits).joined(separator: ", ")
      return "\(key) is \(configured), but \(export) gives \(listed). The configured value is"
        + " used."
    }
  }

  private static func named(_ name: String?) -> String {
    name.map { " (\($0))" } ?? ""
  }
}
