import CLI
import Configuration
import Dispatch
import Exchange
import Foundation
import Inventory
import Logging
import OrderCommands
import OrderJournal
import StateStore
import Workspace

/// A new workspace with `inbox/` and `state/`, removed with everything in it when released.
final class ScratchWorkspace {
  let workspace: Workspace

  init() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("order-commands-tests-\(UUID().uuidString)")
    workspace = Workspace(root: root)
    for folder in [workspace.inbox, workspace.state] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
  }

  deinit {
    try? FileManager.default.removeItem(at: workspace.root)
  }

  var path: String { workspace.root.path }

  /// Opens the workspace's journal with a clock fixed at `now`.
  func journal(now: Date = TestClock.today) throws -> OrderJournal {
    OrderJournal(database: try StateSchema.open(workspace: path), now: { now })
  }

  func queue() throws -> ChangeRequests {
    ChangeRequests(database: try StateSchema.open(workspace: path))
  }
}

enum TestClock {
  /// 2030-04-01 12:00 UTC, a month before the sample order's ship date.
  static let today = Date(timeIntervalSince1970: 1_901_275_200)
  /// 2030-05-02 12:00 UTC, the day after the sample order's ship date.
  static let afterShipDate = Date(timeIntervalSince1970: 1_903_953_600)
}

/// The inventory snapshot the retries validate against: 9001 to 9003 at their order prices,
/// 9005 at a higher price than the order's, and no 4040.
let sampleInventory: [InventoryItem] = [
  InventoryItem(
    inventoryId: "9001", origin: .onHand, boxesAvailable: 10, unitPrice: Decimal(string: "0.45")!,
    locationId: "7"),
  InventoryItem(
    inventoryId: "9002", origin: .future, boxesAvailable: 10, unitPrice: Decimal(string: "1.10")!,
    locationId: "7"),
  InventoryItem(
    inventoryId: "9003", origin: .onHand, unitsPerBox: 25, boxesAvailable: 10,
    unitPrice: Decimal(string: "0.30")!, locationId: "7"),
  InventoryItem(
    inventoryId: "9005", origin: .onHand, boxesAvailable: 10, unitPrice: Decimal(string: "0.60")!,
    locationId: "7"),
]

/// Journals order `number` with one line in each state a retry must tell apart, and returns
/// the on-hand group's ID:
///
/// - line 1 (9001, on hand) accepted on web order `WO-1`;
/// - line 2 (9002, future) in review;
/// - line 3 (9003) rejected at receipt, and now in the inventory at its price;
/// - line 4 (4040) rejected at receipt, and still missing from the inventory;
/// - line 5 (9005) waiting for quota, and now priced 0.60 against the order's 0.50.
@discardableResult
func journalSampleOrder(
  _ journal: OrderJournal, number: String = "DWF-100"
) throws -> Int64 {
  let order = ReceivedOrder(
    orderNumber: number, shipDate: "2030-05-01", locationId: "7", customerPO: "PO 55",
    sourceFile: "orders-1.csv",
    lines: [
      ReceivedLine(
        lineNumber: 1, inventoryId: "9001", origin: .onHand, quantity: 2,
        unitPrice: Decimal(string: "0.45")),
      ReceivedLine(
        lineNumber: 2, inventoryId: "9002", origin: .future, quantity: 1,
        unitPrice: Decimal(string: "1.10")),
      ReceivedLine(
        lineNumber: 3, inventoryId: "9003", origin: .onHand, quantity: 5,
        unitPrice: Decimal(string: "0.30"), rejection: "inventory 9003 not in the snapshot"),
      ReceivedLine(
        lineNumber: 4, inventoryId: "4040", origin: .onHand, quantity: 1,
        unitPrice: Decimal(string: "0.99"), rejection: "inventory 4040 not in the snapshot"),
      ReceivedLine(
        lineNumber: 5, inventoryId: "9005", origin: .onHand, quantity: 3,
        unitPrice: Decimal(string: "0.50")),
    ])
  guard case .new(let snapshot) = try journal.receive(order: order, digest: "digest-\(number)")
  else { throw TestSetupError.orderNotNew(number) }
  let onHand = try requireGroup(snapshot, origin: .onHand)

  try journal.beginCreate(group: onHand.id)
  try journal.recordWebOrderCreated(group: onHand.id, webOrderId: "WO-1")
  let first = LineKey(orderNumber: number, lineNumber: 1)
  try journal.beginLineAdd(line: first)
  try journal.finishLineAdd(line: first, outcome: .accepted(itemId: "I-1"))
  let fifth = LineKey(orderNumber: number, lineNumber: 5)
  try journal.beginLineAdd(line: fifth)
  try journal.finishLineAdd(line: fifth, outcome: .quotaExhausted)
  try journal.markReview(
    line: LineKey(orderNumber: number, lineNumber: 2), reason: "web-order-details.list failed")
  return onHand.id
}

enum TestSetupError: Error {
  case orderNotNew(String)
  case groupMissing(InventoryOrigin)
  case nothingClaimed
}

/// Returns the order's group of `origin`, or throws when it has none.
func requireGroup(_ order: OrderSnapshot, origin: InventoryOrigin) throws -> GroupSnapshot {
  guard let group = order.groups.first(where: { $0.origin == origin }) else {
    throw TestSetupError.groupMissing(origin)
  }
  return group
}

/// Returns the journaled line `number` of `order`.
func line(_ number: Int, of order: OrderSnapshot?) -> LineSnapshot? {
  order?.lines.first { $0.key.lineNumber == number }
}

/// Builds the three handlers for `scratch`, validating retries against `inventory`.
func makeHandlers(
  _ scratch: ScratchWorkspace, inventory: [InventoryItem] = sampleInventory,
  now: Date = TestClock.today
) -> [any ChangeRequestHandler] {
  [
    RetryHandler(
      workspace: scratch.workspace, settings: RetrySettings(), inventory: { inventory },
      locationIds: { ["7"] }, now: { now }),
    ReviewHandler(workspace: scratch.workspace),
    CancelHandler(workspace: scratch.workspace),
  ]
}

/// Queues a request of `kind` in the workspace's queue and claims it, as the pipeline would
/// before handing it to a handler.
func claimedRequest(
  _ kind: String, in scratch: ScratchWorkspace, order: String?, line: Int? = nil,
  arguments: String = "{}"
) throws -> ChangeRequest {
  let queue = try scratch.queue()
  defer { queue.database.close() }
  _ = try queue.enqueue(kind: kind, orderNumber: order, line: line, arguments: arguments)
  guard let claimed = try queue.claimNext() else { throw TestSetupError.nothingClaimed }
  return claimed
}

/// The outcome of one command line run in-process.
struct CommandResult {
  var status: Int32
  var output: String
  var error: String
  /// The time the command took on its own thread, without any wait for the test pool.
  var elapsed: Duration = .zero
}

/// Runs the command line on a Dispatch thread, because the order commands block their
/// caller while they wait for the request's outcome, and a blocked thread of the 2-thread
/// concurrency pool could starve the pipeline that carries the request out.
func runOffPool(_ arguments: [String]) async -> CommandResult {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async {
      let streams = OutputStreams.collecting()
      let started = ContinuousClock.now
      let status = runCommandLine(arguments, streams: streams, environment: [:])
      continuation.resume(
        returning: CommandResult(
          status: status, output: streams.outputText, error: streams.errorText,
          elapsed: ContinuousClock.now - started))
    }
  }
}

/// Runs `arguments` in-process while a pipeline holding the workspace lock runs one pass
/// with the order handlers once the command has queued its request, and returns the
/// command's result with the pass's report.
func runWithPipeline(
  _ arguments: [String], in scratch: ScratchWorkspace,
  handlers: [any ChangeRequestHandler]? = nil
) async throws -> (CommandResult, PassReport) {
  // The lock is taken first, as a running pipeline holds it, so the command waits for the
  // outcome instead of returning at once with no process to carry the request out. The wait
  // is the longest the command accepts, because the pass runs on the test pool, which other
  // suites can block for minutes.
  let lock = try WorkspaceLock(workspace: scratch.workspace)
  defer { lock.release() }
  let commandLine = arguments + ["--workspace", scratch.path, "--wait", "3600"]
  async let command = runOffPool(commandLine)

  let queue = try scratch.queue()
  defer { queue.database.close() }
  var isQueued = false
  for _ in 0..<2_400 where !isQueued {
    isQueued = try !queue.unfinished().isEmpty
    if !isQueued { try await Task.sleep(for: .milliseconds(25)) }
  }

  let report = await runPass(
    in: scratch, lock: lock, handlers: handlers ?? makeHandlers(scratch))
  return (await command, report)
}

/// Takes the workspace lock and runs one pipeline pass with only `handlers` as stages.
func runPass(
  in scratch: ScratchWorkspace, handlers: [any ChangeRequestHandler]
) async throws -> PassReport {
  let lock = try WorkspaceLock(workspace: scratch.workspace)
  defer { lock.release() }
  return await runPass(in: scratch, lock: lock, handlers: handlers)
}

/// Runs one pipeline pass with only `handlers` as stages, under `lock`.
func runPass(
  in scratch: ScratchWorkspace, lock: WorkspaceLock, handlers: [any ChangeRequestHandler]
) async -> PassReport {
  let pipeline = Pipeline(
    workspace: scratch.workspace, lock: lock, settings: ExchangeSettings(),
    stages: PipelineStages(changeHandlers: handlers),
    logger: Logger(label: "test", handler: InMemoryLogHandler()))
  return await pipeline.runOnce()
}
