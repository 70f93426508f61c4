import Foundation
import Glibc
import Komet
import KometClient
import Logging
import LoopbackHTTP
import StateStore
import Synchronization
import Testing

/// Token texts with `+`, `/` and `=`, so their percent-encoded forms differ from the raw ones
/// and a scan can look for both.
enum Secrets {
  static let company = "cmpT0ken+Ab/Cd=Ef0123456789"
  static let customer = "cusT0ken+Gh/Ij=Kl9876543210"
  static let user = "usrT0ken+Mn/Op=Qr1357924680"
  static let all = [company, customer, user]

  static func tokens() -> KometTokens {
    try! KometTokens(
      company: Token(role: .company, secret: company),
      customer: Token(role: .customer, secret: customer),
      user: Token(role: .user, secret: user))
  }

  /// Returns the first whole token found in `text`, raw or percent-encoded, or nil.
  static func leak(in text: String) -> String? {
    for secret in all {
      let forms = [
        secret, QueryText.encode(secret),
        secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
        secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
      ]
      if let form = forms.first(where: { text.contains($0) }) { return form }
    }
    return nil
  }
}

/// Every request a scripted server received, in order.
final class RequestLog: Sendable {
  private let stored = Mutex<[HTTPRequest]>([])

  func append(_ request: HTTPRequest) {
    stored.withLock { $0.append(request) }
  }

  var requests: [HTTPRequest] { stored.withLock { $0 } }
}

/// A `LoopbackServer` whose replies the test scripts, recording what it received.
final class ScriptedKomet: Sendable {
  let server: LoopbackServer
  let log = RequestLog()

  init(port: UInt16 = 0, _ reply: @escaping @Sendable (HTTPRequest) -> HTTPReply) throws {
    var configuration = ServerConfiguration()
    configuration.port = port
    configuration.requestTimeout = .seconds(5)
    configuration.idleTimeout = .seconds(120)
    let log = self.log
    server = try LoopbackServer(configuration: configuration) { request in
      log.append(request)
      return reply(request)
    }
  }

  /// The base URL the client appends method paths to.
  var apiURL: URL { server.baseURL.appendingPathComponent("api/") }

  deinit { server.stop() }
}

extension HTTPReply {
  /// Returns a reply with `text` as a JSON body.
  static func json(_ text: String, status: Int = 200) -> HTTPReply {
    .respond(HTTPResponse(status: status, text: text, contentType: "application/json"))
  }
}

/// Records each retry wait instead of sleeping, and runs `onSleep` first.
final class RecordingClock: RetryClock {
  private let waits = Mutex<[Duration]>([])
  private let onSleep: @Sendable (Int) -> Void

  init(onSleep: @escaping @Sendable (Int) -> Void = { _ in }) {
    self.onSleep = onSleep
  }

  func sleep(for duration: Duration) async throws {
    let count = waits.withLock { waits in
      waits.append(duration)
      return waits.count
    }
    onSleep(count)
  }

  var recorded: [Duration] { waits.withLock { $0 } }
}

/// Returns the same jitter fraction every time.
struct FixedJitter: JitterSource {
  let value: Double

  func fraction() -> Double { value }
}

/// A temporary workspace with a state database path, a log handler and the means to make
/// clients, and a scan for tokens in everything the test wrote.
final class ClientFixture {
  let folder: URL
  let logs = InMemoryLogHandler()

  init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("kometclient-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  var databasePath: String { folder.appendingPathComponent(StateSchema.relativePath).path }

  var logger: Logger { Logger(label: "komet-client-test", handler: logs, minimumLevel: .trace) }

  /// Makes a client for `baseURL` with 2-second timeouts and retry waits of 1 ms at most.
  func makeClient(
    baseURL: URL, clock: (any RetryClock)? = nil, jitter: (any JitterSource)? = nil,
    configure: (inout KometClientConfiguration) -> Void = { _ in }
  ) throws -> KometClient {
    var configuration = KometClientConfiguration(
      companyId: KometID("1313")!, tokens: Secrets.tokens())
    configuration.baseURL = baseURL
    configuration.requestTimeout = 2
    configuration.resourceTimeout = 2
    configuration.retry = RetryPolicy(
      maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1))
    configure(&configuration)
    let database = try StateSchema.open(path: databasePath)
    return try KometClient(
      configuration: configuration, database: database, logger: logger,
      clock: clock ?? TaskSleepClock(), jitter: jitter ?? SystemJitter())
  }

  /// Returns a leaked token found in a log line, a file under the workspace, or `texts`.
  func findLeak(alsoIn texts: [String] = []) throws -> String? {
    for line in logs.lines {
      if let leak = Secrets.leak(in: line) { return "log line: \(leak)" }
    }
    for text in texts {
      if let leak = Secrets.leak(in: text) { return "text: \(leak)" }
    }
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      if let leak = Secrets.leak(in: text) { return "\(file.lastPathComponent): \(leak)" }
    }
    return nil
  }

  /// Returns every form of `error` a caller might print.
  static func printedForms(of error: any Error) -> [String] {
    var dumped = ""
    dump(error, to: &dumped)
    return [
      String(describing: error), String(reflecting: error), "\(error)", dumped,
      (error as NSError).localizedDescription, (error as NSError).description,
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
