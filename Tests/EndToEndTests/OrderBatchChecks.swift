import Foundation
import InboxLifecycle
import KometSandbox
import Testing

/// The checks every order end-to-end test makes once a batch is finished: each valid line
/// exists exactly once in Komet on a web order of its origin, no order is lost, every input
/// file ended in `inbox/processed/` or `inbox/failed/`, and every acknowledgement matches
/// what Komet holds.
extension OrderWorkspace {
  func expectBatchSettled(_ note: Comment) throws {
    try expectFilesTaken(note)
    let acks = try acknowledgements()
    let state = sandbox.state
    try expectAcknowledgementsMatchBatch(acks, note)
    try expectAcknowledgementCSVsMatch(acks, note)
    try expectKometHoldsAcceptedLines(acks, state: state, note)
  }

  /// Checks that `inbox/dwf/` is empty and that each batch file lies exactly once in
  /// `processed/` (or, for the failing file, `failed/`), found by content.
  func expectFilesTaken(_ note: Comment) throws {
    #expect(base.filesDirectly(in: base.dwfInbox).isEmpty, "inbox/dwf/ not empty; \(note)")
    let processed = try base.inputFiles(under: base.processed).map {
      try sha256(ofFileAt: $0.path)
    }
    let failed = try base.inputFiles(under: base.failed).map { try sha256(ofFileAt: $0.path) }
    for (name, data) in batch.files {
      let digest = try SHA256Digest.of(data)
      let isFailing = name == OrderBatch.failingFile
      let inProcessed = processed.filter { $0 == digest }.count
      let inFailed = failed.filter { $0 == digest }.count
      #expect(inProcessed == (isFailing ? 0 : 1), "\(name) in processed/; \(note)")
      #expect(inFailed == (isFailing ? 1 : 0), "\(name) in failed/; \(note)")
    }
    let rejected = acks.appendingPathComponent(
      try DWFOutboxName.rejection(fileName: OrderBatch.failingFile))
    #expect(
      FileManager.default.fileExists(atPath: rejected.path), "no FILE.rejected.json; \(note)")
  }

  private func expectAcknowledgementsMatchBatch(
    _ acks: [String: (name: String, object: [String: Any])], _ note: Comment
  ) throws {
    for order in batch.orders {
      let ack = try #require(acks[order.orderNumber]?.object, "no ack for \(order.orderNumber)")
      #expect(ack["orderState"] as? String == "settled", "\(order.orderNumber); \(note)")
      let lines = ack["lines"] as? [[String: Any]] ?? []
      #expect(lines.count == order.lines.count, "\(order.orderNumber) lines; \(note)")
      for line in order.lines {
        let lineNote: Comment = "\(order.orderNumber) line \(line.lineNumber); \(note)"
        let acked = try #require(
          lines.first { $0["lineNumber"] as? Int == line.lineNumber }, "missing \(lineNote)")
        switch line.expected {
        case .accepted:
          #expect(acked["state"] as? String == "accepted", "\(acked); \(lineNote)")
          #expect(acked["webOrderId"] as? String != nil, "no web order ID; \(lineNote)")
        case .rejected(let fragments):
          #expect(acked["state"] as? String == "rejected", "\(acked); \(lineNote)")
          let reason = acked["reason"] as? String ?? ""
          #expect(!reason.isEmpty, "no reason; \(lineNote)")
          for fragment in fragments {
            #expect(reason.contains(fragment), "\(reason) lacks \(fragment); \(lineNote)")
          }
        }
      }
    }

    let cancellation = acks[OrderBatch.unknownCancellation]?.object
    #expect(cancellation?["orderState"] as? String == "cancelled", "cancellation; \(note)")
    let unjournaled = acks[OrderBatch.unjournalableOrder]?.object
    #expect(unjournaled?["orderState"] as? String == "rejected", "line number 0; \(note)")
    let expected = Set(
      batch.orders.map(\.orderNumber) + [
        OrderBatch.unknownCancellation, OrderBatch.unjournalableOrder,
      ])
    #expect(Set(acks.keys) == expected, "acknowledged orders; \(note)")
  }

  /// Checks that each CSV acknowledgement carries the revision and line states of its JSON
  /// twin.
  private func expectAcknowledgementCSVsMatch(
    _ acks: [String: (name: String, object: [String: Any])], _ note: Comment
  ) throws {
    for (number, ack) in acks {
      let file = self.acks.appendingPathComponent("\(ack.name).csv")
      let text = try String(contentsOf: file, encoding: .utf8)
      let rows = text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
      let revision = String(describing: ack.object["revision"] ?? "")
      var states: [String: String] = [:]
      for row in rows {
        // The batch's order numbers, states and line numbers hold no comma or quote.
        let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count >= 6, "\(number) CSV row \(row); \(note)")
        guard fields.count >= 6 else { continue }
        #expect(fields[1] == revision, "\(number) CSV revision; \(note)")
        states[fields[4]] = fields[5]
      }
      for line in ack.object["lines"] as? [[String: Any]] ?? [] {
        let lineNumber = String(describing: line["lineNumber"] ?? "")
        #expect(
          states[lineNumber] == line["state"] as? String,
          "\(number) line \(lineNumber) CSV state; \(note)")
      }
    }
  }

  private func expectKometHoldsAcceptedLines(
    _ acks: [String: (name: String, object: [String: Any])], state: SandboxState,
    _ note: Comment
  ) throws {
    let live = state.webOrders.filter { !$0.isCanceled }
    let items = live.flatMap { order in order.items.map { (order, $0) } }
    let expected = batch.acceptedLines
    #expect(items.count == expected.count, "items in Komet; \(note)")

    for (order, line) in expected {
      let lineNote: Comment = "\(order.orderNumber) line \(line.lineNumber); \(note)"
      let holding = items.filter { $0.1.inventoryId == line.inventoryId }
      #expect(holding.count == 1, "\(holding.count) Komet items; \(lineNote)")
      guard let (webOrder, item) = holding.first else { continue }
      #expect(item.quantity == line.quantity, lineNote)
      #expect(item.price == line.unitPrice, lineNote)
      #expect(item.inventoryOrigin == (line.origin == "OH" ? 1 : 2), lineNote)
      #expect(webOrder.customerId == SandboxState.dwfCustomerId, lineNote)
      #expect(webOrder.companyLocationId == "200101", lineNote)

      let acked = (acks[order.orderNumber]?.object["lines"] as? [[String: Any]] ?? [])
        .first { $0["lineNumber"] as? Int == line.lineNumber }
      #expect(acked?["webOrderId"] as? String == webOrder.id, "ack web order; \(lineNote)")
    }

    // A web order contains the lines of one order and one origin only.
    for webOrder in live where !webOrder.items.isEmpty {
      let owners = Set(
        webOrder.items.compactMap { item in
          expected.first { $0.line.inventoryId == item.inventoryId }?.order.orderNumber
        })
      #expect(owners.count == 1, "web order \(webOrder.id) holds \(owners); \(note)")
      let origins = Set(webOrder.items.map(\.inventoryOrigin))
      #expect(origins.count == 1, "web order \(webOrder.id) mixes origins; \(note)")
    }

    // An empty header is only allowed where a create was repeated and the report flags it.
    let empty = live.filter { $0.items.isEmpty }.count
    #expect(empty <= (try flaggedOrphanHeaders()), "\(empty) empty web orders; \(note)")
  }
}
