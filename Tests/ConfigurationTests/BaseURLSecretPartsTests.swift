import Foundation
import Testing

@testable import Configuration

/// Checks that a rejected base URL's error hides the parts where a token could be pasted.
struct BaseURLSecretPartsTests {
  static let secret = "c0mpanyT0kenAbCdEfGh123456"

  @Test(arguments: [
    (
      "https://me:\(secret)@api.kometsales.com/api/",
      "https://api.kometsales.com/api/ (user, password, query, fragment hidden)",
      "carries a user name or password. Remove it, because Komet takes tokens instead"
    ),
    (
      "https://api.kometsales.com/api/?authenticationToken=\(secret)",
      "https://api.kometsales.com/api/ (user, password, query, fragment hidden)",
      "has a query or fragment. Remove it, because method names are appended to the path"
    ),
    (
      "http://127.0.0.1:8089/api/#\(secret)",
      "http://127.0.0.1:8089/api/ (user, password, query, fragment hidden)",
      "has a query or fragment. Remove it, because method names are appended to the path"
    ),
    (
      "http://u:\(secret)@api.kometsales.com/api/",
      "http://api.kometsales.com/api/ (user, password, query, fragment hidden)",
      "carries a user name or password. Remove it, because Komet takes tokens instead"
    ),
  ])
  func rejectedURLHidesSecretParts(text: String, shown: String, reason: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig("{\"komet\": {\"baseURL\": \"\(text)\"}}")

    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }

    #expect(error?.description.contains(Self.secret) == false)
    #expect(
      error?.description
        == "komet.baseURL in \(workspace.configPath) is not a usable Komet base URL:"
        + " \"\(shown)\" \(reason).")
  }

  @Test func environmentURLHidesQuery() throws {
    let workspace = try TemporaryWorkspace()
    let text = "http://127.0.0.1:8089/api/?authenticationToken=" + Self.secret

    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: ["KOMET_API_URL": text])
    }

    #expect(error?.description.contains(Self.secret) == false)
  }
}
