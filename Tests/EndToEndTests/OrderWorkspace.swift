import Foundation
import KometSandbox
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An `EndToEndWorkspace` set up for orders: its config adds a default carrier, short
/// timeouts and retries, and optionally checkout, and its first `once` wrote the inventory
/// drop that order files are validated against.
final class OrderWorkspace {
  let base: EndToEndWorkspace
  let batch: OrderBatch

  var root: URL { base.root }
  var sandbox: KometSandbox { base.sandbox! }
  var acks: URL { root.appendingPathComponent("outbox/dwf/acks") }
  var reports: URL { root.appendingPathComponent("outbox/reports/orders") }

  /// Creates the workspace and its sandbox, and runs the first `once`, which writes a drop.
  init(checkout: Bool = false, requestSeconds: Double = 3) throws {
    base = try EndToEndWorkspace()
    let sandbox = base.sandbox!
    try Self.config(
      baseURL: sandbox.baseURL, checkout: checkout, requestSeconds: requestSeconds
    ).write(to: base.configFile)
    batch = OrderBatch(inventory: sandbox.state.inventory.filter { $0.locationId == "200101" })

    let first = try base.once()
    guard first.status == 0 else { throw EndToEndWorkspace.SetupError.initFailed(first.error) }
  }

  private static func config(baseURL: URL, checkout: Bool, requestSeconds: Double) -> Data {
    let text = """
      {
        "komet": {
          "baseURL": "\(baseURL.absoluteString)",
          "companyId": "4242",
          "dwfCustomerId": "\(SandboxState.dwfCustomerId)",
          "defaultLocationId": "200101",
          "timeouts": { "requestSeconds": \(requestSeconds) },
          "retry": { "attempts": 2, "maximumDelaySeconds": 0.05 },
          "tokenFiles": {
            "company": "state/sandbox/company.token",
            "customer": "state/sandbox/customer.token",
            "user": "state/sandbox/user.token"
          }
        },
        "inventory": { "source": "ecommerce" },
        "orders": { "defaultCarrierId": "3101", "checkout": \(checkout) }
      }

      """
    return Data(text.utf8)
  }

  /// Drops every file of the batch into `inbox/dwf/` in name order, each through a rename.
  func dropBatch(pausingMicroseconds pause: UInt32 = 0) throws {
    for (name, data) in batch.files {
      try base.drop(data: data, as: name, into: base.dwfInbox)
      if pause > 0 { usleep(pause) }
    }
  }

  /// Runs `komet-dwf once` with `environment` added.
  func once(_ environment: [String: String] = [:]) throws -> ProcessResult {
    try base.once(environment: environment)
  }

  /// Runs `komet-dwf once` with the crash point set, and returns how the process ended.
  func onceCrashing(at point: String) throws -> (reason: Process.TerminationReason, status: Int32)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtKometDWF!)
    process.arguments = ["once", "--workspace", root.path]
    process.environment = EndToEndWorkspace.childEnvironment(
      EndToEndWorkspace.onceEnvironment.merging(["KOMET_DWF_CRASH_AT": point]) { $1 })
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationReason, process.terminationStatus)
  }

  /// Runs `komet-dwf status --json` and returns the parsed object.
  func statusJSON() throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtKometDWF!)
    process.arguments = ["status", "--json", "--workspace", root.path]
    process.environment = EndToEndWorkspace.childEnvironment()
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  // MARK: Reading the outbox

  /// Reads the JSON acknowledgements in `outbox/dwf/acks/` by order number, with the base name of
  /// each file.
  func acknowledgements() throws -> [String: (name: String, object: [String: Any])] {
    var found: [String: (name: String, object: [String: Any])] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: acks.path)) ?? []
    for name in names where name.hasSuffix(".json") && !name.hasSuffix(".rejected.json") {
      let data = try Data(contentsOf: acks.appendingPathComponent(name))
      let object = try #require(
        try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name)")
      let number = try #require(object["orderNumber"] as? String, "\(name)")
      found[number] = (String(name.dropLast(".json".count)), object)
    }
    return found
  }

  /// Counts the web-order groups that the order reports flag with `possibleOrphanHeader`.
  func flaggedOrphanHeaders() throws -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
    var count = 0
    for name in names where name.hasSuffix(".json") {
      let data = try Data(contentsOf: reports.appendingPathComponent(name))
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      let groups = object?["webOrders"] as? [[String: Any]] ?? []
      count += groups.filter { $0["possibleOrphanHeader"] is String }.count
    }
    return count
  }

  /// Reports whether every order in the acknowledgements is settled and `inbox/dwf/` is empty,
  /// so a restart has nothing left to do.
  func isFinished() throws -> Bool {
    guard base.filesDirectly(in: base.dwfInbox).isEmpty else { return false }
    let acks = try acknowledgements()
    return batch.orders.allSatisfy { order in
      let state = acks[order.orderNumber]?.object["orderState"] as? String
      return state == "settled"
    }
  }

  /// Runs `once` until the batch is finished, at most `attempts` times, and returns the
  /// results of the runs.
  @discardableResult
  func restartUntilFinished(attempts: Int = 2) throws -> [ProcessResult] {
    var results: [ProcessResult] = []
    for _ in 0..<attempts {
      results.append(try once())
      if try isFinished() { break }
    }
    return results
  }
}
