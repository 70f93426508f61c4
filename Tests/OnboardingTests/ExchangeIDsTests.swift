import Configuration
import Foundation
import Komet
import KometSandbox
import Onboarding
import StateStore
import Testing

/// `ExchangeIDs.resolve`: precedence of config over exports, and each missing item.
struct ExchangeIDsTests {
  @Test func exportsGiveIDsWhenConfigIsSilent() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs(locations: [("200101", "Miami Warehouse")])

    let ids = try fixture.resolve(try fixture.settings(port: 1))

    #expect(ids.isComplete)
    #expect(ids.dwfCustomer?.id == Seeded.dwfCustomerId)
    #expect(ids.dwfCustomer?.name == "DWF Wholesale Florists")
    #expect(
      ids.dwfCustomer?.source
        == .export(file: "komet-customers.xlsx", recordedAt: OnboardingFixture.recordedAt))
    #expect(ids.locations.map(\.id.digits) == ["200101"])
    #expect(ids.defaultLocation?.id.digits == "200101")
    #expect(
      ids.defaultLocation?.source
        == .onlyLocation(file: "komet-locations.xlsx", recordedAt: OnboardingFixture.recordedAt))
    #expect(ids.overrideMismatches.isEmpty)
  }

  @Test func configFileOverridesExports() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs()
    let config = fixture.folder.appendingPathComponent("komet-dwf.json")
    try Data(
      #"{"komet": {"companyId": "4242", "dwfCustomerId": "10015", "defaultLocationId": "200102"}}"#
        .utf8
    ).write(to: config)
    let settings = try KometSettings.load(
      workspace: fixture.folder, environment: ["KOMET_COMPANY_ID": "77"])

    let ids = try fixture.resolve(settings)

    #expect(ids.companyId?.id.digits == "77")
    #expect(ids.companyId?.source == .setting(.environment(name: "KOMET_COMPANY_ID")))
    #expect(ids.dwfCustomer?.id.digits == "10015")
    #expect(
      ids.dwfCustomer?.source == .setting(.file(path: config.path, key: "komet.dwfCustomerId")))
    #expect(ids.exportedDWFCustomer?.id == Seeded.dwfCustomerId)
    #expect(ids.defaultLocation?.id.digits == "200102")
    #expect(ids.defaultLocation?.name == "Bogota Farm")
    #expect(
      ids.defaultLocation?.source
        == .setting(.file(path: config.path, key: "komet.defaultLocationId")))
    #expect(ids.locations.count == 4)
    #expect(ids.missingItem(.defaultLocation) == nil)
  }

  @Test func overrideThatDiffersFromExportIsMismatch() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs()
    let settings = try fixture.settings(
      port: 1, dwfCustomerId: "10015", defaultLocationId: "200777")

    let ids = try fixture.resolve(settings)

    #expect(ids.dwfCustomer?.id.digits == "10015")
    #expect(ids.defaultLocation?.id.digits == "200777")
    #expect(
      ids.overrideMismatches == [
        .overrideDiffers(
          key: "komet.dwfCustomerId", configured: KometID("10015")!,
          exported: [Seeded.dwfCustomerId], export: "komet-customers.xlsx"),
        .overrideDiffers(
          key: "komet.defaultLocationId", configured: KometID("200777")!,
          exported: Seeded.locations.map { KometID($0.0)! }, export: "komet-locations.xlsx"),
      ])
  }

  @Test func configuredDefaultLocationStandsInForExport() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs(locations: [])

    let ids = try fixture.resolve(try fixture.settings(port: 1, defaultLocationId: "200101"))

    #expect(ids.locations.map(\.id.digits) == ["200101"])
    #expect(ids.exportedLocations.isEmpty)
    #expect(ids.missingItem(.locationIds) == nil)
    #expect(ids.isComplete)
    #expect(ids.overrideMismatches.isEmpty)
  }

  /// One case per missing item: the settings or stored IDs that leave it out.
  struct MissingCase: Sendable, CustomStringConvertible {
    var kind: MissingItem.Kind
    var companyId = true
    var companyToken = true
    var customerToken = true
    var customers: [(String, String)] = [(SandboxState.dwfCustomerId, "DWF")]
    var locations: [(String, String)] = [("200101", "Miami Warehouse")]
    var howContains: String
    /// Items that follow from the same gap, such as the default location without locations.
    var alsoMissing: [MissingItem.Kind] = []

    var description: String { kind.rawValue }
  }

  static let missingCases: [MissingCase] = [
    MissingCase(kind: .companyId, companyId: false, howContains: "KOMET_COMPANY_ID"),
    MissingCase(kind: .companyToken, companyToken: false, howContains: "KOMET_COMPANY_TOKEN"),
    MissingCase(
      kind: .customerToken, customerToken: false, howContains: "komet.tokenFiles.customer"),
    MissingCase(
      kind: .dwfCustomerId, customers: [],
      howContains: "Setup > Customers, click Export to Excel and drop the file into inbox/"),
    MissingCase(
      kind: .dwfCustomerId, customers: [("10012", "DWF"), ("10015", "DWF old")],
      howContains: "matched several customers (10012, 10015)"),
    MissingCase(
      kind: .locationIds, locations: [],
      howContains: "Setup > Locations, click Export to Excel and drop the file into inbox/;"
        + " the last column", alsoMissing: [.defaultLocation]),
    MissingCase(
      kind: .defaultLocation, locations: [("200101", "Miami"), ("200102", "Bogota")],
      howContains: "lists 2 locations (200101, 200102)"),
  ]

  @Test(arguments: missingCases) func eachMissingItemSaysHow(_ testCase: MissingCase) throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs(customers: testCase.customers, locations: testCase.locations)
    let settings = try fixture.settings(
      port: 1, companyId: testCase.companyId,
      companyToken: testCase.companyToken ? SandboxTokens.company : nil,
      customerToken: testCase.customerToken ? SandboxTokens.customer : nil)

    let ids = try fixture.resolve(settings)

    let item = try #require(ids.missingItem(testCase.kind))
    #expect(item.instructions.contains(testCase.howContains))
    #expect(ids.missing.map(\.kind) == [testCase.kind] + testCase.alsoMissing)
    #expect(!ids.isComplete)
  }

  @Test func noLocationsLeavesBothLocationItemsMissing() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    try fixture.storeKnownIDs(locations: [])

    let ids = try fixture.resolve(try fixture.settings(port: 1))

    #expect(ids.missing.map(\.kind) == [.locationIds, .defaultLocation])
    #expect(ids.missingItem(.defaultLocation)?.instructions.contains("single location") == true)
  }

  @Test func overlongStoredIDIsRejected() throws {
    let fixture = try OnboardingFixture(startsSandbox: false)
    let overlong = String(repeating: "1", count: KometID.maxDigits + 1)
    try fixture.storeKnownIDs(customers: [(overlong, "DWF")])

    #expect(
      throws: OnboardingError.invalidStoredID(
        kind: "dwfCustomer", value: overlong, file: "komet-customers.xlsx")
    ) {
      try fixture.resolve(try fixture.settings(port: 1))
    }
  }
}
