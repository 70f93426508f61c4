import Configuration
import Foundation
import Komet
import KometClient
import Logging
import StateStore

/// The settings that `komet check` needs, checked before any request is sent.
struct KometCheckSetup: Sendable {
  let settings: KometSettings
  let workspace: URL
  let companyId: KometID
  let tokens: KometTokens
  let isDryRun: Bool
  /// Settings that are missing but not needed by every call, each with how to set it.
  let notes: [String]

  var dwfCustomerId: KometID? { settings.dwfCustomerId.value }
  var locationId: KometID? { settings.defaultLocationId.value }
  var choices: DocumentationChoices { settings.documentationChoices }

  /// Returns the setup, or every problem that stops the check, each with how to fix it.
  static func make(
    settings: KometSettings, workspace: URL, dryRun: Bool
  ) -> Result<KometCheckSetup, KometCheckProblems> {
    var problems: [String] = []
    if settings.companyId.value == nil {
      problems.append(
        "komet.companyId is not set. Set KOMET_COMPANY_ID or komet.companyId in"
          + " komet-dwf.json to the Company ID that Komet's team gave you.")
    }
    var tokens: KometTokens?
    do {
      tokens = try settings.tokens
    } catch {
      problems.append("\(error)")
    }
    if let tokens, tokens.all.isEmpty {
      problems.append(
        "no token is configured. Set KOMET_COMPANY_TOKEN, KOMET_CUSTOMER_TOKEN or"
          + " KOMET_USER_TOKEN, or name token files under komet.tokenFiles in komet-dwf.json.")
    }
    guard problems.isEmpty, let companyId = settings.companyId.value, let tokens else {
      return .failure(KometCheckProblems(problems))
    }

    var notes: [String] = []
    if settings.dwfCustomerId.value == nil {
      notes.append(
        "komet.dwfCustomerId is not set, so the methods that need DWF's customer ID are not"
          + " called. Set it in komet-dwf.json; `komet-dwf ids` finds it in the customers export.")
    }
    if settings.defaultLocationId.value == nil {
      notes.append(
        "komet.defaultLocationId is not set, so ecommerce/inventory.list and --write are not"
          + " called. Set it in komet-dwf.json; `komet-dwf ids` lists the locations.")
    }
    return .success(
      KometCheckSetup(
        settings: settings, workspace: workspace, companyId: companyId, tokens: tokens,
        isDryRun: dryRun, notes: notes))
  }

  /// Makes a client that holds only `token`, so each call shows what that token can do.
  ///
  /// Each client opens its own connection to the state database, which counts the requests.
  func makeClient(token: Token, logger: Logger) throws -> KometClient {
    let single: KometTokens
    switch token.role {
    case .company, .vendor: single = try KometTokens(company: token)
    case .customer: single = try KometTokens(customer: token)
    case .user: single = try KometTokens(user: token)
    }

    var configuration = KometClientConfiguration(companyId: companyId, tokens: single)
    configuration.baseURL = settings.baseURL.value
    configuration.choices = settings.documentationChoices
    configuration.requestTimeout = settings.requestTimeout.value
    configuration.resourceTimeout = settings.requestTimeout.value * 4
    configuration.retry = RetryPolicy(
      maxAttempts: settings.retryAttempts.value,
      maxDelay: .milliseconds(Int64(settings.retryMaximumDelay.value * 1000)))
    configuration.quota.dailyLimit = settings.quota.dailyLimit.value
    for (role, limit) in settings.quota.roleLimits {
      configuration.quota.perRoleLimits[role.ledgerRole] = limit.value
    }
    configuration.quota.timeZone = settings.quota.timeZone
    if isDryRun {
      configuration.dryRunFolder = KometClientConfiguration.dryRunFolder(inWorkspace: workspace)
    }

    let database = try StateSchema.open(workspace: workspace.path)
    return try KometClient(configuration: configuration, database: database, logger: logger)
  }
}

/// The reasons a configuration cannot be checked, each with how to fix it.
struct KometCheckProblems: Error {
  let problems: [String]

  init(_ problems: [String]) {
    self.problems = problems
  }
}

extension KometCheckProblems: Sequence {
  func makeIterator() -> IndexingIterator<[String]> { problems.makeIterator() }
}
