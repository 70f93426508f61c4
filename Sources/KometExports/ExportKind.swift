/// The kind of Komet Sales export a table comes from.
package enum ExportKind: String, Sendable, CaseIterable, Codable {
  case customers
  case locations

  /// The singular noun for one row of this export, as messages use it ("customer ID").
  package var recordNoun: String {
    switch self {
    case .customers: return "customer"
    case .locations: return "location"
    }
  }

  /// The export's place in Komet's menus, as messages use it.
  package var menuName: String {
    switch self {
    case .customers: return "Setup > Customers"
    case .locations: return "Setup > Locations"
    }
  }
}
