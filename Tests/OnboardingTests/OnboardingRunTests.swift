import Configuration
import Foundation
import Komet
import KometSandbox
import LoopbackHTTP
import Onboarding
import Testing

/// `OnboardingRun` end to end: the files of `outbox/dwf/onboarding/`, failed lists, the token
/// package and the checklist.
struct OnboardingRunTests {
  @Test func completeRunWritesEveryFile() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(try fixture.settings(defaultLocationId: "200101"))

    #expect(report.status == .complete)
    #expect(
      report.written.map(\.path) == [
        "outbox/dwf/onboarding/ids.json", "outbox/dwf/onboarding/carriers.json",
        "outbox/dwf/onboarding/locations.json", "outbox/dwf/onboarding/ship-tos.json",
      ])
    #expect(report.leftOut.isEmpty)

    let ids = try fixture.onboardingFile("ids.json")
    #expect(ids["formatVersion"] == .number("1"))
    #expect(ids["generatedAt"] == .string("2026-01-02T00:00:00Z"))
    #expect(ids["companyId"] == .string("4242"))
    #expect(ids["dwfCustomerId"] == .string("10012"))
    #expect(ids["locationIds"]?.elements.compactMap(\.stringValue) == Seeded.locations.map(\.0))
    #expect(ids["defaultLocationId"] == .string("200101"))

    let carriers = try fixture.onboardingFile("carriers.json")
    #expect(carriers["formatVersion"] == .number("1"))
    #expect(carriers["carriers"]?.elements.count == 4)
    #expect(carriers["carriers"]?.elements.first?["id"] == .string("3101"))

    let shipTos = try fixture.onboardingFile("ship-tos.json")
    #expect(shipTos["customerId"] == .string("10012"))
    #expect(
      shipTos["shipTos"]?.elements.compactMap { $0["id"]?.stringValue } == [
        "61001", "61002", "61003",
      ])

    let locations = try fixture.onboardingFile("locations.json")
    #expect(locations["locations"]?.elements.count == 4)
    #expect(locations["formatVersion"] == .number("1"))
  }

  @Test func dwfFolderIsReadableByOthers() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    _ = try await fixture.run(try fixture.settings(defaultLocationId: "200101"))

    let folder = OnboardingRun.folder(in: fixture.workspace).path
    let attributes = try FileManager.default.attributesOfItem(atPath: folder)
    #expect((attributes[.posixPermissions] as? Int) == 0o755)
    let file = try FileManager.default.attributesOfItem(atPath: folder + "/ids.json")
    #expect((file[.posixPermissions] as? Int) == 0o644)
  }

  @Test func failedListKeepsPreviousFile() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()
    let settings = try fixture.settings(defaultLocationId: "200101")
    _ = try await fixture.run(settings)
    let before = try fixture.onboardingBytes("carriers.json")
    fixture.sandbox!.faults.add(
      .status(403), matching: RequestMatcher(path: "/api/carrier.list"), times: 5)

    let report = try await fixture.run(settings)

    #expect(report.status == .kometFailed)
    #expect(report.leftOut.map(\.path) == ["outbox/dwf/onboarding/carriers.json"])
    #expect(report.leftOut.first?.failure.kind == .refused)
    #expect(report.leftOut.first?.previousFileDate != nil)
    #expect(try fixture.onboardingBytes("carriers.json") == before)
    #expect(!report.written.map(\.path).contains("outbox/dwf/onboarding/carriers.json"))
    #expect(report.checklist().contains("left out outbox/dwf/onboarding/carriers.json"))
    #expect(unwrapped(report.checklist()).contains("is kept"))
  }

  @Test func failedListWithoutPreviousFileIsLeftOut() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()
    fixture.sandbox!.faults.add(
      .status(403), matching: RequestMatcher(path: "/api/customer.shipto.list"), times: 5)

    let report = try await fixture.run(try fixture.settings(defaultLocationId: "200101"))

    let shipTos = OnboardingRun.folder(in: fixture.workspace).appendingPathComponent(
      "ship-tos.json")
    #expect(!FileManager.default.fileExists(atPath: shipTos.path))
    #expect(report.leftOut.first?.previousFileDate == nil)
    #expect(unwrapped(report.checklist()).contains("no previous file exists"))
  }

  @Test func refusedPortWritesIDsOffline() async throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs()

    let report = try await fixture.run(
      try fixture.settings(port: refusing.port, defaultLocationId: "200101"))

    #expect(report.status == .kometUnreachable)
    #expect(report.written.map(\.path) == ["outbox/dwf/onboarding/ids.json"])
    #expect(report.leftOut.count == 3)
    #expect(report.leftOut.allSatisfy { $0.failure.kind == .notCalled })
    #expect(report.checklist().contains("Komet could not be reached"))
  }

  @Test func missingValuesGiveIncompleteChecklist() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs(customers: [], locations: [])

    let report = try await fixture.run(try fixture.settings(customerToken: nil))

    #expect(report.status == .incomplete)
    let text = report.checklist()
    #expect(text.contains("  [missing] Customer token (for the DWF customer)"))
    #expect(text.contains("  [missing] DWF customer ID\n            How: In Komet, open Setup >"))
    #expect(text.contains("  [missing] Location IDs"))
    #expect(text.contains("  [done]    Company token: c7q2… (26 characters)"))
    #expect(text.contains("Onboarding is not complete: 4 item(s) missing."))
    #expect(
      unwrapped(text).contains(
        "customer.shipto.list was not called: the DWF customer ID is missing"))
    let ids = try fixture.onboardingFile("ids.json")
    #expect(ids["dwfCustomerId"] == .null)
    #expect(ids["locationIds"] == .array([]))
  }

  @Test func checklistShowsValuesAndSources() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs(locations: [("200101", "Miami Warehouse")])

    let report = try await fixture.run(try fixture.settings())

    let text = report.checklist()
    #expect(text.contains("  [done]    Company ID: 4242 (environment variable KOMET_COMPANY_ID)"))
    #expect(
      text.contains(
        "  [done]    DWF customer ID: 10012 DWF Wholesale Florists (export komet-customers.xlsx,"
          + " read 2026-01-01T00:00:00Z)"))
    #expect(
      text.contains("  [done]    Default location: 200101 Miami Warehouse (the only location"))
    #expect(text.contains("DWF customer 10012 is active in Komet."))
    #expect(text.contains("Warning: location 200102 (Bogota Farm) is in Komet's location.list"))
    #expect(text.contains("Onboarding is complete."))
    #expect(!text.contains(SandboxTokens.company))
  }

  @Test func tokenPackageHasExactModes() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(
      try fixture.settings(defaultLocationId: "200101"), includesTokens: true)

    #expect(report.tokenPackage == .written(path: "outbox/onboarding/komet-native-connector.json"))
    let folder = ConnectorPackage.folder(in: fixture.workspace)
    let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)
    #expect((folderMode[.posixPermissions] as? Int) == 0o700)
    let file = folder.appendingPathComponent(ConnectorPackage.fileName)
    let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((fileMode[.posixPermissions] as? Int) == 0o600)

    let package = try JSONParser.parse(try Data(contentsOf: file))
    #expect(package["companyToken"] == .string(SandboxTokens.company))
    #expect(package["customerToken"] == .string(SandboxTokens.customer))
    #expect(package["companyId"] == .string("4242"))
    #expect(package["dwfCustomerId"] == .string("10012"))
    #expect(package["locationIds"]?.elements.count == 4)
    #expect(report.checklist().contains("WARNING: this file contains the whole Customer"))
  }

  @Test func tokenPackageTightensWideFolder() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()
    let folder = ConnectorPackage.folder(in: fixture.workspace)
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])

    _ = try await fixture.run(
      try fixture.settings(defaultLocationId: "200101"), includesTokens: true)

    let mode = try FileManager.default.attributesOfItem(atPath: folder.path)
    #expect((mode[.posixPermissions] as? Int) == 0o700)
  }

  @Test func tokenPackageNeedsEveryValue() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(
      try fixture.settings(customerToken: nil, defaultLocationId: "200101"), includesTokens: true)

    #expect(
      report.tokenPackage == .notWritten(.missing(["Customer token (for the DWF customer)"])))
    let folder = ConnectorPackage.folder(in: fixture.workspace)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    #expect(report.status == .incomplete)
  }
}
