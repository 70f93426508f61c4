import Configuration
import Komet

/// The IDs and tokens the exchange runs with, each with its source, and what is still missing.
package struct ResolvedIDs: Sendable {
  package var companyId: ResolvedID?
  package var dwfCustomer: ResolvedID?
  /// The locations the exchange reads: the locations export's, or only the configured default
  /// location when no locations export is stored.
  package var locations: [ResolvedID]
  package var defaultLocation: ResolvedID?
  /// The locations of the stored locations export, empty when none is stored.
  package var exportedLocations: [ResolvedID]
  /// The DWF customer of the stored customers export, which the config may override.
  package var exportedDWFCustomer: ResolvedID?
  package var companyToken: Sourced<Token>?
  package var customerToken: Sourced<Token>?
  /// The missing values, in the order the checklist lists them.
  package var missing: [MissingItem]
  /// Config overrides that differ from the exports. The config wins, so each is a warning.
  package var overrideMismatches: [IDMismatch]

  package init(
    companyId: ResolvedID? = nil, dwfCustomer: ResolvedID? = nil, locations: [ResolvedID] = [],
    defaultLocation: ResolvedID? = nil, exportedLocations: [ResolvedID] = [],
    exportedDWFCustomer: ResolvedID? = nil, companyToken: Sourced<Token>? = nil,
    customerToken: Sourced<Token>? = nil, missing: [MissingItem] = [],
    overrideMismatches: [IDMismatch] = []
  ) {
    self.companyId = companyId
    self.dwfCustomer = dwfCustomer
    self.locations = locations
    self.defaultLocation = defaultLocation
    self.exportedLocations = exportedLocations
    self.exportedDWFCustomer = exportedDWFCustomer
    self.companyToken = companyToken
    self.customerToken = customerToken
    self.missing = missing
    self.overrideMismatches = overrideMismatches
  }

  /// Whether nothing is missing.
  package var isComplete: Bool { missing.isEmpty }

  /// Returns the missing item of `kind`, or nil when that value is there.
  package func missingItem(_ kind: MissingItem.Kind) -> MissingItem? {
    missing.first { $0.kind == kind }
  }
}
