import Foundation
import Komet

extension KometSettings {
  /// The config file's name inside the workspace.
  package static let fileName = "komet-dwf.json"

  /// The top-level sections this build reads. Later sections join this list, so a misspelled
  /// section is an error like any other unknown key.
  package static let knownSections = ["komet", "inventory", "quota", "watch", "orders", "fees"]

  /// Resolves the settings from `komet-dwf.json` in `workspace`, then from `environment`.
  ///
  /// A missing config file leaves every setting at its default. A token file is read only when
  /// its role has no token in the environment. An empty environment variable counts as unset.
  ///
  /// - Throws: `ConfigurationError` for an unreadable or invalid file, an unknown key, a value
  ///   of the wrong type or out of range, a rejected base URL, or a bad token file or token.
  package static func load(
    workspace: URL, environment: [String: String]
  ) throws(ConfigurationError) -> KometSettings {
    let path = workspace.appendingPathComponent(fileName).path
    var settings = KometSettings()
    var tokenFiles: [TokenRole: String] = [:]

    if let root = try readFile(at: path) {
      let top = try ConfigObject(root, keyPath: "", path: path)
      try top.rejectUnknownKeys(knownSections)
      if let section = try top.object("komet") {
        tokenFiles = try settings.apply(section)
      }
    }

    try settings.applyEnvironment(environment)
    try settings.readTokenFiles(tokenFiles, workspace: workspace)
    return settings
  }

  /// Returns the parsed file, or nil when there is no file.
  static func readFile(at path: String) throws(ConfigurationError) -> JSONValue? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableFile(path: path, reason: "it is a folder or its permissions forbid reading")
    }
    do {
      return try JSONParser.parse(data)
    } catch {
      throw .invalidJSON(path: path, offset: error.offset, reason: error.reason)
    }
  }

  private mutating func applyEnvironment(_ environment: [String: String])
    throws(ConfigurationError)
  {
    func value(_ name: String) -> String? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      return text
    }

    if let text = value("KOMET_API_URL") {
      baseURL = try Self.checkBaseURL(text, source: .environment(name: "KOMET_API_URL"))
    }
    if let text = value("KOMET_COMPANY_ID") {
      let source = SettingSource.environment(name: "KOMET_COMPANY_ID")
      guard let id = KometID(text) else {
        throw .invalidValue(
          source: source, value: "\"\(text)\"",
          reason: "is not a Komet ID, which is 1 to \(KometID.maxDigits) digits")
      }
      companyId = Sourced(id, from: source)
    }

    let names: [(TokenRole, String)] = [
      (.company, "KOMET_COMPANY_TOKEN"), (.customer, "KOMET_CUSTOMER_TOKEN"),
      (.user, "KOMET_USER_TOKEN"),
    ]
    for (role, name) in names {
      guard let text = value(name) else { continue }
      let source = SettingSource.environment(name: name)
      let slotRole = role == .company ? companyTokenRole.value : role
      do {
        setToken(Sourced(try Token(role: slotRole, secret: text), from: source), for: role)
      } catch {
        throw .invalidToken(source: source, error: error)
      }
    }
  }

  private mutating func readTokenFiles(_ files: [TokenRole: String], workspace: URL)
    throws(ConfigurationError)
  {
    for role in [TokenRole.company, .customer, .user] {
      guard let path = files[role], token(for: role).value == nil else { continue }
      let slotRole = role == .company ? companyTokenRole.value : role
      let token = try TokenFile.read(role: slotRole, path: path, workspace: workspace)
      setToken(Sourced(token.value, from: token.source), for: role)
    }
  }

  private func token(for slot: TokenRole) -> Sourced<Token?> {
    switch slot {
    case .customer: return customerToken
    case .user: return userToken
    case .company, .vendor: return companyToken
    }
  }

  private mutating func setToken(_ token: Sourced<Token>, for slot: TokenRole) {
    let optional = Sourced<Token?>(token.value, from: token.source)
    switch slot {
    case .customer: customerToken = optional
    case .user: userToken = optional
    case .company, .vendor: companyToken = optional
    }
  }

  static func checkBaseURL(_ text: String, source: SettingSource) throws(ConfigurationError)
    -> Sourced<URL>
  {
    switch BaseURLPolicy.check(text) {
    case .success(let url): return Sourced(url, from: source)
    case .failure(let rejection):
      throw .invalidBaseURL(
        source: source, value: BaseURLPolicy.displayText(text), reason: rejection.description)
    }
  }
}
