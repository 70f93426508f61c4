import Configuration
import Exchange
import Foundation
import OrderJournal
import StateStore
import Workspace

/// The `komet-dwf status` command: the last inventory drop, failed and waiting files, today's
/// quota, the waiting change requests, the orders by state and the lines awaiting review.
/// With `--check` the exit status shows whether something needs a person.
struct StatusCommand {
  let workspace: Workspace
  let isCheck: Bool
  let isJSON: Bool

  static let usage = "komet-dwf status [--workspace DIR] [--check] [--json]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["workspace"], switches: ["check", "json"])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(extra, reason: "status takes no file argument")
    }
    workspace = Workspace(option: parsed.options["workspace"])
    isCheck = parsed.flags.contains("check")
    isJSON = parsed.flags.contains("json")
  }

  func run(streams: OutputStreams, environment: [String: String], now: Date = Date()) throws
    -> ExitCode
  {
    if let missing = WorkspaceCheck.requireInbox(workspace, command: "status", streams: streams) {
      return missing
    }
    let komet: KometSettings
    let exchange: ExchangeSettings
    do {
      komet = try KometSettings.load(workspace: workspace.root, environment: environment)
      exchange = try ExchangeSettings.load(workspace: workspace.root, environment: environment)
    } catch {
      streams.writeError("komet-dwf: \(error)\n")
      return .configuration
    }

    let status: WorkspaceStatus
    do {
      status = try WorkspaceStatus.read(
        workspace: workspace, komet: komet, exchange: exchange, now: now)
    } catch {
      streams.writeError("komet-dwf: the state database cannot be read: \(error)\n")
      return .ioError
    }

    streams.write(isJSON ? StatusReport.json(status) : StatusReport.text(status, workspace))
    guard isCheck, !status.problems.isEmpty else { return .success }
    if !isJSON {
      for problem in status.problems {
        streams.writeError("komet-dwf: needs attention: \(problem)\n")
      }
    }
    return .failure
  }
}

/// The text and JSON forms of a workspace status.
enum StatusReport {
  static func text(_ status: WorkspaceStatus, _ workspace: Workspace) -> String {
    var lines = ["Workspace \(workspace.root.path)", ""]
    lines.append(contentsOf: dropLines(status))
    lines.append("")

    lines.append("Failed files (inbox/failed/): \(status.failedFiles.count)")
    for file in status.failedFiles {
      lines.append("  \(file.name): \(file.firstErrorLine ?? "no error file")")
    }
    lines.append("Files waiting in the inbox: \(status.waitingFiles.count)")
    lines.append(contentsOf: status.waitingFiles.map { "  \($0)" })
    lines.append("")

    lines.append("Komet requests today, per token role:")
    let shared = status.quota.filter(\.isShared)
    for use in status.quota where !use.isShared {
      lines.append("  \(use.role.rawValue): \(use.used) of its own \(use.limit)")
    }
    if let limit = shared.first?.limit {
      let used = shared.reduce(Int64(0)) { $0 + $1.used }
      let parts = shared.map { "\($0.role.rawValue) \($0.used)" }.joined(separator: ", ")
      lines.append("  \(used) of \(limit) shared (\(parts))")
    }
    lines.append("  reserved for orders: \(status.reserveForOrders)")
    lines.append("")

    lines.append("Change requests waiting: \(status.changeRequests.count)")
    for request in status.changeRequests {
      lines.append("  \(requestLine(request))")
    }
    lines.append("")

    lines += orderLines(status)
    return lines.joined(separator: "\n") + "\n"
  }

  private static func orderLines(_ status: WorkspaceStatus) -> [String] {
    let total = status.orderCounts.values.reduce(0, +)
    let parts = OrderState.allCases.map { "\($0.rawValue) \(status.orderCounts[$0] ?? 0)" }
    var lines = ["Orders: \(total) (\(parts.joined(separator: ", ")))"]
    for state in OrderState.allCases {
      guard let numbers = status.recentOrders[state], !numbers.isEmpty else { continue }
      let count = status.orderCounts[state] ?? numbers.count
      let more = count > numbers.count ? ", and \(count - numbers.count) more" : ""
      lines.append(
        "  \(state.rawValue), most recent first: \(numbers.joined(separator: ", "))\(more)")
    }
    lines.append("Lines awaiting review: \(status.reviewLines.count)")
    for line in status.reviewLines {
      lines.append("  \(line.key): \(line.reason ?? "no reason recorded")")
    }
    if !status.reviewLines.isEmpty {
      lines.append("  Settle each with: komet-dwf review ORDER LINE --added | --not-added")
    }
    return lines
  }

  private static func dropLines(_ status: WorkspaceStatus) -> [String] {
    if let error = status.dropReadError {
      return ["Inventory drop: unreadable (\(error))"]
    }
    guard let drop = status.drop, let age = status.dropAgeMinutes else {
      return ["Inventory drop: no drop yet"]
    }
    let isStale = status.problems.contains { if case .staleDrop = $0 { true } else { false } }
    return [
      "Inventory drop: sequence \(drop.sequence), \(drop.itemCount) items, manifest "
        + drop.manifest,
      "  data as of \(iso(drop.asOf)), \(StatusProblem.minutes(age)) ago"
        + (isStale ? " (stale, limit \(StatusProblem.minutes(status.maxAgeMinutes)))" : ""),
    ]
  }

  private static func requestLine(_ request: ChangeRequest) -> String {
    var text = "#\(request.id) \(request.kind)"
    if let order = request.orderNumber { text += " order \(order)" }
    if let line = request.line { text += " line \(line)" }
    return text + " (\(request.state.rawValue) since \(iso(request.requestedAt)))"
  }

  static func json(_ status: WorkspaceStatus) -> String {
    var drop: Any = NSNull()
    if let summary = status.drop {
      drop = [
        "sequence": summary.sequence, "asOf": iso(summary.asOf), "itemCount": summary.itemCount,
        "stale": summary.isMarkedStale, "manifest": summary.manifest,
        "ageMinutes": status.dropAgeMinutes ?? 0,
      ] as [String: Any]
    }
    let object: [String: Any] = [
      "drop": drop,
      "dropError": status.dropReadError.map { $0 as Any } ?? NSNull(),
      "failedFiles": status.failedFiles.map {
        ["name": $0.name, "error": $0.firstErrorLine.map { $0 as Any } ?? NSNull()]
      },
      "waitingFiles": status.waitingFiles,
      "quota": status.quota.map { ["role": $0.role.rawValue, "used": $0.used, "limit": $0.limit] },
      "reserveForOrders": status.reserveForOrders,
      "changeRequests": status.changeRequests.map {
        ["id": $0.id, "kind": $0.kind, "state": $0.state.rawValue] as [String: Any]
      },
      "problems": status.problems.map(\.description),
      "orders": orderCountObject(status),
      "recentOrders": Dictionary(
        uniqueKeysWithValues: status.recentOrders.map { ($0.key.rawValue, $0.value) }),
      "reviewLines": status.reviewLines.map(reviewObject),
    ]
    let data = (try? JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func orderCountObject(_ status: WorkspaceStatus) -> [String: Int] {
    var object: [String: Int] = [:]
    for state in OrderState.allCases {
      object[state.rawValue] = status.orderCounts[state] ?? 0
    }
    return object
  }

  private static func reviewObject(_ line: ReviewLine) -> [String: Any] {
    [
      "orderNumber": line.key.orderNumber, "lineNumber": line.key.lineNumber,
      "reason": line.reason.map { $0 as Any } ?? NSNull(),
      "inventoryId": line.inventoryId.map { $0 as Any } ?? NSNull(),
      "webOrderId": line.webOrderId.map { $0 as Any } ?? NSNull(),
    ]
  }

  private static func iso(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
