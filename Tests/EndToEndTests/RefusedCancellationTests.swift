import Foundation
import LoopbackHTTP
import Testing

/// A cancellation whose `web-order.delete` Komet refuses (`status` 0 under HTTP 200), through
/// `komet-dwf cancel`, `review` and `once` against the sandbox: the order is never
/// acknowledged `cancelled` while its web order is live, and each review decision reaches DWF.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct RefusedCancellationTests {
  static let delete = RequestMatcher(method: "POST", path: "/api/web-order.delete")
  static let refusal = #"{"status":"0","message":"The web order was already confirmed."}"#
  /// B-6 is an on-hand order of three lines on the default carrier, all accepted on one web
  /// order.
  static let order = "B-6"

  /// Places the batch, then cancels B-6 while Komet refuses the delete, and returns the
  /// workspace with B-6's web order ID.
  private func cancelRefused() throws -> (OrderWorkspace, String) {
    let workspace = try OrderWorkspace()
    try workspace.dropBatch()
    try workspace.restartUntilFinished(attempts: 3)
    let placed = try #require(try workspace.acknowledgements()[Self.order]?.object)
    let placedLines = try #require(placed["lines"] as? [[String: Any]])
    let webOrderId = try #require(placedLines.first?["webOrderId"] as? String)

    workspace.sandbox.faults.add(
      .jsonResponse(status: 200, json: Self.refusal), matching: Self.delete, times: 1)
    _ = try command(["cancel", Self.order], in: workspace)
    _ = try workspace.once()
    return (workspace, webOrderId)
  }

  private func command(_ arguments: [String], in workspace: OrderWorkspace) throws
    -> ProcessResult
  {
    try EndToEndWorkspace.runOnce(
      arguments + ["--workspace", workspace.root.path, "--wait", "0"])
  }

  private func ack(_ workspace: OrderWorkspace) throws -> [String: Any] {
    try #require(try workspace.acknowledgements()[Self.order]?.object)
  }

  private func lines(of ack: [String: Any]) -> [[String: Any]] {
    ack["lines"] as? [[String: Any]] ?? []
  }

  @Test func refusedDeleteKeepsOrderInReview() throws {
    let (workspace, webOrderId) = try cancelRefused()

    let ack = try ack(workspace)
    #expect(ack["orderState"] as? String == "review")
    let lines = lines(of: ack)
    #expect(lines.map { $0["state"] as? String } == ["review", "review", "review"])
    #expect(lines.map { $0["webOrderId"] as? String } == [webOrderId, webOrderId, webOrderId])
    let reason = lines.first?["reason"] as? String ?? ""
    #expect(reason.contains("Komet rejected web-order.delete for web order \(webOrderId)"))
    #expect(reason.contains("The web order was already confirmed."))
    #expect(reason.contains("'komet-dwf review B-6 1 --added'"))
    #expect(reason.contains("'komet-dwf review B-6 1 --not-added'"))

    let status = try workspace.statusJSON()
    let counts = status["orders"] as? [String: Int] ?? [:]
    #expect(counts["review"] == 1)
    #expect(counts["cancelled"] == 1, "only the batch's kept cancellation B-0998")
    let review = status["reviewLines"] as? [[String: Any]] ?? []
    #expect(review.filter { $0["orderNumber"] as? String == Self.order }.count == 3)
    #expect(workspace.sandbox.state.webOrders.first { $0.id == webOrderId }?.isCanceled == false)
  }

  @Test func linesKeptInKometStayAccepted() throws {
    let (workspace, webOrderId) = try cancelRefused()

    _ = try command(["review", Self.order, "1", "--added"], in: workspace)
    _ = try command(["review", Self.order, "2", "--added"], in: workspace)
    _ = try command(["review", Self.order, "3", "--not-added"], in: workspace)
    _ = try workspace.once()

    let ack = try ack(workspace)
    #expect(ack["orderState"] as? String == "settled")
    let lines = lines(of: ack)
    #expect(lines.map { $0["state"] as? String } == ["accepted", "accepted", "cancelled"])
    #expect(lines.map { $0["webOrderId"] as? String } == [webOrderId, webOrderId, nil])
    #expect((lines.first?["reason"] as? String)?.contains("stays live in Komet") == true)
    let deletes = workspace.sandbox.requestLog.filter {
      $0.path == "/api/web-order.delete" && $0.body.contains(webOrderId)
    }
    #expect(deletes.isEmpty, "the refused delete never reached the sandbox's handler")
    #expect(workspace.sandbox.state.webOrders.first { $0.id == webOrderId }?.isCanceled == false)
    let counts = try workspace.statusJSON()["orders"] as? [String: Int] ?? [:]
    #expect(counts["review"] == 0)
  }

  @Test func linesGoneFromKometEndCancelled() throws {
    let (workspace, webOrderId) = try cancelRefused()

    for line in ["1", "2", "3"] {
      _ = try command(["review", Self.order, line, "--not-added"], in: workspace)
    }
    _ = try workspace.once()

    // Every line is cancelled again, so the pass sends the delete once more, and the sandbox,
    // without the fault now, cancels the web order.
    let ack = try ack(workspace)
    #expect(ack["orderState"] as? String == "cancelled")
    let lines = lines(of: ack)
    #expect(lines.map { $0["state"] as? String } == ["cancelled", "cancelled", "cancelled"])
    #expect(workspace.sandbox.state.webOrders.first { $0.id == webOrderId }?.isCanceled == true)
    let counts = try workspace.statusJSON()["orders"] as? [String: Int] ?? [:]
    #expect(counts["review"] == 0)
    #expect(counts["cancelled"] == 2)
  }
}
