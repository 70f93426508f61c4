import Foundation
import Komet
import Testing

@testable import Configuration

struct EnvironmentTests {
  @Test func environmentOverridesFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("company.token", "fileC0mpanyT0ken0000000000")
    try workspace.writeConfig(
      """
      {"komet": {"baseURL": "https://file.example/api/", "companyId": "1",
        "tokenFiles": {"company": "company.token"}}}
      """)
    let environment = [
      "KOMET_API_URL": "http://[::1]:9000/api/",
      "KOMET_COMPANY_ID": "1313",
      "KOMET_COMPANY_TOKEN": "c0mpanyT0kenAbCdEfGh123456",
      "KOMET_CUSTOMER_TOKEN": "cust0merT0kenQrStUvWx987654",
      "KOMET_USER_TOKEN": "us3rT0kenMnOpIjKl24680135",
    ]
    let settings = try KometSettings.load(workspace: workspace.url, environment: environment)

    #expect(settings.baseURL.value.absoluteString == "http://[::1]:9000/api/")
    #expect(settings.baseURL.source == .environment(name: "KOMET_API_URL"))
    #expect(settings.companyId.value == KometID("1313"))
    #expect(settings.companyId.source == .environment(name: "KOMET_COMPANY_ID"))
    #expect(settings.companyToken.value?.secret == "c0mpanyT0kenAbCdEfGh123456")
    #expect(settings.companyToken.source == .environment(name: "KOMET_COMPANY_TOKEN"))
    #expect(settings.customerToken.value?.role == .customer)
    #expect(settings.customerToken.source == .environment(name: "KOMET_CUSTOMER_TOKEN"))
    #expect(settings.userToken.value?.role == .user)
    #expect(settings.userToken.source == .environment(name: "KOMET_USER_TOKEN"))
  }

  @Test func environmentTokenSkipsBrokenTokenFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"komet": {"tokenFiles": {"customer": "absent.token"}}}"#)
    let settings = try KometSettings.load(
      workspace: workspace.url, environment: ["KOMET_CUSTOMER_TOKEN": "cust0merT0kenQrStUvWx987654"]
    )

    #expect(settings.customerToken.source == .environment(name: "KOMET_CUSTOMER_TOKEN"))
  }

  @Test func emptyVariableCountsAsUnset() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"komet": {"companyId": "42"}}"#)
    let settings = try KometSettings.load(
      workspace: workspace.url, environment: ["KOMET_COMPANY_ID": "", "KOMET_API_URL": ""])

    #expect(settings.companyId.value == KometID("42"))
    #expect(settings.baseURL.source == .defaultValue)
  }

  @Test func invalidCompanyIdInEnvironment() throws {
    let workspace = try TemporaryWorkspace()
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(workspace: workspace.url, environment: ["KOMET_COMPANY_ID": "13a"])
    }
    #expect(
      error?.description
        == "environment variable KOMET_COMPANY_ID is invalid: \"13a\" is not a Komet ID, which"
        + " is 1 to 20 digits.")
  }

  @Test func invalidTokenInEnvironment() throws {
    let workspace = try TemporaryWorkspace()
    let error = #expect(throws: ConfigurationError.self) {
      try KometSettings.load(
        workspace: workspace.url, environment: ["KOMET_USER_TOKEN": "us3rT0ken with space"])
    }
    #expect(
      error?.description
        == "environment variable KOMET_USER_TOKEN: the User token is invalid: its 20 characters"
        + " include white space, a control character or a non-ASCII character. Copy the token"
        + " again from Komet (Setup > Settings > Tokens).")
  }
}
