import Foundation
import Testing

@testable import Configuration

struct BaseURLTests {
  @Test(arguments: [
    "https://api.kometsales.com/api/",
    "https://sandbox.example/komet/api/",
    "http://127.0.0.1:8089/api/",
    "http://[::1]:8089/api/",
    "http://localhost/api/",
    "HTTP://LOCALHOST:80/api/",
  ])
  func baseURLAccepted(text: String) throws {
    let workspace = try TemporaryWorkspace()
    let settings = try KometSettings.load(
      workspace: workspace.url, environment: ["KOMET_API_URL": text])

    #expect(settings.baseURL.value.absoluteString == text)
  }

  @Test(arguments: [
    (
      "http://api.kometsales.com/api/",
      "uses plain HTTP to api.kometsales.com. Use https, because plain HTTP is allowed only to"
        + " 127.0.0.1, ::1 and localhost"
    ),
    (
      "http://127.0.0.2/api/",
      "uses plain HTTP to 127.0.0.2. Use https, because plain HTTP is allowed only to"
        + " 127.0.0.1, ::1 and localhost"
    ),
    (
      "http://localhost.example/api/",
      "uses plain HTTP to localhost.example. Use https, because plain HTTP is allowed only to"
        + " 127.0.0.1, ::1 and localhost"
    ),
    ("ftp://api.kometsales.com/api/", "uses the scheme ftp. Use https"),
    (
      "api.kometsales.com/api/",
      "is not an absolute URL. Use one such as https://api.kometsales.com/api/"
    ),
  ])
  func baseURLRejected(text: String, reason: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig("{\"komet\": {\"baseURL\": \"\(text)\"}}")
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }
    #expect(
      error?.description
        == "komet.baseURL in \(workspace.configPath) is not a usable Komet base URL:"
        + " \"\(text)\" \(reason).")
  }
}
