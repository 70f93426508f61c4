import Foundation
import Testing
import Workspace

@testable import OrderJournal

/// Komet's web orders as a dictionary, standing in for the API so the test can stop the
/// driver between any journal write and any call. It is the test's model, not the code under
/// test.
final class WebOrderBook {
  var items: [String: [String]] = [:]
  var createdCount = 0
  private var nextItem = 0

  func create() -> String {
    createdCount += 1
    let id = "W\(createdCount)"
    items[id] = []
    return id
  }

  func add(to webOrderId: String) -> String {
    nextItem += 1
    items[webOrderId, default: []].append("I\(nextItem)")
    return "I\(nextItem)"
  }
}

struct SimulatedCrash: Error {}

/// Takes the pending actions one at a time, calling `checkpoint` at every boundary between
/// a journal write and a call, where the test may stop it as SIGKILL would.
struct Driver {
  let journal: OrderJournal
  let book: WebOrderBook
  let acks: AcknowledgementWriter
  let checkpoint: () throws -> Void

  func runToEnd() throws {
    while let action = try journal.pendingWork().first {
      try perform(action)
    }
  }

  func perform(_ action: PendingAction) throws {
    switch action {
    case .createWebOrder(let group, _):
      try checkpoint()
      try journal.beginCreate(group: group.id)
      try checkpoint()
      let id = book.create()
      try checkpoint()
      try journal.recordWebOrderCreated(group: group.id, webOrderId: id)
    case .addLine(let line, let webOrderId):
      try checkpoint()
      try journal.beginLineAdd(line: line.key)
      try checkpoint()
      let item = book.add(to: webOrderId)
      try checkpoint()
      try journal.finishLineAdd(line: line.key, outcome: .accepted(itemId: item))
    case .reconcileLine(let line, let webOrderId):
      let order = try #require(try journal.snapshot(of: line.key.orderNumber))
      let landed = order.lines.filter { $0.groupId == line.groupId && $0.state == .accepted }
      let verdict = Reconciliation.decide(
        heldItemIds: book.items[webOrderId] ?? [], landedItemIds: landed.map(\.itemId))
      try checkpoint()
      try journal.settleReconciliation(line: line.key, verdict: verdict)
    case .deleteWebOrder(let group):
      try checkpoint()
      book.items[group.webOrderId ?? ""] = nil
      try checkpoint()
      try journal.recordWebOrderDeleted(group: group.id)
    case .writeAcknowledgement(let number, _):
      let order = try #require(try journal.snapshot(of: number))
      try checkpoint()
      try acks.write(order)
      try checkpoint()
      try journal.recordAcknowledgementWritten(orderNumber: number, revision: order.revision)
    }
  }
}

struct CrashResumeTests {
  /// Counts the checkpoints of a run without a crash.
  static func checkpointCount() throws -> Int {
    let folder = try TemporaryFolder()
    var count = 0
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")
    let driver = Driver(
      journal: journal, book: WebOrderBook(),
      acks: AcknowledgementWriter(workspace: Workspace(root: URL(fileURLWithPath: folder.path))),
      checkpoint: { count += 1 })
    try driver.runToEnd()
    return count
  }

  @Test func crashAtEveryCheckpointResumes() throws {
    let total = try Self.checkpointCount()
    #expect(total >= 12)

    for crashAt in 1...total {
      let folder = try TemporaryFolder()
      let path = folder.file("state.sqlite")
      let workspace = Workspace(root: URL(fileURLWithPath: folder.path))
      let book = WebOrderBook()
      let clock = SteppingClock()

      var reached = 0
      let first = try openJournal(path, clock: clock)
      _ = try first.receive(order: sampleOrder(), digest: "d1")
      let crashing = Driver(
        journal: first, book: book, acks: AcknowledgementWriter(workspace: workspace),
        checkpoint: {
          reached += 1
          if reached == crashAt { throw SimulatedCrash() }
        })
      #expect(throws: SimulatedCrash.self) { try crashing.runToEnd() }
      first.database.close()

      let second = try openJournal(path, clock: clock)
      let resumed = Driver(
        journal: second, book: book, acks: AcknowledgementWriter(workspace: workspace),
        checkpoint: {})
      try resumed.runToEnd()

      let order = try #require(try second.snapshot(of: "DWF-100"))
      let states = order.lines.map(\.state)
      #expect(states == [.accepted, .accepted, .accepted, .rejected], "crash at \(crashAt)")

      let placed = book.items.values.flatMap { $0 }
      #expect(placed.count == 3, "crash at \(crashAt): items \(book.items)")
      let journaled = order.lines.compactMap(\.itemId)
      #expect(Set(journaled) == Set(placed), "crash at \(crashAt)")
      for line in order.lines where line.state == .accepted {
        let holding = book.items.filter { $0.value.contains(line.itemId ?? "") }.map(\.key)
        #expect(holding == [line.webOrderId ?? ""], "crash at \(crashAt)")
      }

      // A repeated create may leave an empty header, and the group's attempts count each
      // possible one, so the report can list them.
      let emptyHeaders = book.items.values.filter(\.isEmpty).count
      let repeats = order.groups.map { $0.createAttempts - 1 }.reduce(0, +)
      #expect(emptyHeaders <= repeats, "crash at \(crashAt)")

      let stem = try AcknowledgementWriter.fileStem(orderNumber: "DWF-100")
      let ackURL = workspace.dwfOutbox.appendingPathComponent("acks/\(stem).json")
      let ack = try JSONSerialization.jsonObject(with: Data(contentsOf: ackURL))
      let revision = (ack as? [String: Any])?["revision"] as? Int
      #expect(revision == order.revision, "crash at \(crashAt)")
      #expect(order.acknowledgedRevision == order.revision)
      second.database.close()
    }
  }
}
