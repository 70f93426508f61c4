import Komet
import Testing

/// The checklist's line on `orders.defaultCarrierId`, checked against the sandbox's
/// `carrier.list`.
struct CarrierChecklistTests {
  @Test func unsetCarrierExplainsRejection() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(try fixture.settings(defaultLocationId: "200101"))
    let checklist = unwrapped(report.checklist())

    #expect(checklist.contains("[not set] Default carrier (orders.defaultCarrierId)"))
    #expect(checklist.contains("An order that names no carrier_id or carrier_code is rejected."))
    #expect(checklist.contains("an ID from outbox/dwf/onboarding/carriers.json."))
    #expect(report.status == .complete)
  }

  @Test func listedCarrierShowsName() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(
      try fixture.settings(defaultLocationId: "200101"), defaultCarrier: KometID(3101))

    #expect(
      report.checklist().contains(
        "[done]    Default carrier: 3101 Armellini (orders.defaultCarrierId in komet-dwf.json)"))
    #expect(report.status == .complete)
  }

  @Test func unlistedCarrierWarns() async throws {
    let fixture = try OnboardingFixture()
    try fixture.storeKnownIDs()

    let report = try await fixture.run(
      try fixture.settings(defaultLocationId: "200101"), defaultCarrier: KometID(999))
    let checklist = unwrapped(report.checklist())

    #expect(checklist.contains("Warning: orders.defaultCarrierId 999"))
    #expect(checklist.contains("is not in Komet's carrier.list"))
    #expect(!checklist.contains("Default carrier: 999"))
  }
}
