import Foundation
import OrderJournal
import StateStore
import Testing

/// Tests of `OrderJournal.retry(orderNumber:rejections:)`.
@Suite struct JournalRetryTests {
  @Test func deletedGroupStartsOverWhenLineGoesBack() throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    let order = ReceivedOrder(
      orderNumber: "DWF-7", shipDate: "2030-05-01", locationId: "7", sourceFile: "a.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9003", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.30"))
      ])
    _ = try journal.receive(order: order, digest: "d7")
    let group = try requireGroup(try #require(try journal.snapshot(of: "DWF-7")), origin: .onHand)
    try journal.beginCreate(group: group.id)
    try journal.recordWebOrderCreated(group: group.id, webOrderId: "WO-9")
    let key = LineKey(orderNumber: "DWF-7", lineNumber: 1)
    try journal.beginLineAdd(line: key)
    try journal.finishLineAdd(line: key, outcome: .rejected(reason: "sold out"))
    try journal.recordWebOrderDeleted(group: group.id)

    let sent = try journal.retry(orderNumber: "DWF-7", rejections: [:])

    #expect(sent == [key])
    let after = try requireGroup(try #require(try journal.snapshot(of: "DWF-7")), origin: .onHand)
    #expect(after.state == .pending)
    #expect(after.webOrderId == nil)
    let work = try journal.pendingWork()
    #expect(
      work.contains { action in
        if case .createWebOrder(let created, false) = action { return created.id == group.id }
        return false
      })
  }

  @Test func rejectionOfAcceptedLineThrows() throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    try journalSampleOrder(journal)
    let before = try #require(try journal.snapshot(of: "DWF-100"))

    #expect(
      throws: OrderJournalError.invalidLineState(
        LineKey(orderNumber: "DWF-100", lineNumber: 1), state: .accepted,
        expected: [.rejected, .waiting])
    ) {
      try journal.retry(orderNumber: "DWF-100", rejections: [1: "no"])
    }
    #expect(try journal.snapshot(of: "DWF-100") == before)
  }

  @Test func unknownOrderThrows() throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()

    #expect(throws: OrderJournalError.orderNotFound(orderNumber: "DWF-1")) {
      try journal.retry(orderNumber: "DWF-1", rejections: [:])
    }
  }

  @Test func retryRaisesRevisionAndLogsStep() throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    try journalSampleOrder(journal)
    let revision = try #require(try journal.snapshot(of: "DWF-100")).revision

    try journal.retry(orderNumber: "DWF-100", rejections: [4: "still missing"])

    let after = try #require(try journal.snapshot(of: "DWF-100"))
    #expect(after.revision == revision + 1)
    #expect(after.state == .open)
    #expect(
      try journal.steps(of: "DWF-100").last
        == "retry after: 2 lines sent again, 1 still rejected")
  }
}
