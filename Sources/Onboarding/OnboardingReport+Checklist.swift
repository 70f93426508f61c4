import Configuration
import Foundation
import Komet

extension OnboardingReport {
  /// Returns the checklist that `komet-dwf onboarding` prints: each value done (with its value
  /// and source, tokens masked) or missing (with how to get it), the cross-check's findings,
  /// and the files written or left out.
  package func checklist() -> String {
    var lines = ["Onboarding checklist (workspace \(workspace)):"]
    lines += idLines()
    lines += [""] + crossCheckLines()
    lines += [""] + carrierLines()
    lines += [""] + fileLines()
    if let tokenLines = tokenPackageLines() {
      lines += [""] + tokenLines
    }
    lines += ["", summaryLine()]
    return lines.joined(separator: "\n") + "\n"
  }

  private func idLines() -> [String] {
    var lines: [String] = []
    func add(_ kind: MissingItem.Kind, _ label: String, _ done: String?) {
      if let item = ids.missingItem(kind) {
        lines.append("  [missing] \(item.name)")
        lines += Self.wrapped("How: \(item.instructions)", indent: "            ")
      } else if let done {
        lines.append("  [done]    \(label): \(done)")
      }
    }

    add(.companyId, "Company ID", ids.companyId.map(Self.text))
    add(.companyToken, "Company token", ids.companyToken.map(Self.text))
    add(.customerToken, "Customer token", ids.customerToken.map(Self.text))
    add(.dwfCustomerId, "DWF customer ID", ids.dwfCustomer.map(Self.text))
    add(.locationIds, "Location IDs", locationsText())
    add(.defaultLocation, "Default location", ids.defaultLocation.map(Self.text))
    return lines
  }

  private func locationsText() -> String? {
    guard let first = ids.locations.first else { return nil }
    let listed = ids.locations.map { location in
      location.name.map { "\(location.id.digits) \($0)" } ?? location.id.digits
    }
    return listed.joined(separator: ", ") + " (\(first.source))"
  }

  private func crossCheckLines() -> [String] {
    var lines = ["Cross-check with Komet (customer.list and location.list):"]
    for mismatch in crossCheck.mismatches {
      lines += Self.wrapped("Warning: \(mismatch)", indent: "  ")
    }
    for failure in crossCheck.failures {
      lines += Self.wrapped("Not checked: \(failure).", indent: "  ")
    }
    if crossCheck.isKometUnreachable {
      lines.append("  Komet could not be reached, so the IDs above are used as they are.")
    }
    if crossCheck.isComplete {
      // An inactive DWF customer is one of the warnings above.
      if crossCheck.isDWFCustomerActive == true, let dwf = ids.dwfCustomer {
        lines.append("  DWF customer \(dwf.id) is active in Komet.")
      }
      if crossCheck.mismatches.isEmpty {
        lines.append("  Komet agrees with every ID found above.")
      }
    }
    return lines
  }

  /// Returns the lines on the optional `orders.defaultCarrierId`. Without it an order that
  /// names no carrier is rejected, and with an ID that Komet does not list it fails later.
  private func carrierLines() -> [String] {
    var lines = ["Orders:"]
    let file = "outbox/dwf/onboarding/\(OnboardingFiles.carriersName)"
    if let carrierSettingError {
      lines += Self.wrapped(
        "Not checked: the default carrier, because \(carrierSettingError)", indent: "  ")
      return lines
    }
    guard let id = defaultCarrier.value else {
      lines.append("  [not set] Default carrier (orders.defaultCarrierId)")
      lines += Self.wrapped(
        "An order that names no carrier_id or carrier_code is rejected. To accept such orders,"
          + " set orders.defaultCarrierId in komet-dwf.json to an ID from \(file).",
        indent: "            ")
      return lines
    }

    let label = "  [done]    Default carrier: \(id.digits)"
    guard let carriers else {
      lines.append("\(label) (\(defaultCarrier.source); not checked, carrier.list not read)")
      return lines
    }
    guard let carrier = carriers.first(where: { $0.id == id }) else {
      lines += Self.wrapped(
        "Warning: orders.defaultCarrierId \(id.digits) (\(defaultCarrier.source)) is not in"
          + " Komet's carrier.list, so an order that names no carrier would fail at"
          + " web-order.create. Set it to an ID from \(file).",
        indent: "  ")
      return lines
    }
    let name = carrier.name.map { " \($0)" } ?? ""
    lines.append("\(label)\(name) (\(defaultCarrier.source))")
    return lines
  }

  private func fileLines() -> [String] {
    var lines = ["Files for DWF (no token in any of them):"]
    for file in written {
      lines += Self.wrapped("wrote \(file.path): \(file.summary)", indent: "  ")
    }
    for file in leftOut {
      let kept =
        file.previousFileDate.map {
          "the previous file, written \(OnboardingTime.text($0)), is kept"
        } ?? "no previous file exists"
      lines += Self.wrapped("left out \(file.path): \(file.failure); \(kept)", indent: "  ")
    }
    return lines
  }

  private func tokenPackageLines() -> [String]? {
    switch tokenPackage {
    case .notRequested:
      return nil
    case .written(let path):
      return [
        "Token package for Komet's native DWF connector:",
        "  wrote \(path) (mode 0600, folder 0700).",
        "  WARNING: this file contains the whole Customer and Company tokens. Send it to DWF",
        "  by a safe channel (not plain email), delete it afterwards, and never copy it into",
        "  outbox/dwf/ or any folder DWF's SFTP account can read.",
      ]
    case .notWritten(let gap):
      return [
        "Token package for Komet's native DWF connector:",
        "  not written: \(gap).",
      ]
    }
  }

  private func summaryLine() -> String {
    switch status {
    case .complete:
      return "Onboarding is complete."
    case .incomplete:
      let count = ids.missing.count
      return count == 0
        ? "Onboarding is not complete: the token package was not written."
        : "Onboarding is not complete: \(count) item(s) missing."
    case .kometUnreachable:
      return "Every value is there, but Komet could not be reached; run onboarding again later."
    case .quotaExhausted:
      return "Every value is there, but the daily Komet allowance is used up; run onboarding"
        + " again tomorrow."
    case .kometFailed:
      return "Every value is there, but Komet rejected a call; see the lines above."
    }
  }

  /// Splits `text` into lines of at most 96 columns at spaces, each starting with `indent`.
  static func wrapped(_ text: String, indent: String, width: Int = 96) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      // Continuation lines are indented two more columns.
      let prefix = lines.isEmpty ? indent : indent + "  "
      if !current.isEmpty, prefix.count + current.count + 1 + word.count > width {
        lines.append(prefix + current)
        current = ""
      }
      current += current.isEmpty ? String(word) : " " + word
    }
    lines.append((lines.isEmpty ? indent : indent + "  ") + current)
    return lines
  }

  private static func text(_ resolved: ResolvedID) -> String {
    let name = resolved.name.map { " \($0)" } ?? ""
    return "\(resolved.id.digits)\(name) (\(resolved.source))"
  }

  private static func text(_ token: Sourced<Token>) -> String {
    "\(token.value.masked) (\(token.source))"
  }
}
