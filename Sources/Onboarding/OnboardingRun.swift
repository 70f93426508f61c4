import Configuration
import Foundation
import Komet
import KometClient
import Logging
import StateStore
import Workspace

/// Runs one onboarding: resolves the IDs, cross-checks them with Komet when the Company token
/// is there, and writes `outbox/dwf/onboarding/` and, on request, the token package.
package struct OnboardingRun {
  package static let folderName = "onboarding"

  package var workspace: Workspace
  package var settings: KometSettings
  /// Whether to write the token package of Komet's own set-up guide (`--include-tokens`).
  package var includesTokens: Bool
  /// `orders.defaultCarrierId`, which the checklist checks against `carrier.list`.
  package var defaultCarrier = Sourced<KometID?>(nil)
  /// The error that kept the pipeline settings, and so `orders.defaultCarrierId`, from loading.
  package var carrierSettingError: String?
  package var logger: Logger
  package var clock: @Sendable () -> Date

  package init(
    workspace: Workspace, settings: KometSettings, includesTokens: Bool, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.workspace = workspace
    self.settings = settings
    self.includesTokens = includesTokens
    self.logger = logger
    self.clock = clock
  }

  /// Returns `outbox/dwf/onboarding/`, the folder DWF reads the IDs and lists from.
  package static func folder(in workspace: Workspace) -> URL {
    workspace.dwfOutbox.appendingPathComponent(folderName, isDirectory: true)
  }

  /// Runs onboarding and returns what it found and wrote.
  ///
  /// - Throws: `StateStoreError` when the state database cannot be opened or read, and
  ///   `OnboardingError` when a folder or file cannot be written.
  package func run() async throws -> OnboardingReport {
    let database = try StateSchema.open(workspace: workspace.root.path)
    let ids = try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: database))
    database.close()

    var reader = try makeReader(ids)
    let (crossCheck, locations) = await IDCrossCheck.run(ids, reader: &reader)
    let carriers = await reader.carriers()
    let shipTos = await reader.shipTos(customer: ids.dwfCustomer?.id)

    var report = OnboardingReport(
      workspace: workspace.root.path, ids: ids, crossCheck: crossCheck)
    report.defaultCarrier = defaultCarrier
    report.carrierSettingError = carrierSettingError
    report.carriers = try? carriers.get()
    let generatedAt = clock()
    let files = OnboardingFiles(workspace: workspace, generatedAt: generatedAt)
    try files.prepareFolder()
    report.written.append(try files.writeIDs(ids))
    let customer = ids.dwfCustomer?.id
    try files.write(carriers, name: OnboardingFiles.carriersName, into: &report) {
      OnboardingJSON.carriers($0, generatedAt: generatedAt)
    }
    try files.write(locations, name: OnboardingFiles.locationsName, into: &report) {
      OnboardingJSON.locations($0, generatedAt: generatedAt)
    }
    try files.write(shipTos, name: OnboardingFiles.shipTosName, into: &report) {
      OnboardingJSON.shipTos($0, customer: customer, generatedAt: generatedAt)
    }

    if includesTokens {
      report.tokenPackage = try writeTokenPackage(ids, generatedAt: generatedAt)
    }
    logOutcome(report)
    return report
  }

  /// Returns a reader with a client when the Company ID and token are set, or one that
  /// calls nothing and reports the reason.
  private func makeReader(_ ids: ResolvedIDs) throws -> KometListReader {
    guard let companyId = ids.companyId?.id, ids.companyToken != nil else {
      return KometListReader(
        notCalledBecause: "the Company ID or the Company token is missing, so Komet was not"
          + " called")
    }
    let configuration = KometClientConfiguration(
      settings: settings, companyId: companyId, tokens: try settings.tokens)
    let database = try StateSchema.open(workspace: workspace.root.path)
    do {
      let client = try KometClient(
        configuration: configuration, database: database, logger: logger)
      return KometListReader(client: client)
    } catch {
      return KometListReader(notCalledBecause: error.description)
    }
  }

  private func writeTokenPackage(_ ids: ResolvedIDs, generatedAt: Date) throws
    -> OnboardingReport.TokenPackage
  {
    switch ConnectorPackage.contents(from: ids) {
    case .failure(let gap):
      return .notWritten(gap)
    case .success(let contents):
      let url = try ConnectorPackage.write(contents, in: workspace, generatedAt: generatedAt)
      return .written(path: OnboardingFiles.relativePath(of: url, in: workspace))
    }
  }

  private func logOutcome(_ report: OnboardingReport) {
    for failure in report.crossCheck.failures + report.leftOut.map(\.failure)
    where failure.kind != .notCalled {
      logger.warning(
        "Komet list not read during onboarding",
        ["komet.method": failure.method.rawValue, "error": failure.reason])
    }
    logger.info(
      "Onboarding finished",
      [
        "onboarding.missing": "\(report.ids.missing.count)",
        "onboarding.mismatches": "\(report.crossCheck.mismatches.count)",
        "onboarding.files_written": "\(report.written.count)",
      ])
  }
}
