import Foundation
import Komet
import Testing

@testable import Configuration

struct TokenFileTests {
  private static let tokenText = "cust0merT0kenQrStUvWx987654"

  /// Loads a config whose customer token file is `secrets/customer.token`, and returns the
  /// error text with the workspace's path written as `WS`.
  private func errorText(_ workspace: TemporaryWorkspace) throws -> String? {
    try workspace.writeConfig(#"{"komet": {"tokenFiles": {"customer": "secrets/customer.token"}}}"#)
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }
    return error?.description.replacingOccurrences(of: workspace.url.path, with: "WS")
  }

  @Test(arguments: [0o600, 0o400, 0o700])
  func privateModeAccepted(mode: Int) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("secrets/customer.token", Self.tokenText + "\r\n", mode: mode)
    try workspace.writeConfig(#"{"komet": {"tokenFiles": {"customer": "secrets/customer.token"}}}"#)
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.customerToken.value?.secret == Self.tokenText)
  }

  @Test(arguments: [(0o644, "0644"), (0o640, "0640"), (0o604, "0604"), (0o666, "0666")])
  func looseModeRejected(mode: Int, octal: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("secrets/customer.token", Self.tokenText, mode: mode)

    #expect(
      try errorText(workspace)
        == "the Customer token file WS/secrets/customer.token has mode \(octal), so other users"
        + " may read it. Run chmod 600 WS/secrets/customer.token.")
  }

  @Test func missingFileRejected() throws {
    let workspace = try TemporaryWorkspace()
    #expect(
      try errorText(workspace)
        == "the Customer token file WS/secrets/customer.token does not exist. Create it with the"
        + " token on one line, or remove the setting.")
  }

  @Test func folderRejected() throws {
    let workspace = try TemporaryWorkspace()
    try FileManager.default.createDirectory(
      at: workspace.url.appendingPathComponent("secrets/customer.token"),
      withIntermediateDirectories: true)
    #expect(
      try errorText(workspace)
        == "the Customer token file WS/secrets/customer.token is not a regular file. Point the"
        + " setting at a file holding the token.")
  }

  @Test(arguments: ["", "\n", "  \n\t\n"])
  func emptyFileRejected(content: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("secrets/customer.token", content)
    #expect(
      try errorText(workspace)
        == "the Customer token file WS/secrets/customer.token is empty. Paste the token from"
        + " Komet (Setup > Settings > Tokens) into it.")
  }

  @Test func twoLinesRejectedWithoutContent() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("secrets/customer.token", Self.tokenText + "\n" + Self.tokenText + "\n")
    let text = try errorText(workspace)

    #expect(
      text
        == "the Customer token file WS/secrets/customer.token has 2 lines, but should hold one"
        + " token on one line.")
    #expect(text?.contains(Self.tokenText.prefix(8)) == false)
  }

  @Test func overlongTokenRejectedWithoutContent() throws {
    let workspace = try TemporaryWorkspace()
    let longText = String(repeating: "Zq9", count: 20)
    try workspace.writeFile("secrets/customer.token", longText)
    let text = try errorText(workspace)

    #expect(
      text
        == "token file WS/secrets/customer.token: the Customer token is invalid: it has 60"
        + " characters, more than Komet's 50. Copy the token again from Komet (Setup > Settings"
        + " > Tokens).")
    #expect(text?.contains("Zq9Zq9") == false)
  }

  @Test func absolutePathRead() throws {
    let workspace = try TemporaryWorkspace()
    let path = try workspace.writeFile("elsewhere/user.token", "us3rT0kenMnOpIjKl24680135")
    try workspace.writeConfig("{\"komet\": {\"tokenFiles\": {\"user\": \"\(path)\"}}}")
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.userToken.value?.secret == "us3rT0kenMnOpIjKl24680135")
    #expect(settings.userToken.source == .tokenFile(path: path))
  }
}
