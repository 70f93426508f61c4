import Foundation
import Komet
import Testing

@testable import Configuration

struct SettingsFileTests {
  @Test func missingFileGivesDefaults() throws {
    let workspace = try TemporaryWorkspace()
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.baseURL.value.absoluteString == "https://api.kometsales.com/api/")
    #expect(settings.companyId.value == nil)
    #expect(settings.dwfCustomerId.value == nil)
    #expect(settings.defaultLocationId.value == nil)
    #expect(settings.companyTokenRole.value == .company)
    #expect(settings.companyToken.value == nil)
    #expect(settings.customerToken.value == nil)
    #expect(settings.userToken.value == nil)
    #expect(settings.dryRun.value == false)
    #expect(settings.requestTimeout.value == 30)
    #expect(settings.retryAttempts.value == 4)
    #expect(settings.retryMaximumDelay.value == 30)
    #expect(settings.quota.dailyLimit.value == 1_000)
    #expect(settings.quota.roleLimits.isEmpty)
    #expect(settings.quota.timeZoneIdentifier.value == "UTC")
    #expect(settings.documentationChoices == DocumentationChoices())
    #expect(settings.entries.allSatisfy { $0.source == .defaultValue })
  }

  @Test func emptySectionGivesDefaults() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"komet": {}}"#)
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.entries.allSatisfy { $0.source == .defaultValue })
  }

  @Test func everyKeyIsRead() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeFile("secrets/company.token", "c0mpanyT0kenAbCdEfGh123456\n")
    try workspace.writeFile("secrets/customer.token", "cust0merT0kenQrStUvWx987654")
    try workspace.writeFile("secrets/user.token", "  us3rT0kenMnOpIjKl24680135  \n", mode: 0o400)
    try workspace.writeConfig(
      """
      {"komet": {
        "baseURL": "http://127.0.0.1:8089/api/",
        "companyId": "1313",
        "dwfCustomerId": 7122,
        "defaultLocationId": "00042",
        "companyTokenType": "vendor",
        "tokenFiles": {
          "company": "secrets/company.token",
          "customer": "secrets/customer.token",
          "user": "secrets/user.token"
        },
        "dryRun": true,
        "timeouts": {"requestSeconds": 1.5},
        "retry": {"attempts": 2, "maximumDelaySeconds": 0.25},
        "quota": {
          "dailyLimit": 3000,
          "roleLimits": {"company": 500, "customer": 1000, "user": 1500},
          "timeZone": "America/Bogota"
        },
        "documentationChoices": {
          "futureInventoryHTTPMethod": "post",
          "webOrderDetailsPath": "version2",
          "locationListHost": "app",
          "jsonIDEncoding": "string",
          "includeInactiveEncoding": "words",
          "shipToUpdatedSinceParameter": "updatedAsOf",
          "purchaseOrderEncoding": "numberWhenDigits",
          "webOrderTokenRoles": "userOnly",
          "salesChannel": "ecommerceLite"
        }
      }}
      """)
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])
    let path = workspace.configPath

    #expect(settings.baseURL.value.absoluteString == "http://127.0.0.1:8089/api/")
    #expect(settings.baseURL.source == .file(path: path, key: "komet.baseURL"))
    #expect(settings.companyId.value == KometID("1313"))
    #expect(settings.dwfCustomerId.value == KometID("7122"))
    #expect(settings.defaultLocationId.value == KometID("00042"))
    #expect(settings.companyTokenRole.value == .vendor)
    #expect(settings.companyToken.value?.secret == "c0mpanyT0kenAbCdEfGh123456")
    #expect(settings.companyToken.value?.role == .vendor)
    #expect(
      settings.companyToken.source
        == .tokenFile(path: workspace.url.appendingPathComponent("secrets/company.token").path))
    #expect(settings.customerToken.value?.secret == "cust0merT0kenQrStUvWx987654")
    #expect(settings.userToken.value?.secret == "us3rT0kenMnOpIjKl24680135")
    #expect(settings.dryRun.value == true)
    #expect(settings.requestTimeout.value == 1.5)
    #expect(settings.retryAttempts.value == 2)
    #expect(settings.retryMaximumDelay.value == 0.25)
    #expect(settings.quota.dailyLimit.value == 3_000)
    #expect(settings.quota.limit(for: .company) == 500)
    #expect(settings.quota.limit(for: .customer) == 1_000)
    #expect(settings.quota.limit(for: .user) == 1_500)
    #expect(settings.quota.timeZoneIdentifier.value == "America/Bogota")
    #expect(settings.quota.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == -18_000)

    var expected = DocumentationChoices()
    expected.futureInventoryHTTPMethod = .post
    expected.webOrderDetailsPath = .version2
    expected.locationListHost = .app
    expected.jsonIDEncoding = .string
    expected.includeInactiveEncoding = .words
    expected.shipToUpdatedSinceParameter = "updatedAsOf"
    expected.purchaseOrderEncoding = .numberWhenDigits
    expected.webOrderTokenRoles = .userOnly
    expected.salesChannel = .ecommerceLite
    #expect(settings.documentationChoices == expected)
    #expect(settings.documentationChoiceSources.count == DocumentationSwitch.all.count)

    let fromDefault = settings.entries.filter { $0.source == .defaultValue }.map(\.key)
    #expect(fromDefault.isEmpty)
  }

  @Test func roleWithoutOwnLimitSharesDailyLimit() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(
      #"{"komet": {"quota": {"dailyLimit": 2000, "roleLimits": {"user": 10}}}}"#)
    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.quota.limit(for: .company) == 2_000)
    #expect(settings.quota.limit(for: .customer) == 2_000)
    #expect(settings.quota.limit(for: .user) == 10)
  }

  @Test func vendorTokenFillsCompanySlot() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"komet": {"companyTokenType": "vendor"}}"#)
    let settings = try KometSettings.load(
      workspace: workspace.url, environment: ["KOMET_COMPANY_TOKEN": "vend0rT0kenZyXwVuTs1357924"])
    let tokens = try settings.tokens

    #expect(tokens.company?.role == .vendor)
    #expect(throws: KometError.self) { try tokens.token(for: .locationList) }
  }

  @Test func everyDocumentationAlternativeRoundTrips() throws {
    for item in DocumentationSwitch.all {
      for name in item.alternatives {
        var choices = DocumentationChoices()
        #expect(item.apply(name, to: &choices))
        #expect(item.name(in: choices) == name)
      }
      #expect(item.name(in: DocumentationChoices()) == item.alternatives[0])
    }
  }
}
