import Configuration
import Foundation
import Komet

/// The findings and output files of one onboarding run.
package struct OnboardingReport: Sendable {
  /// An output file that was written.
  package struct WrittenFile: Equatable, Sendable {
    /// The path inside the workspace, such as `outbox/dwf/onboarding/ids.json`.
    package var path: String
    package var summary: String
  }

  /// An output file that was not written because its list could not be read.
  package struct LeftOutFile: Equatable, Sendable {
    package var path: String
    package var failure: ListFailure
    /// The time of the previous file, which is kept, or nil when there is none.
    package var previousFileDate: Date?
  }

  /// The outcome for the token package of `--include-tokens`.
  package enum TokenPackage: Equatable, Sendable {
    case notRequested
    case written(path: String)
    case notWritten(ConnectorPackageGap)
  }

  /// The run's outcome. The cases run from the most to the least pressing.
  package enum Status: Equatable, Sendable {
    /// Every value is there, and every list was read.
    case complete
    /// Some value is missing, or the token package could not be made.
    case incomplete
    /// Komet could not be reached.
    case kometUnreachable
    /// The daily request allowance is used up.
    case quotaExhausted
    /// Komet rejected a call or sent a response that could not be read.
    case kometFailed
  }

  package var workspace: String
  package var ids: ResolvedIDs
  package var crossCheck: IDCrossCheckReport
  package var written: [WrittenFile] = []
  package var leftOut: [LeftOutFile] = []
  package var tokenPackage: TokenPackage = .notRequested
  /// `orders.defaultCarrierId`, the carrier of an order that names none.
  package var defaultCarrier = Sourced<KometID?>(nil)
  /// The error that kept the pipeline settings from loading, so the default carrier is unknown.
  package var carrierSettingError: String?
  /// Komet's `carrier.list`, or nil when it could not be read.
  package var carriers: [Carrier]?

  /// Returns the status, which the command maps to its exit status.
  package var status: Status {
    if !ids.isComplete { return .incomplete }
    if case .notWritten = tokenPackage { return .incomplete }

    let failures = crossCheck.failures + leftOut.map(\.failure)
    if failures.contains(where: { $0.kind == .unreachable }) { return .kometUnreachable }
    if failures.contains(where: { $0.kind == .quotaExhausted }) { return .quotaExhausted }
    if failures.contains(where: { $0.kind != .notCalled }) { return .kometFailed }
    return .complete
  }
}
