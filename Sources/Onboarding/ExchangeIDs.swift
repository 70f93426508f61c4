import Configuration
import Foundation
import Komet
import StateStore

/// Resolves the IDs the whole exchange uses from the settings and the IDs the intake stored.
///
/// `komet.dwfCustomerId` and `komet.defaultLocationId`, from the config file or the
/// environment, take precedence over the exports. Otherwise the DWF customer and the locations
/// come from the customers and locations exports stored in `known_ids`, and a single location
/// is the default location.
package enum ExchangeIDs {
  /// Returns the resolved IDs and tokens, with a `MissingItem` for each value not found.
  ///
  /// - Throws: `StateStoreError` when `known_ids` cannot be read, and
  ///   `OnboardingError.invalidStoredID` for a stored ID that is not 1 to 20 digits.
  package static func resolve(settings: KometSettings, knownIDs: KnownIDs) throws
    -> ResolvedIDs
  {
    let storedCustomers = try resolvedExportIDs(try knownIDs.ids(.dwfCustomer))
    let storedLocations = try resolvedExportIDs(try knownIDs.ids(.location))

    var result = ResolvedIDs(exportedLocations: storedLocations)
    var missing: [MissingItem] = []

    if let id = settings.companyId.value {
      result.companyId = ResolvedID(id: id, source: .setting(settings.companyId.source))
    } else {
      missing.append(.companyId)
    }

    resolveTokens(settings, into: &result, missing: &missing)

    result.exportedDWFCustomer = storedCustomers.count == 1 ? storedCustomers[0] : nil
    if let id = settings.dwfCustomerId.value {
      result.dwfCustomer = ResolvedID(
        id: id, name: storedCustomers.first { $0.id == id }?.name,
        source: .setting(settings.dwfCustomerId.source))
    } else if storedCustomers.count == 1 {
      result.dwfCustomer = storedCustomers[0]
    } else if storedCustomers.isEmpty {
      missing.append(.dwfCustomerId)
    } else {
      missing.append(.ambiguousDWFCustomer(storedCustomers.map(\.id)))
    }

    resolveLocations(settings, stored: storedLocations, into: &result, missing: &missing)
    result.missing = missing
    result.overrideMismatches = overrideMismatches(
      settings, customers: storedCustomers, locations: storedLocations)
    return result
  }

  private static func resolveTokens(
    _ settings: KometSettings, into result: inout ResolvedIDs, missing: inout [MissingItem]
  ) {
    if let token = settings.companyToken.value {
      result.companyToken = Sourced(token, from: settings.companyToken.source)
    } else {
      missing.append(.companyToken)
    }
    if let token = settings.customerToken.value {
      result.customerToken = Sourced(token, from: settings.customerToken.source)
    } else {
      missing.append(.customerToken)
    }
  }

  private static func resolveLocations(
    _ settings: KometSettings, stored: [ResolvedID], into result: inout ResolvedIDs,
    missing: inout [MissingItem]
  ) {
    let configured = settings.defaultLocationId.value.map { id in
      ResolvedID(
        id: id, name: stored.first { $0.id == id }?.name,
        source: .setting(settings.defaultLocationId.source))
    }

    if !stored.isEmpty {
      result.locations = stored
    } else if let configured {
      result.locations = [configured]
    } else {
      missing.append(.locationIds)
    }

    if let configured {
      result.defaultLocation = configured
    } else if stored.count == 1, case .export(let file, let time) = stored[0].source {
      var only = stored[0]
      only.source = .onlyLocation(file: file, recordedAt: time)
      result.defaultLocation = only
    } else if stored.isEmpty {
      missing.append(.defaultLocationWithoutLocations)
    } else {
      missing.append(.defaultLocationAmong(stored.map(\.id)))
    }
  }

  /// Returns a mismatch for each config override that the stored exports contradict: a DWF
  /// customer ID other than the export's, and a default location the export does not list.
  private static func overrideMismatches(
    _ settings: KometSettings, customers: [ResolvedID], locations: [ResolvedID]
  ) -> [IDMismatch] {
    var mismatches: [IDMismatch] = []
    if let id = settings.dwfCustomerId.value, !customers.isEmpty,
      !customers.contains(where: { $0.id == id })
    {
      mismatches.append(
        .overrideDiffers(
          key: "komet.dwfCustomerId", configured: id, exported: customers.map(\.id),
          export: exportFile(of: customers)))
    }
    if let id = settings.defaultLocationId.value, !locations.isEmpty,
      !locations.contains(where: { $0.id == id })
    {
      mismatches.append(
        .overrideDiffers(
          key: "komet.defaultLocationId", configured: id, exported: locations.map(\.id),
          export: exportFile(of: locations)))
    }
    return mismatches
  }

  private static func exportFile(of ids: [ResolvedID]) -> String {
    guard case .export(let file, _) = ids.first?.source else { return "the export" }
    return file
  }

  private static func resolvedExportIDs(_ known: [KnownID]) throws -> [ResolvedID] {
    try known.map { (stored) throws -> ResolvedID in
      guard let id = KometID(stored.id) else {
        throw OnboardingError.invalidStoredID(
          kind: stored.kind.rawValue, value: stored.id, file: stored.sourceFile)
      }
      return ResolvedID(
        id: id, name: stored.name,
        source: .export(file: stored.sourceFile, recordedAt: stored.recordedAt))
    }
  }
}
