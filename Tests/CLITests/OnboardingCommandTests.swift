import Foundation
import KometSandbox
import LoopbackHTTP
import Testing

@testable import CLI

/// `komet-dwf onboarding` against a sandbox started for each test, with the tokens in the
/// environment so that no token file lies in the workspace.
struct OnboardingCommandTests {
  static let environment = [
    "KOMET_COMPANY_TOKEN": SandboxTokens.company, "KOMET_CUSTOMER_TOKEN": SandboxTokens.customer,
    "KOMET_USER_TOKEN": SandboxTokens.user,
  ]

  /// Writes a `komet-dwf.json` pointing at `baseURL` with the seeded company, DWF customer and
  /// default location, and 2-second timeouts.
  func writeConfig(in folder: ScratchFolder, baseURL: String) throws {
    let members = [
      "\"baseURL\": \"\(baseURL)\"", "\"companyId\": \"4242\"",
      "\"dwfCustomerId\": \"\(SandboxState.dwfCustomerId)\"", "\"defaultLocationId\": \"200101\"",
      "\"timeouts\": {\"requestSeconds\": 2}",
      "\"retry\": {\"attempts\": 2, \"maximumDelaySeconds\": 0.01}",
    ]
    _ = try folder.write(
      "{\"komet\": {\(members.joined(separator: ", "))}}\n", to: "komet-dwf.json")
  }

  /// Returns every regular file under `root`, except those under `skipped`.
  func files(under root: URL, skipping skipped: URL) -> [URL] {
    let enumerator = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: [.isRegularFileKey])
    var found: [URL] = []
    while let url = enumerator?.nextObject() as? URL {
      let path = url.standardizedFileURL.path
      if path == skipped.path || path.hasPrefix(skipped.path + "/") {
        enumerator?.skipDescendants()
        continue
      }
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        found.append(url)
      }
    }
    return found
  }

  /// Returns the first whole sandbox token found in the bytes of `data`, or nil.
  func tokenLeak(in data: Data) -> String? {
    let tokens = [
      SandboxTokens.company, SandboxTokens.customer, SandboxTokens.user, SandboxTokens.vendor,
    ]
    return tokens.first { data.range(of: Data($0.utf8)) != nil }
  }

  func mode(of path: String) throws -> Int? {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
  }

  @Test(arguments: [false, true]) func noTokenOutsideTokenPackage(includesTokens: Bool)
    async throws
  {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let folder = try ScratchFolder()
    try writeConfig(in: folder, baseURL: sandbox.baseURL.absoluteString)
    let arguments =
      ["onboarding", "--workspace", folder.url.path] + (includesTokens ? ["--include-tokens"] : [])

    let result = await runOffPool(arguments, Self.environment)

    #expect(result.status == 0)
    #expect(result.output.contains("Onboarding is complete."))
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)

    let packageFolder = folder.url.appendingPathComponent("outbox/onboarding").standardizedFileURL
    let packageFile = packageFolder.appendingPathComponent("komet-native-connector.json")
    if includesTokens {
      #expect(try mode(of: packageFolder.path) == 0o700)
      #expect(try mode(of: packageFile.path) == 0o600)
      let package = try Data(contentsOf: packageFile)
      #expect(tokenLeak(in: package) == SandboxTokens.company)
      #expect(result.output.contains("this file contains the whole Customer and Company tokens"))
    } else {
      #expect(!FileManager.default.fileExists(atPath: packageFolder.path))
    }

    let scanned = files(under: folder.url.standardizedFileURL, skipping: packageFolder)
    #expect(scanned.contains { $0.lastPathComponent == "komet-dwf.sqlite" })
    #expect(scanned.contains { $0.lastPathComponent == "ship-tos.json" })
    for file in scanned {
      let leak = tokenLeak(in: try Data(contentsOf: file))
      #expect(leak == nil, "a whole token is in \(file.path)")
    }
  }

  @Test func missingValuesExit78() async throws {
    let sandbox = try KometSandbox()
    defer { sandbox.stop() }
    let folder = try ScratchFolder()
    _ = try folder.write(
      "{\"komet\": {\"baseURL\": \"\(sandbox.baseURL.absoluteString)\"}}\n",
      to: "komet-dwf.json")

    let result = await runOffPool(["onboarding", "--workspace", folder.url.path], [:])

    #expect(result.status == 78)
    #expect(result.output.contains("  [missing] Company ID"))
    #expect(result.output.contains("  [missing] Company token"))
    #expect(result.output.contains("Setup > Customers, click Export to Excel"))
    #expect(sandbox.requestLog.isEmpty)
  }

  @Test func refusedPortExits69() async throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let folder = try ScratchFolder()
    try writeConfig(in: folder, baseURL: "http://127.0.0.1:\(refusing.port)/api/")

    let result = await runOffPool(["onboarding", "--workspace", folder.url.path], Self.environment)

    #expect(result.status == 69)
    #expect(result.output.contains("wrote outbox/dwf/onboarding/ids.json"))
    #expect(result.output.contains("left out outbox/dwf/onboarding/carriers.json"))
    #expect(sandboxTokenLeak(in: [result.output, result.error]) == nil)
  }

  @Test func missingWorkspaceExits66() {
    let result = runKometDWF(["onboarding", "--workspace", "/nonexistent/komet-dwf-onboarding"])

    #expect(result.status == 66)
    #expect(result.error.contains("komet-dwf init /nonexistent/komet-dwf-onboarding"))
  }

  @Test func helpDescribesOnboarding() {
    let result = runKometDWF(["onboarding", "--help"])

    #expect(result.status == 0)
    #expect(result.output.contains(OnboardingCommand.usage))
    #expect(result.output.contains("--include-tokens"))
  }
}
