import Configuration
import Foundation
import Komet
import KometSandbox
import Logging
import Onboarding
import StateStore
import Workspace

/// The seeded sandbox's IDs, from `SandboxState.seeded`.
enum Seeded {
  static let companyId = KometID(SandboxState.seededCompanyId)!
  static let dwfCustomerId = KometID(SandboxState.dwfCustomerId)!
  static let locations = [
    ("200101", "Miami Warehouse"), ("200102", "Bogota Farm"), ("200103", "Quito Farm"),
    ("200104", "Medellin Packhouse"),
  ]
  static let tokens = [
    SandboxTokens.company, SandboxTokens.customer, SandboxTokens.user, SandboxTokens.vendor,
  ]
}

/// A temporary workspace with a state database, and optionally a sandbox on a free loopback
/// port, for one test.
final class OnboardingFixture {
  let folder: URL
  let workspace: Workspace
  let sandbox: KometSandbox?
  let logs = InMemoryLogHandler()
  static let recordedAt = Date(timeIntervalSince1970: 1_767_225_600)

  /// Starts a sandbox serving `state` (the seeded state unless given), or none when
  /// `startsSandbox` is false.
  init(state: SandboxState? = nil, startsSandbox: Bool = true) throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-onboarding-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    workspace = Workspace(root: folder)
    if startsSandbox {
      var configuration = SandboxConfiguration()
      configuration.requestTimeout = .seconds(2)
      configuration.idleTimeout = .seconds(5)
      sandbox = try KometSandbox(state: state, configuration: configuration)
    } else {
      sandbox = nil
    }
  }

  deinit {
    sandbox?.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  var logger: Logger { Logger(label: "onboarding-test", handler: logs, minimumLevel: .trace) }

  /// Stores IDs as the intake would after reading a customers and a locations export.
  func storeKnownIDs(
    customers: [(String, String)] = [(SandboxState.dwfCustomerId, "DWF Wholesale Florists")],
    locations: [(String, String)] = Seeded.locations
  ) throws {
    let database = try StateSchema.open(workspace: folder.path)
    defer { database.close() }
    let known = KnownIDs(database: database)
    try known.replace(
      .dwfCustomer,
      with: customers.map {
        KnownID(
          kind: .dwfCustomer, id: $0.0, name: $0.1, sourceFile: "komet-customers.xlsx",
          sourceSHA256: String(repeating: "a", count: 64), recordedAt: Self.recordedAt)
      })
    try known.replace(
      .location,
      with: locations.map {
        KnownID(
          kind: .location, id: $0.0, name: $0.1, sourceFile: "komet-locations.xlsx",
          sourceSHA256: String(repeating: "b", count: 64), recordedAt: Self.recordedAt)
      })
  }

  /// Returns the resolved IDs of this workspace for `settings`.
  func resolve(_ settings: KometSettings) throws -> ResolvedIDs {
    let database = try StateSchema.open(workspace: folder.path)
    defer { database.close() }
    return try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: database))
  }

  /// Returns settings that point at the sandbox (or at `port` on 127.0.0.1) with the company
  /// ID and both tokens, 2-second timeouts and 1 ms retry waits.
  func settings(
    port: UInt16? = nil, companyId: Bool = true, companyToken: String? = SandboxTokens.company,
    customerToken: String? = SandboxTokens.customer, dwfCustomerId: String? = nil,
    defaultLocationId: String? = nil
  ) throws -> KometSettings {
    var settings = KometSettings()
    let url = port.map { "http://127.0.0.1:\($0)/api/" } ?? sandbox?.baseURL.absoluteString
    if let url {
      settings.baseURL = Sourced(URL(string: url)!, from: .environment(name: "KOMET_API_URL"))
    }
    if companyId {
      settings.companyId = Sourced(Seeded.companyId, from: .environment(name: "KOMET_COMPANY_ID"))
    }
    if let companyToken {
      settings.companyToken = Sourced(
        try Token(role: .company, secret: companyToken),
        from: .environment(name: "KOMET_COMPANY_TOKEN"))
    }
    if let customerToken {
      settings.customerToken = Sourced(
        try Token(role: .customer, secret: customerToken),
        from: .environment(name: "KOMET_CUSTOMER_TOKEN"))
    }
    let configPath = folder.appendingPathComponent("komet-dwf.json").path
    if let dwfCustomerId {
      settings.dwfCustomerId = Sourced(
        KometID(dwfCustomerId), from: .file(path: configPath, key: "komet.dwfCustomerId"))
    }
    if let defaultLocationId {
      settings.defaultLocationId = Sourced(
        KometID(defaultLocationId), from: .file(path: configPath, key: "komet.defaultLocationId"))
    }
    settings.requestTimeout = Sourced(2)
    settings.retryAttempts = Sourced(2)
    settings.retryMaximumDelay = Sourced(0.001)
    return settings
  }

  /// Runs a whole onboarding with `settings` and, when given, `orders.defaultCarrierId`.
  func run(
    _ settings: KometSettings, includesTokens: Bool = false, defaultCarrier: KometID? = nil
  ) async throws -> OnboardingReport {
    var onboarding = OnboardingRun(
      workspace: workspace, settings: settings, includesTokens: includesTokens, logger: logger,
      clock: { Date(timeIntervalSince1970: 1_767_312_000) })
    onboarding.defaultCarrier = Sourced(
      defaultCarrier, from: .file(path: "komet-dwf.json", key: "orders.defaultCarrierId"))
    return try await onboarding.run()
  }

  /// Returns the parsed JSON of `name` in `outbox/dwf/onboarding/`.
  func onboardingFile(_ name: String) throws -> JSONValue {
    let url = OnboardingRun.folder(in: workspace).appendingPathComponent(name)
    return try JSONParser.parse(try Data(contentsOf: url))
  }

  /// Returns the raw bytes of `name` in `outbox/dwf/onboarding/`.
  func onboardingBytes(_ name: String) throws -> Data {
    try Data(contentsOf: OnboardingRun.folder(in: workspace).appendingPathComponent(name))
  }
}

extension JSONValue {
  /// The elements of an array, or an empty list for any other value.
  var elements: [JSONValue] {
    if case .array(let elements) = self { return elements }
    return []
  }

  /// The text of a string, or nil for any other value.
  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}

/// Returns `text` with each line break and the indentation after it turned into one space,
/// so a phrase that the checklist wrapped still matches.
func unwrapped(_ text: String) -> String {
  text.replacingOccurrences(of: "\n *", with: " ", options: .regularExpression)
}
