import Foundation
import LoopbackHTTP
import Testing

/// One sandbox fault put on some of a batch's `web-order-item.add` requests.
struct AddFault: CustomTestStringConvertible, Sendable {
  var name: String
  var fault: HTTPFault

  var testDescription: String { name }

  /// For the timeout, the sandbox stores the line and holds its reply past the client's
  /// 3-second request timeout (the workspace's default), which a loaded machine's stall of
  /// a second or two does not reach.
  static let all: [AddFault] = [
    AddFault(name: "timeout", fault: .delay(.seconds(6))),
    AddFault(name: "HTTP 500", fault: .status(500)),
    AddFault(name: "HTTP 500 after storing", fault: .statusAfterHandler(500)),
    AddFault(name: "closed before storing", fault: .closeBeforeHandler),
    AddFault(name: "closed after storing", fault: .closeAfterHandler),
  ]
}

/// Faults on line adds during a batch, through `komet-dwf once` against the sandbox: with the
/// sandbox reachable, every line is reconciled and none ends in review.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct OrderFaultTests {
  static let add = RequestMatcher(method: "POST", path: "/api/web-order-item.add")
  static let details = RequestMatcher(method: "GET", path: "/api/web-order-details.list")

  @Test(arguments: AddFault.all)
  func faultedAddsSettleWithoutReview(_ fault: AddFault) throws {
    let workspace = try OrderWorkspace()
    // The faults hit the 2nd, 5th and 8th add, so they fall on several orders and groups.
    for _ in 0..<3 {
      workspace.sandbox.faults.add(.delay(.zero), matching: Self.add, times: 2)
      workspace.sandbox.faults.add(fault.fault, matching: Self.add, times: 1)
    }
    try workspace.dropBatch()
    let note: Comment = "fault \(fault.name)"

    let results = try workspace.restartUntilFinished(attempts: 3)

    for result in results {
      #expect([0, 65].contains(result.status), "\(result.error.suffix(1500)); \(note)")
    }
    #expect(workspace.sandbox.faults.pendingCount == 0, note)
    try workspace.expectBatchSettled(note)
    let status = try workspace.statusJSON()
    let review = status["reviewLines"] as? [[String: Any]]
    #expect(review?.isEmpty == true, "\(review ?? []); \(note)")
  }

  @Test func failedDetailsCallSendsLineToReview() throws {
    let workspace = try OrderWorkspace()
    workspace.sandbox.faults.add(.closeAfterHandler, matching: Self.add, times: 1)
    workspace.sandbox.faults.add(.status(500), matching: Self.details, times: 100)
    try workspace.dropBatch()

    _ = try workspace.once()
    workspace.sandbox.faults.removeAll()
    _ = try workspace.once()

    // The first add is B-1 line 1, which Komet stored although its reply was lost.
    let acks = try workspace.acknowledgements()
    let lines = acks["B-1"]?.object["lines"] as? [[String: Any]] ?? []
    let first = try #require(lines.first { $0["lineNumber"] as? Int == 1 })
    #expect(first["state"] as? String == "review")
    #expect((first["reason"] as? String)?.contains("web-order-details.list") == true)
    #expect(acks["B-1"]?.object["orderState"] as? String == "review")

    let review = try workspace.statusJSON()["reviewLines"] as? [[String: Any]] ?? []
    #expect(review.count == 1)
    #expect(review.first?["orderNumber"] as? String == "B-1")
    #expect(review.first?["lineNumber"] as? Int == 1)

    // The line is in Komet once and was never sent again blindly.
    let items = workspace.sandbox.state.webOrders.filter { !$0.isCanceled }.flatMap(\.items)
    #expect(items.filter { $0.inventoryId == "5100001" }.count == 1)
    let sent = workspace.sandbox.requestLog.filter {
      $0.path == "/api/web-order-item.add" && $0.body.contains("5100001")
    }
    #expect(sent.count == 1)
  }
}
