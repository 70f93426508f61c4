import Komet

/// The results of `komet check`, printed as one block per method with a guess for each
/// refusal, and the exit status they lead to.
struct KometCheckReport: Sendable {
  let results: [KometCheckResult]
  let tokens: KometTokens
  let choices: DocumentationChoices

  /// Prints the report and returns 69 when Komet could not be reached, 75 when the daily
  /// allowance is used up, 65 when a call was refused or failed, and 0 when every tested
  /// method works.
  func print(to streams: OutputStreams, setup: KometCheckSetup, allowsWrites: Bool) -> ExitCode {
    for note in setup.notes {
      streams.write("Note: \(note)\n")
    }
    for note in tokenNotes(allowsWrites: allowsWrites) {
      streams.write("Note: \(note)\n")
    }
    if !setup.notes.isEmpty || !tokenNotes(allowsWrites: allowsWrites).isEmpty {
      streams.write("\n")
    }

    streams.write("Methods:\n")
    for result in results {
      streams.write(lines(for: result).map { "  \($0)\n" }.joined())
    }
    streams.write("\n")

    let status = exitCode
    streams.write(summary(status) + "\n")
    return status
  }

  var exitCode: ExitCode {
    if results.contains(where: { $0.outcome.isUnreachable }) { return .unavailable }
    if results.contains(where: { $0.outcome.isQuotaExhausted }) { return .temporaryFailure }
    if results.contains(where: { $0.outcome.isProblem }) { return .dataError }
    return .success
  }

  private func summary(_ status: ExitCode) -> String {
    // A dry-run write was recorded, not sent, so it is counted apart from the calls that work.
    let recorded = results.filter {
      guard $0.token != nil, case .recorded = $0.outcome else { return false }
      return true
    }
    let tested = results.filter { $0.token != nil }.filter { result in
      !recorded.contains { $0.method == result.method && $0.token == result.token }
    }
    let working = tested.filter {
      if case .works = $0.outcome { return true }
      return false
    }
    let untested = Set(results.filter { $0.token == nil }.map(\.method)).count
    var counts = "\(working.count) of \(tested.count) calls work, \(untested) methods untested"
    if !recorded.isEmpty {
      counts += ", \(recorded.count) dry-run writes recorded and not sent"
    }
    counts += "."
    switch status {
    case .unavailable:
      return "Komet could not be reached. \(counts) Check komet.baseURL (or KOMET_API_URL) and"
        + " the network, or, for the sandbox, that `komet-dwf sandbox` is still running."
    case .temporaryFailure:
      return "The daily allowance is used up, so the check stopped; run it again tomorrow."
        + " \(counts)"
    case .dataError:
      return "Komet refused or failed \(tested.count - working.count) calls. \(counts)"
    default: return "Every tested method works. \(counts)"
    }
  }

  private func lines(for result: KometCheckResult) -> [String] {
    let name = result.method.rawValue
    let padded = name + String(repeating: " ", count: max(1, 34 - name.count))
    let with = result.token.map { " with the \($0)" } ?? ""
    switch result.outcome {
    case .works(let detail):
      return [padded + "works" + with + (detail.map { ": \($0)" } ?? "")]
    case .recorded(let detail):
      return [padded + "dry run" + with + ": \(detail) in outbox/komet/requests/, not sent"]
    case .refused(let message):
      return [
        padded + "refused" + with, "    Komet's message: \(message)",
        "    guess: \(guess(for: result))",
      ]
    case .failed(let message):
      return [padded + "failed" + with, "    \(message)"]
    case .unreachable(let message):
      return [padded + "no answer" + with, "    \(message)"]
    case .quotaExhausted(let message):
      return [padded + "not sent" + with, "    \(message)"]
    case .untested(let reason):
      return [padded + "untested: \(reason)"]
    }
  }

  /// Returns the likely cause of a refusal, from the method's valid token types and from the
  /// token's other results.
  func guess(for result: KometCheckResult) -> String {
    guard let token = result.token else { return "unknown" }
    let validRoles = result.method.specification(with: choices).validRoles
    let listed = validRoles.map(\.description).joined(separator: ", ")
    guard validRoles.contains(token.role) else {
      return "this token's type (\(token.role)) is not listed for this method, which accepts"
        + " \(listed) tokens."
    }
    let worksElsewhere = results.contains {
      guard $0.token == token else { return false }
      if case .works = $0.outcome { return true }
      return false
    }
    if worksElsewhere {
      return "the method is not ticked for this token in Setup > Settings > Tokens, because"
        + " the same token works for other methods."
    }
    return "the token is wrong, revoked, or not a \(token.role) token, because Komet refused it"
      + " for every method tried. This method accepts \(listed) tokens."
  }

  private func tokenNotes(allowsWrites: Bool) -> [String] {
    var notes: [String] = []
    if let company = tokens.company, company.role == .vendor {
      let unserved = KometMethod.allCases.filter {
        let roles = $0.specification(with: choices).validRoles
        return roles.contains(.company) && !roles.contains(.vendor)
      }
      notes.append(
        "the Company slot holds a Vendor token (komet.companyTokenType), which cannot serve "
          + unserved.map(\.rawValue).joined(separator: ", ") + ".")
    }
    if tokens.user != nil, !results.contains(where: { $0.token?.role == .user }) {
      notes.append(
        "the User token was not called. Only --write tries it, on web-order.create and"
          + " web-order.delete.")
    }
    if allowsWrites, tokens.user != nil, tokens.customer != nil,
      results.contains(where: { $0.method == .webOrderCreate && $0.token?.role == .user })
    {
      notes.append(
        "the writes used the User token. The Customer token, which the client picks first"
          + " for the web-order methods, was not tried on them.")
    }
    return notes
  }
}
