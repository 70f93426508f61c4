import Komet
import KometClient

/// The cross-check's findings: the mismatches, and the lists it could not read.
package struct IDCrossCheckReport: Sendable {
  /// The mismatches found, config overrides that differ from the exports first.
  package var mismatches: [IDMismatch]
  /// The lists that could not be read, so their part of the check did not run.
  package var failures: [ListFailure]
  /// Whether Komet lists the DWF customer as active, or nil when that is not known.
  package var isDWFCustomerActive: Bool?

  package init(
    mismatches: [IDMismatch] = [], failures: [ListFailure] = [], isDWFCustomerActive: Bool? = nil
  ) {
    self.mismatches = mismatches
    self.failures = failures
    self.isDWFCustomerActive = isDWFCustomerActive
  }

  /// Whether both `customer.list` and `location.list` were read and compared.
  package var isComplete: Bool { failures.isEmpty }

  /// Whether a call found Komet unreachable.
  package var isKometUnreachable: Bool { failures.contains { $0.kind == .unreachable } }
}

/// Compares the resolved IDs with Komet's `customer.list` and `location.list`.
///
/// `customer.list` must contain the DWF customer ID, and `location.list` every location of the
/// stored locations export and the default location. A location only in Komet or only in the
/// export, and a config override that differs from the export, are mismatches too. All of
/// them are warnings, because the config wins. A list that cannot be read is named in
/// `failures`, and the check goes on offline with what it has.
package enum IDCrossCheck {
  /// Reads both lists with `client` and compares them. `run` and `once` call this at start.
  package static func run(_ ids: ResolvedIDs, client: KometClient) async -> IDCrossCheckReport {
    var reader = KometListReader(client: client)
    return await run(ids, reader: &reader).report
  }

  /// Reads both lists with `reader` and compares them, returning the lists for reuse.
  package static func run(_ ids: ResolvedIDs, reader: inout KometListReader) async
    -> (report: IDCrossCheckReport, locations: Result<[Location], ListFailure>)
  {
    let customers = await reader.customers(id: ids.dwfCustomer?.id)
    let locations = await reader.locations()
    return (compare(ids, customers: customers, locations: locations), locations)
  }

  /// Compares `ids` with the lists as read.
  package static func compare(
    _ ids: ResolvedIDs, customers: Result<[Customer], ListFailure>,
    locations: Result<[Location], ListFailure>
  ) -> IDCrossCheckReport {
    var report = IDCrossCheckReport(mismatches: ids.overrideMismatches)

    switch customers {
    case .success(let listed):
      if let dwf = ids.dwfCustomer?.id {
        compareCustomer(dwf, with: listed, into: &report)
      }
    case .failure(let failure):
      report.failures.append(failure)
    }

    switch locations {
    case .success(let listed):
      report.mismatches += locationMismatches(ids, komet: listed)
    case .failure(let failure):
      report.failures.append(failure)
    }
    return report
  }

  private static func compareCustomer(
    _ id: KometID, with listed: [Customer], into report: inout IDCrossCheckReport
  ) {
    guard let customer = listed.first(where: { $0.id == id }) else {
      report.mismatches.append(.dwfCustomerNotInKomet(id))
      return
    }
    report.isDWFCustomerActive = customer.active
    if customer.active == false {
      report.mismatches.append(.dwfCustomerInactive(id, name: customer.name))
    }
  }

  private static func locationMismatches(_ ids: ResolvedIDs, komet listed: [Location])
    -> [IDMismatch]
  {
    let kometIDs = Set(listed.map(\.id))
    let exportedIDs = Set(ids.exportedLocations.map(\.id))
    var mismatches: [IDMismatch] = []

    for location in ids.exportedLocations where !kometIDs.contains(location.id) {
      mismatches.append(.locationNotInKomet(location.id, name: location.name))
    }
    if !ids.exportedLocations.isEmpty {
      for location in listed.sorted(by: { $0.id < $1.id }) where !exportedIDs.contains(location.id)
      {
        mismatches.append(.locationNotInExport(location.id, name: location.name))
      }
    }
    // A default location from the export is reported above already.
    if let id = ids.defaultLocation?.id, !kometIDs.contains(id), !exportedIDs.contains(id) {
      mismatches.append(.defaultLocationNotInKomet(id))
    }
    return mismatches
  }
}
