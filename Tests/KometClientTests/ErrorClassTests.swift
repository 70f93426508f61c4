import Foundation
import Komet
import KometClient
import LoopbackHTTP
import Testing

struct ErrorClassTests {
  @Test func statusZeroIsRejectionWithoutRetry() async throws {
    let komet = try ScriptedKomet { _ in
      .json(#"{"status":"0","message":"Inventory sold out","availableBoxes":"0"}"#)
    }
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(baseURL: komet.apiURL, clock: clock)

    let error = await clientError { () async throws(KometClientError) in
      try await client.openMarketInventory()
    }

    guard case .komet(.rejected(let rejection)) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(rejection.message == "Inventory sold out")
    #expect(rejection.availableBoxes == 0)
    #expect(komet.log.requests.count == 1)
    #expect(clock.recorded.isEmpty)
  }

  @Test func statusZeroWithClientErrorStatusIsRejection() async throws {
    let komet = try ScriptedKomet { _ in
      .json(#"{"status":0,"message":"Invalid token"}"#, status: 401)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.customers()
    }

    guard case .komet(.rejected(let rejection)) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(rejection.message == "Invalid token")
  }

  @Test(arguments: [
    ("Invalid token", true),
    ("The daily limit of 1000 requests for this token was reached", false),
    ("Inventory sold out", false),
  ])
  func tokenRejectionReadFromMessage(message: String, isTokenRejection: Bool) async throws {
    let komet = try ScriptedKomet { _ in
      .json(#"{"status":"0","message":"\#(message)"}"#)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.customers()
    }

    let method = try #require(error).tokenRejectionMethod
    #expect((method != nil) == isTokenRejection, "\(message)")
  }

  @Test func htmlBodyIsHTMLError() async throws {
    let komet = try ScriptedKomet { _ in
      let page = "<html><body>Bad gateway</body></html>"
      return .respond(HTTPResponse(text: page, contentType: "text/html"))
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.carriers()
    }

    guard case .komet(.htmlResponse(let method, let bodyStart)) = error else {
      Issue.record("expected an HTML error, got \(String(describing: error))")
      return
    }
    #expect(method == .carrierList)
    #expect(bodyStart.hasPrefix("<html>"))
  }

  @Test func brokenJSONIsInvalidJSONWithTokenMasked() async throws {
    // A body that echoes the request's query puts the token in the excerpt unless it is masked.
    let komet = try ScriptedKomet { request in
      .json("{\"status\":\"1\", echo: \(request.query ?? "")")
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.boxTypes()
    }

    guard case .komet(.invalidJSON(let method, _, _, _)) = error else {
      Issue.record("expected invalid JSON, got \(String(describing: error))")
      return
    }
    #expect(method == .boxTypeList)
    #expect(try fixture.findLeak(alsoIn: ClientFixture.printedForms(of: error!)) == nil)
  }

  @Test func requestOverLimitIsNotSent() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","webOrderId":"1"}"#) }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)
    // 4,000 IDs of 16 digits joined with commas are about 68,000 bytes of body.
    let ids = (0..<4000).map { KometID(UInt64(1_000_000_000_000_000) + UInt64($0)) }
    let request = WebOrderItemAddRequest(
      customerId: KometID("7122")!, webOrderId: KometID("9001")!, inventoryIds: ids,
      inventoryOrigin: .onHand, price: 1, quantity: 1, carrierId: KometID("31")!)

    let error = await clientError { () async throws(KometClientError) in
      try await client.addWebOrderItems(request)
    }

    guard case .komet(.requestTooLarge(let method, let bytes, let limit)) = error else {
      Issue.record("expected requestTooLarge, got \(String(describing: error))")
      return
    }
    #expect(method == .webOrderItemAdd)
    #expect(bytes > limit)
    #expect(komet.log.requests.isEmpty)
  }

  @Test func wrongShapeIsMissingField() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","message":"ok"}"#) }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.locations()
    }

    guard case .komet(.missingField(let method, _)) = error else {
      Issue.record("expected a missing field, got \(String(describing: error))")
      return
    }
    #expect(method == .locationList)
  }

  @Test func redirectIsNotFollowed() async throws {
    let komet = try ScriptedKomet { _ in
      var response = HTTPResponse(status: 302, text: "moved")
      response.headers.add(name: "Location", value: "http://127.0.0.1:9/elsewhere")
      return .respond(response)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let error = await clientError { () async throws(KometClientError) in
      try await client.customers()
    }

    // FoundationNetworking hands over a refused redirect's response without its body.
    guard case .httpStatus(.customerList, 302, 1, _) = error else {
      Issue.record("expected HTTP 302, got \(String(describing: error))")
      return
    }
    #expect(komet.log.requests.count == 1)
  }

  @Test(arguments: [
    "http://api.kometsales.com/api/", "http://10.0.0.5:8080/api/", "ftp://127.0.0.1/api/",
  ])
  func insecureBaseURLIsRejected(text: String) throws {
    let fixture = try ClientFixture()

    #expect(throws: KometClientError.insecureBaseURL(text)) {
      _ = try fixture.makeClient(baseURL: URL(string: text)!)
    }
  }

  @Test func baseURLWithQueryIsRejectedWithoutIt() throws {
    let fixture = try ClientFixture()
    let url = URL(string: "https://api.kometsales.com/api/?authenticationToken=\(Secrets.company)")!

    #expect(
      throws: KometClientError.invalidBaseURL(
        "https://api.kometsales.com/api/?(query removed)",
        reason: "it has a query or fragment. Remove it, because method names are appended to the"
          + " path")
    ) {
      _ = try fixture.makeClient(baseURL: url)
    }
  }

  @Test(arguments: [
    "https://api.kometsales.com/api/", "http://127.0.0.1:8080/api/", "http://[::1]:8080/api/",
    "http://localhost/api/",
  ])
  func acceptedBaseURL(text: String) throws {
    let fixture = try ClientFixture()

    _ = try fixture.makeClient(baseURL: URL(string: text)!)
  }
}
