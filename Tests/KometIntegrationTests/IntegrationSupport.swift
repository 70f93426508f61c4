import Foundation
import Komet
import KometClient
import KometSandbox
import Logging
import StateStore
import Testing

/// The seeded sandbox's IDs, from `SandboxState.seeded`.
enum Seeded {
  static let companyId = KometID(SandboxState.seededCompanyId)!
  static let customerId = KometID(SandboxState.dwfCustomerId)!
  static let miami = KometID("200101")!
  static let locationIds = ["200101", "200102", "200103", "200104"]
  static let carrierId = KometID("3101")!
  static let shipToId = KometID("61001")!
  static let soldOutLine = KometID("5100004")!
  static let twoBoxLine = KometID("5100003")!
  static let tokens = [
    SandboxTokens.company, SandboxTokens.customer, SandboxTokens.user, SandboxTokens.vendor,
  ]

  /// Returns the sandbox's Company, Customer and User tokens as client tokens.
  static func clientTokens() -> KometTokens {
    try! KometTokens(
      company: Token(role: .company, secret: SandboxTokens.company),
      customer: Token(role: .customer, secret: SandboxTokens.customer),
      user: Token(role: .user, secret: SandboxTokens.user))
  }
}

/// A seeded sandbox with 2-second timeouts and a temporary workspace holding the state
/// database, with the means to make clients against it and to scan for leaked tokens.
final class SandboxFixture {
  let sandbox: KometSandbox
  let folder: URL
  let logs = InMemoryLogHandler()

  init(dailyLimit: Int = 1000, state: SandboxState? = nil) throws {
    var configuration = SandboxConfiguration()
    configuration.dailyLimit = dailyLimit
    configuration.requestTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(5)
    sandbox = try KometSandbox(state: state, configuration: configuration)
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-integration-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit {
    sandbox.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  var databasePath: String { folder.appendingPathComponent(StateSchema.relativePath).path }

  var logger: Logger { Logger(label: "komet-integration", handler: logs, minimumLevel: .trace) }

  /// Makes a client for the sandbox with 2-second timeouts and retry waits of 1 ms at most.
  func makeClient(
    tokens: KometTokens = Seeded.clientTokens(),
    configure: (inout KometClientConfiguration) -> Void = { _ in }
  ) throws -> KometClient {
    var configuration = KometClientConfiguration(companyId: Seeded.companyId, tokens: tokens)
    configuration.baseURL = sandbox.baseURL
    configuration.requestTimeout = 2
    configuration.resourceTimeout = 2
    configuration.retry = RetryPolicy(
      maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1))
    configure(&configuration)
    let database = try StateSchema.open(path: databasePath)
    return try KometClient(configuration: configuration, database: database, logger: logger)
  }

  /// Returns a request adding `quantity` boxes of on-hand line `inventoryId` at its seeded
  /// price to `webOrderId`, shipped to DWF Atlanta by Armellini.
  func addRequest(
    _ inventoryId: KometID, quantity: Int, to webOrderId: KometID?
  ) throws -> WebOrderItemAddRequest {
    let line = try #require(sandbox.state.inventory.first { $0.inventoryId == inventoryId.digits })
    var request = WebOrderItemAddRequest(
      customerId: Seeded.customerId, webOrderId: webOrderId, inventoryIds: [inventoryId],
      inventoryOrigin: .onHand, price: try #require(Decimal(string: line.price)),
      quantity: quantity, carrierId: Seeded.carrierId, date: KometDate(line.availableDate))
    request.companyLocationId = Seeded.miami
    request.shipToId = Seeded.shipToId
    request.markCode = "DWF-ATL"
    return request
  }

  /// Creates a DWF web order at Miami with one box of `inventoryId` and returns its ID.
  func createOrder(
    on client: KometClient, with inventoryId: KometID = KometID("5100001")!
  ) async throws -> KometID {
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    _ = try await client.addWebOrderItems(
      addRequest(inventoryId, quantity: 1, to: created.webOrderId))
    return created.webOrderId
  }

  /// The paths the sandbox logged, oldest first.
  var loggedPaths: [String] { sandbox.requestLog.map(\.path) }

  /// Returns the boxes left on inventory line `id`.
  func boxes(_ id: KometID) -> Int? {
    sandbox.state.inventory.first { $0.inventoryId == id.digits }?.availableBoxes
  }

  /// Returns each leaked sandbox token found in a log line, the request log, the dumped state,
  /// a file under the workspace or `texts`, with where it was found.
  func findLeaks(alsoIn texts: [String] = []) throws -> [String] {
    var places: [(String, String)] = logs.lines.map { ("log line", $0) }
    places += texts.map { ("text", $0) }
    let log = try JSONEncoder().encode(sandbox.requestLog)
    places.append(("request log", String(decoding: log, as: UTF8.self)))
    places.append(("dumped state", String(decoding: sandbox.dumpState(), as: UTF8.self)))

    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      places.append((file.lastPathComponent, text))
    }

    return places.compactMap { place, text in
      TokenScan.firstLeak(in: text).map { "\(place): \($0)" }
    }
  }
}

/// Looks for each sandbox token, whole or percent-encoded, in text.
enum TokenScan {
  static func forms(of token: String) -> [String] {
    [
      token, token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
      token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
    ]
  }

  static func firstLeak(in text: String) -> String? {
    for token in Seeded.tokens {
      if let form = forms(of: token).first(where: { text.contains($0) }) { return form }
    }
    return nil
  }

  /// Returns every form of `error` a caller might print.
  static func printedForms(of error: any Error) -> [String] {
    var dumped = ""
    dump(error, to: &dumped)
    return [
      String(describing: error), String(reflecting: error), dumped,
      (error as NSError).localizedDescription,
    ]
  }
}

/// Runs `body`, expecting it to throw a `KometClientError`, and returns that error.
func clientError<T>(
  _ body: () async throws(KometClientError) -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> KometClientError? {
  do {
    _ = try await body()
    Issue.record("expected a KometClientError", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}
