import Foundation
import Komet
import KometClient
import LoopbackHTTP
import Testing

struct DryRunTests {
  static let customer = KometID("7122")!

  @Test func writesFilesAndReturnsPlaceholders() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","customers":[]}"#) }
    let fixture = try ClientFixture()
    let outbox = KometClientConfiguration.dryRunFolder(inWorkspace: fixture.folder)
    let client = try fixture.makeClient(baseURL: komet.apiURL) { $0.dryRunFolder = outbox }

    let first = try await client.createWebOrder(WebOrderCreateRequest(customerId: Self.customer))
    let second = try await client.createWebOrder(WebOrderCreateRequest(customerId: Self.customer))
    let added = try await client.addWebOrderItems(
      WebOrderItemAddRequest(
        customerId: Self.customer, webOrderId: first.webOrderId, inventoryIds: [KometID("5")!],
        inventoryOrigin: .onHand, price: Decimal(string: "1.25")!, quantity: 3,
        carrierId: KometID("31")!))
    _ = try await client.deleteWebOrder(
      WebOrderDeleteRequest(customerId: Self.customer, webOrderId: second.webOrderId))
    _ = try await client.customers()

    #expect(first.webOrderId.digits == "DRY-RUN-1")
    #expect(second.webOrderId.digits == "DRY-RUN-2")
    #expect(added.webOrderId == first.webOrderId)
    // Only the read reached the server.
    #expect(komet.log.requests.map(\.path) == ["/api/customer.list"])

    let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
    #expect(names.count == 4)
    let pattern = #/^\d{6}-[a-z.-]+-\d{8}T\d{6}\.\d{3}Z\.json$/#
    #expect(names.allSatisfy { $0.wholeMatch(of: pattern) != nil })
    #expect(names.map { String($0.prefix(6)) } == ["000001", "000002", "000003", "000004"])
    #expect(names[2].contains("web-order-item.add"))

    let text = try String(contentsOf: outbox.appendingPathComponent(names[2]), encoding: .utf8)
    let document = try JSONParser.parse(Array(text.utf8))
    #expect(document["method"] == .string("web-order-item.add"))
    #expect(document["body"]?["webOrderId"] == .string("DRY-RUN-1"))
    #expect(document["token"]?["masked"] == .string("cusT… (27 characters)"))
    #expect(try fixture.findLeak() == nil)
  }

  @Test func sequenceContinuesAfterRestart() async throws {
    let fixture = try ClientFixture()
    let outbox = KometClientConfiguration.dryRunFolder(inWorkspace: fixture.folder)
    let url = URL(string: "http://127.0.0.1:9/api/")!
    let first = try fixture.makeClient(baseURL: url) { $0.dryRunFolder = outbox }
    _ = try await first.createWebOrder(WebOrderCreateRequest(customerId: Self.customer))

    let second = try fixture.makeClient(baseURL: url) { $0.dryRunFolder = outbox }
    _ = try await second.checkoutWebOrder(
      WebOrderCheckoutRequest(customerId: Self.customer, webOrderId: KometID("9001")!))

    let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
    #expect(names.map { String($0.prefix(6)) } == ["000001", "000002"])
    #expect(names.allSatisfy { !$0.hasPrefix(".") })
  }

  @Test func readWithPlaceholderIsNotSent() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","webOrders":[]}"#) }
    let fixture = try ClientFixture()
    let outbox = KometClientConfiguration.dryRunFolder(inWorkspace: fixture.folder)
    let client = try fixture.makeClient(baseURL: komet.apiURL) { $0.dryRunFolder = outbox }
    let order = try await client.createWebOrder(WebOrderCreateRequest(customerId: Self.customer))

    let error = await clientError { () async throws(KometClientError) in
      try await client.webOrderDetails(
        WebOrderDetailsListRequest(customerId: Self.customer, webOrderId: order.webOrderId))
    }

    #expect(error == .placeholderID(method: .webOrderDetailsList, id: "DRY-RUN-1"))
    #expect(komet.log.requests.isEmpty)
  }

  @Test func placeholderWriteOutsideDryRunIsNotSent() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","webOrderId":"1"}"#) }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.deleteWebOrder(
        WebOrderDeleteRequest(customerId: Self.customer, webOrderId: KometID(dryRunSequence: 3)))
    }

    #expect(error == .placeholderID(method: .webOrderDelete, id: "DRY-RUN-3"))
    #expect(komet.log.requests.isEmpty)
  }
}
