import Foundation
import Komet
import Testing

@testable import Configuration

/// Checks that neither the settings report nor any error contains a whole token.
struct SecretLeakTests {
  private static let texts = [
    "c0mpanyT0kenAbCdEfGh123456", "cust0merT0kenQrStUvWx987654", "us3rT0kenMnOpIjKl24680135",
  ]

  private static func leaks(in text: String) -> Bool {
    texts.contains { text.contains($0) || text.contains($0.prefix(5)) }
  }

  @Test func settingsDescriptionMasksTokens() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("company.token", Self.texts[0])
    try workspace.writeConfig(#"{"komet": {"tokenFiles": {"company": "company.token"}}}"#)
    let settings = try KometSettings.load(
      workspace: workspace.url,
      environment: ["KOMET_CUSTOMER_TOKEN": Self.texts[1], "KOMET_USER_TOKEN": Self.texts[2]])
    let report = settings.description

    #expect(!Self.leaks(in: report))
    #expect(!Self.leaks(in: String(describing: settings)))
    #expect(!Self.leaks(in: String(reflecting: settings)))
    var dumped = ""
    dump(settings, to: &dumped)
    #expect(!Self.leaks(in: dumped))
    #expect(report.contains("company token = c0mp… (26 characters) (token file "))
    #expect(
      report.contains(
        "customer token = cust… (27 characters) (environment variable KOMET_CUSTOMER_TOKEN)"))
  }

  @Test(arguments: [
    "\(texts[0])\n\(texts[1])",
    "\(texts[0]) \(texts[1])",
    String(repeating: texts[0], count: 3),
    "\(texts[0])\u{7F}",
  ])
  func tokenFileErrorHoldsNoContent(content: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("company.token", content)
    try workspace.writeConfig(#"{"komet": {"tokenFiles": {"company": "company.token"}}}"#)
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }

    #expect(error != nil)
    #expect(!Self.leaks(in: error?.description ?? ""))
    #expect(!Self.leaks(in: String(reflecting: error)))
  }

  @Test(arguments: ["KOMET_COMPANY_TOKEN", "KOMET_CUSTOMER_TOKEN", "KOMET_USER_TOKEN"])
  func environmentTokenErrorHoldsNoContent(name: String) throws {
    let workspace = try TemporaryWorkspace()
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(
        workspace: workspace.url, environment: [name: Self.texts[1] + "\t" + Self.texts[2]])
    }

    #expect(error != nil)
    #expect(!Self.leaks(in: error?.description ?? ""))
    #expect(!Self.leaks(in: String(reflecting: error)))
  }

  @Test func tokenPastedAsPathMasked() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig("{\"komet\": {\"tokenFiles\": {\"user\": \"\(Self.texts[2])\"}}}")
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }

    #expect(
      error?.description
        == "the User token file setting is us3r… (25 characters), which looks like a token, not"
        + " a file path. Put the token in a file with mode 0600 and give that file's path.")
    #expect(!Self.leaks(in: String(reflecting: error)))
  }
}
