import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Dry runs against the sandbox: reads are sent, writes become masked files.
struct DryRunTests {
  @Test func dryRunSendsReadsAndRecordsWrites() async throws {
    let fixture = try SandboxFixture()
    let outbox = KometClientConfiguration.dryRunFolder(inWorkspace: fixture.folder)
    let client = try fixture.makeClient { $0.dryRunFolder = outbox }

    let locations = try await client.locations()
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    let added = try await client.addWebOrderItems(
      fixture.addRequest(KometID("5100001")!, quantity: 1, to: created.webOrderId))
    let checkedOut = try await client.checkoutWebOrder(
      WebOrderCheckoutRequest(
        customerId: Seeded.customerId, webOrderId: created.webOrderId,
        companyLocationId: Seeded.miami))
    let deleted = try await client.deleteWebOrder(
      WebOrderDeleteRequest(customerId: Seeded.customerId, webOrderId: created.webOrderId))

    #expect(locations.locations.count == 4)
    #expect(created.webOrderId.description == "DRY-RUN-1")
    #expect(added.webOrderId == created.webOrderId)
    #expect(checkedOut.webOrderId == created.webOrderId)
    #expect(deleted.webOrderId == created.webOrderId)
    #expect(fixture.loggedPaths == ["/api/location.list"])
    #expect(fixture.sandbox.state.webOrders.isEmpty)

    let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
    let texts = try files.map { name in
      String(decoding: try Data(contentsOf: outbox.appendingPathComponent(name)), as: UTF8.self)
    }
    #expect(files.count == 4)
    let masks = [SandboxTokens.customer, SandboxTokens.user].map { String($0.prefix(4)) }
    #expect(texts.allSatisfy { text in masks.contains { text.contains($0) } })
    #expect(texts.allSatisfy { TokenScan.firstLeak(in: $0) == nil })
    #expect(try fixture.findLeaks().isEmpty)
  }

  @Test func dryRunPlaceholderIsNotSentInRead() async throws {
    let fixture = try SandboxFixture()
    let outbox = KometClientConfiguration.dryRunFolder(inWorkspace: fixture.folder)
    let client = try fixture.makeClient { $0.dryRunFolder = outbox }
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))

    let error = await clientError { () async throws(KometClientError) in
      try await client.webOrderDetails(
        WebOrderDetailsListRequest(
          customerId: Seeded.customerId, webOrderId: created.webOrderId,
          companyLocationId: Seeded.miami))
    }

    #expect(error == .placeholderID(method: .webOrderDetailsList, id: "DRY-RUN-1"))
    #expect(fixture.sandbox.requestLog.isEmpty)
  }
}
