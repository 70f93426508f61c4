import Configuration
import Foundation
import Komet
import KometClient
import KometSandbox
import LoopbackHTTP
import Onboarding
import StateStore
import Testing

/// `IDCrossCheck` against the sandbox over loopback HTTP: each mismatch kind and offline.
struct IDCrossCheckTests {
  /// Resolves the fixture's IDs for `settings` and cross-checks them with a client.
  func crossCheck(_ fixture: OnboardingFixture, _ settings: KometSettingsBuilder) async throws
    -> IDCrossCheckReport
  {
    let settings = try settings(fixture)
    let ids = try fixture.resolve(settings)
    let configuration = KometClientConfiguration(
      settings: settings, companyId: ids.companyId!.id, tokens: try settings.tokens)
    let client = try KometClient(
      configuration: configuration,
      database: try StateSchema.open(workspace: fixture.folder.path), logger: fixture.logger)
    return await IDCrossCheck.run(ids, client: client)
  }

  typealias KometSettingsBuilder = (OnboardingFixture) throws -> KometSettings

  @Test func seededSandboxAgreesWithSamples() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200101") }

    #expect(report.isComplete)
    #expect(report.mismatches.isEmpty)
    #expect(report.isDWFCustomerActive == true)
    let methods = fixture.sandbox!.requestLog.map(\.path)
    #expect(methods == ["/api/customer.list", "/api/location.list"])
  }

  @Test func inactiveDWFCustomerIsReported() async throws {
    var state = SandboxState.seeded()
    let index = try #require(state.customers.firstIndex { $0.id == SandboxState.dwfCustomerId })
    state.customers[index].isActive = false
    let fixture = try OnboardingFixture(state: state)
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200101") }

    #expect(report.isDWFCustomerActive == false)
    #expect(
      report.mismatches == [
        .dwfCustomerInactive(Seeded.dwfCustomerId, name: "DWF Wholesale Florists")
      ])
  }

  @Test func unknownDWFCustomerIsReported() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs(customers: [("99999", "DWF")])

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200101") }

    #expect(report.mismatches == [.dwfCustomerNotInKomet(KometID("99999")!)])
    #expect(report.isDWFCustomerActive == nil)
  }

  @Test func locationMissingFromExportIsReported() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs(locations: Array(Seeded.locations.prefix(3)))

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200101") }

    #expect(
      report.mismatches == [.locationNotInExport(KometID("200104")!, name: "Medellin Packhouse")])
  }

  @Test func exportedLocationMissingFromKometIsReported() async throws {
    var state = SandboxState.seeded()
    state.locations.removeAll { $0.id == "200103" }
    let fixture = try OnboardingFixture(state: state)
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200101") }

    #expect(report.mismatches == [.locationNotInKomet(KometID("200103")!, name: "Quito Farm")])
  }

  @Test func onlyExportedLocationMissingFromKometIsReportedOnce() async throws {
    var state = SandboxState.seeded()
    state.locations.removeAll { $0.id == "200101" }
    let fixture = try OnboardingFixture(state: state)
    try fixture.storeKnownIDs(locations: [("200101", "Miami Warehouse")])

    let report = try await crossCheck(fixture) { try $0.settings() }

    #expect(
      report.mismatches == [
        .locationNotInKomet(KometID("200101")!, name: "Miami Warehouse"),
        .locationNotInExport(KometID("200102")!, name: "Bogota Farm"),
        .locationNotInExport(KometID("200103")!, name: "Quito Farm"),
        .locationNotInExport(KometID("200104")!, name: "Medellin Packhouse"),
      ])
  }

  @Test func configuredDefaultLocationMissingFromKometIsReported() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs(locations: [])

    let report = try await crossCheck(fixture) { try $0.settings(defaultLocationId: "200777") }

    #expect(report.mismatches == [.defaultLocationNotInKomet(KometID("200777")!)])
  }

  @Test func overrideMismatchesComeFirst() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) {
      try $0.settings(dwfCustomerId: "10015", defaultLocationId: "200101")
    }

    #expect(report.mismatches.count == 2)
    guard case .overrideDiffers(let key, _, _, _) = report.mismatches.first else {
      Issue.record("expected an override mismatch first, got \(report.mismatches)")
      return
    }
    #expect(key == "komet.dwfCustomerId")
    #expect(
      report.mismatches.last
        == .dwfCustomerInactive(KometID("10015")!, name: "DWF Wholesale Florists (old account)"))
  }

  @Test func refusedPortGoesOnOffline() async throws {
    let refusing = try RefusingLoopbackPort()
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) {
      try $0.settings(port: refusing.port, defaultLocationId: "200101")
    }

    #expect(report.isKometUnreachable)
    #expect(report.failures.map(\.method) == [.customerList, .locationList])
    #expect(report.failures.map(\.kind) == [.unreachable, .notCalled])
    #expect(report.mismatches.isEmpty)
    refusing.release()
  }

  @Test func wrongCompanyTokenIsRefused() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await crossCheck(fixture) {
      try $0.settings(companyToken: "x9wrongtokenx9wrongtoken42", defaultLocationId: "200101")
    }

    #expect(report.failures.map(\.kind) == [.refused, .refused])
    #expect(!report.isKometUnreachable)
    #expect(report.failures.allSatisfy { !$0.reason.contains("x9wrongtokenx9wrongtoken42") })
  }
}
