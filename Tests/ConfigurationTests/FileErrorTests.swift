import Foundation
import Testing

@testable import Configuration

struct FileErrorTests {
  /// Loads `config` from a new workspace and returns the error text, with the config file's
  /// path written as `FILE`.
  private func errorText(for config: String) throws -> String? {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(config)
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: [:])
    }
    return error?.description.replacingOccurrences(of: workspace.configPath, with: "FILE")
  }

  @Test(arguments: [
    (#"{"komett": {}}"#, "komett"),
    (#"{"komet": {"dailyLimit": 5}}"#, "komet.dailyLimit"),
    (#"{"komet": {"tokenFiles": {"vendor": "v.token"}}}"#, "komet.tokenFiles.vendor"),
    (#"{"komet": {"timeouts": {"request": 2}}}"#, "komet.timeouts.request"),
    (#"{"komet": {"retry": {"maxAttempts": 2}}}"#, "komet.retry.maxAttempts"),
    (#"{"komet": {"quota": {"timezone": "UTC"}}}"#, "komet.quota.timezone"),
    (#"{"komet": {"quota": {"roleLimits": {"vendor": 1}}}}"#, "komet.quota.roleLimits.vendor"),
    (
      #"{"komet": {"documentationChoices": {"futureMethod": "get"}}}"#,
      "komet.documentationChoices.futureMethod"
    ),
  ])
  func unknownKeyNamed(config: String, key: String) throws {
    #expect(
      try errorText(for: config)
        == "unknown key \(key) in FILE. Check its spelling against docs/configuration.md.")
  }

  @Test(arguments: [
    (#"{"komet": {"dryRun": "yes"}}"#, "komet.dryRun", #""yes""#, "true or false"),
    (#"{"komet": {"baseURL": 8080}}"#, "komet.baseURL", "8080", "a string"),
    (
      #"{"komet": {"companyId": true}}"#, "komet.companyId", "true",
      #"a digit string such as "1313""#
    ),
    (
      #"{"komet": {"dwfCustomerId": null}}"#, "komet.dwfCustomerId", "null",
      #"a digit string such as "1313""#
    ),
    (
      #"{"komet": {"tokenFiles": ["a"]}}"#, "komet.tokenFiles", "an array of 1 elements",
      "an object"
    ),
    (#"{"komet": {"tokenFiles": {"user": 1}}}"#, "komet.tokenFiles.user", "1", "a string"),
    (
      #"{"komet": {"timeouts": {"requestSeconds": "2"}}}"#, "komet.timeouts.requestSeconds",
      #""2""#, "a number of seconds"
    ),
    (
      #"{"komet": {"retry": {"attempts": 2.5}}}"#, "komet.retry.attempts", "2.5",
      "a whole number"
    ),
    (
      #"{"komet": {"quota": {"dailyLimit": "1000"}}}"#, "komet.quota.dailyLimit", #""1000""#,
      "a whole number"
    ),
    (#"{"komet": {"quota": {"timeZone": 0}}}"#, "komet.quota.timeZone", "0", "a string"),
    (
      #"{"komet": {"documentationChoices": {"jsonIDEncoding": 1}}}"#,
      "komet.documentationChoices.jsonIDEncoding", "1", "a string"
    ),
    (#"{"komet": 1}"#, "komet", "1", "an object"),
  ])
  func wrongTypeNamed(config: String, key: String, value: String, expected: String) throws {
    #expect(try errorText(for: config) == "\(key) in FILE is \(value), but should be \(expected).")
  }

  @Test(arguments: [
    (
      #"{"komet": {"retry": {"attempts": 0}}}"#,
      "komet.retry.attempts in FILE is invalid: 0 is out of range, which is 1 to 10."
    ),
    (
      #"{"komet": {"quota": {"dailyLimit": -5}}}"#,
      "komet.quota.dailyLimit in FILE is invalid: -5 is out of range, which is 1 to 1000000."
    ),
    (
      #"{"komet": {"timeouts": {"requestSeconds": 0}}}"#,
      "komet.timeouts.requestSeconds in FILE is invalid: 0 is out of range, which is 0.001 to"
        + " 3600.0 seconds."
    ),
    (
      #"{"komet": {"quota": {"timeZone": "Mars/Olympus"}}}"#,
      #"komet.quota.timeZone in FILE is invalid: "Mars/Olympus" is not a time zone. Use an"#
        + #" IANA name such as "UTC" or "America/Bogota"."#
    ),
    (
      #"{"komet": {"companyId": "12-3"}}"#,
      #"komet.companyId in FILE is invalid: "12-3" is not a Komet ID, which is 1 to 20 digits."#
    ),
    (
      #"{"komet": {"companyTokenType": "customer"}}"#,
      #"komet.companyTokenType in FILE is invalid: "customer" is not a token type for the"#
        + #" Company slot, which is "company" or "vendor"."#
    ),
    (
      #"{"komet": {"documentationChoices": {"webOrderDetailsPath": "v2"}}}"#,
      #"komet.documentationChoices.webOrderDetailsPath in FILE is invalid: "v2" is not one of"#
        + #" the alternatives, which are "methodTable", "version2", "dotted"."#
    ),
    (
      #"{"komet": {"tokenFiles": {"company": ""}}}"#,
      #"komet.tokenFiles.company in FILE is invalid: "" is empty. Give a file path."#
    ),
    (
      #"{"komet": {"dryRun": true, "dryRun": false}}"#,
      "the key komet.dryRun appears more than once in FILE. Keep one of them."
    ),
    (
      #"{"komet": {"dryRun": tru}}"#,
      "the config file FILE is not valid JSON (expected a JSON value, found 't' at byte 21)."
    ),
  ])
  func invalidValueText(config: String, message: String) throws {
    let text = try errorText(for: config)
    #expect(text == message)
  }
}
