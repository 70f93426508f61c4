import Foundation
import Testing

@testable import Komet

struct RequestSizeTests {
  @Test func byteCountIsExactWireSize() throws {
    let request = try build(.webOrderCreate, in: TestTokens.context())
    let body = try #require(request.bodyWithToken)
    let components = try #require(
      URLComponents(url: request.urlWithToken, resolvingAgainstBaseURL: false))
    var wire = "POST \(components.percentEncodedPath) HTTP/1.1\r\nHost: api.kometsales.com\r\n"
    for header in request.headersWithToken {
      wire += "\(header.name): \(header.value)\r\n"
    }
    wire += "Content-Length: \(body.count)\r\n\r\n"

    #expect(request.byteCount == wire.utf8.count + body.count)
  }

  @Test func requestAtLimitIsBuiltAndOneByteMoreIsRejected() throws {
    let limit = KometLimits.maxRequestBytes
    var unlimited = TestTokens.context()
    unlimited.maxRequestBytes = .max
    var call = itemAdd()

    // Each added ID adds 8 bytes (",1234567"). Adding stops within 10 bytes of the limit, and the
    // last ID then gets as many digits as the remaining bytes need.
    func size() throws -> Int { try KometRequestBuilder.build(call, in: unlimited).byteCount }
    call.inventoryIds += Array(repeating: .test("1234567"), count: (limit - (try size())) / 8 - 2)
    while try size() + 8 < limit - 2 {
      call.inventoryIds.append(.test("1234567"))
    }
    call.inventoryIds.append(.test("9"))
    let digits = 1 + limit - (try size())
    call.inventoryIds[call.inventoryIds.count - 1] = .test(String(repeating: "9", count: digits))
    let atLimit = try KometRequestBuilder.build(call, in: TestTokens.context())

    #expect(atLimit.byteCount == limit)

    call.inventoryIds[call.inventoryIds.count - 1] =
      .test(String(repeating: "9", count: digits + 1))
    #expect(
      throws: KometError.requestTooLarge(
        method: .webOrderItemAdd, bytes: limit + 1, limit: limit)
    ) {
      try KometRequestBuilder.build(call, in: TestTokens.context())
    }
  }

  @Test func oversizedQueryIsRejected() {
    let name = String(repeating: "n", count: 200)
    var context = TestTokens.context()
    context.maxRequestBytes = 300
    #expect(throws: KometError.self) {
      try KometRequestBuilder.build(CustomerListRequest(name: name), in: context)
    }
  }

  private func itemAdd() -> WebOrderItemAddRequest {
    WebOrderItemAddRequest(
      customerId: .test("7349"), inventoryIds: [.test("1")], inventoryOrigin: .onHand, price: 2,
      quantity: 1, carrierId: .test("1360"))
  }
}
