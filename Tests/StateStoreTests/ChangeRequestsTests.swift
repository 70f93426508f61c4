import Foundation
import Testing

@testable import StateStore

struct ChangeRequestsTests {
  @Test func claimTakesOldestAcrossConnections() throws {
    let folder = try TemporaryFolder()
    let asker = ChangeRequests(database: try StateSchema.open(path: folder.file("state.sqlite")))
    let pipeline = ChangeRequests(
      database: try StateSchema.open(path: folder.file("state.sqlite")))

    let first = try asker.enqueue(kind: "touch", orderNumber: "PO-1", line: 2)
    let second = try asker.enqueue(kind: "touch", arguments: #"{"note": "second"}"#)

    let claimed = try #require(try pipeline.claimNext())
    #expect(claimed.id == first.id)
    #expect(claimed.state == .claimed)
    #expect(claimed.orderNumber == "PO-1")
    #expect(claimed.line == 2)
    #expect(claimed.attempts == 1)
    _ = try pipeline.finish(id: claimed.id, succeeded: true, outcome: "touched PO-1")

    let next = try #require(try pipeline.claimNext())
    #expect(next.id == second.id)
    #expect(next.arguments == #"{"note": "second"}"#)
    #expect(try pipeline.claimNext() == nil)

    let seen = try #require(try asker.request(id: first.id))
    #expect(seen.state == .succeeded)
    #expect(seen.outcome == "touched PO-1")
    #expect(try asker.unfinished().map(\.id) == [second.id])
  }

  @Test func waitReturnsOutcomeFromOtherConnection() throws {
    let folder = try TemporaryFolder()
    let path = folder.file("state.sqlite")
    let asker = ChangeRequests(database: try StateSchema.open(path: path))
    let request = try asker.enqueue(kind: "touch")

    let worker = Thread {
      guard let database = try? StateSchema.open(path: path) else { return }
      let queue = ChangeRequests(database: database)
      Thread.sleep(forTimeInterval: 0.2)
      if let claimed = try? queue.claimNext() {
        _ = try? queue.finish(id: claimed.id, succeeded: false, outcome: "order not found")
      }
    }
    worker.start()

    let wait = try asker.waitForOutcome(
      id: request.id, timeout: .seconds(30), pollInterval: .milliseconds(20))
    guard case .finished(let finished) = wait else {
      Issue.record("expected an outcome, got \(wait)")
      return
    }
    #expect(finished.state == .failed)
    #expect(finished.outcome == "order not found")
  }

  @Test func boundedWaitReportsPending() throws {
    let folder = try TemporaryFolder()
    let queue = ChangeRequests(database: try StateSchema.open(path: folder.file("state.sqlite")))
    let request = try queue.enqueue(kind: "touch")

    let wait = try queue.waitForOutcome(
      id: request.id, timeout: .milliseconds(150), pollInterval: .milliseconds(20))
    #expect(wait == .pending(request))
  }

  @Test func interruptedClaimRequeuedThenFailed() throws {
    let folder = try TemporaryFolder()
    let queue = ChangeRequests(database: try StateSchema.open(path: folder.file("state.sqlite")))
    let request = try queue.enqueue(kind: "touch")

    for attempt in 1..<ChangeRequests.maximumAttempts {
      let claimed = try #require(try queue.claimNext())
      #expect(claimed.attempts == attempt)
      let recovered = try queue.requeueInterrupted()
      #expect(recovered.map(\.state) == [.queued])
    }
    _ = try #require(try queue.claimNext())
    let givenUp = try queue.requeueInterrupted()
    #expect(givenUp.map(\.state) == [.failed])
    let outcome = try #require(try queue.request(id: request.id)?.outcome)
    #expect(outcome.hasPrefix("the pipeline stopped while carrying it out 3 times"))
  }

  @Test func handBackKeepsAttemptCount() throws {
    let folder = try TemporaryFolder()
    let queue = ChangeRequests(database: try StateSchema.open(path: folder.file("state.sqlite")))
    let request = try queue.enqueue(kind: "touch")

    _ = try #require(try queue.claimNext())
    let handedBack = try queue.handBack(id: request.id)
    #expect(handedBack.state == .queued)
    #expect(handedBack.attempts == 0)
    #expect(throws: ChangeRequestError.notClaimed(path: queue.database.path, id: request.id)) {
      try queue.finish(id: request.id, succeeded: true, outcome: "done")
    }
  }

  @Test(arguments: [("", nil as Int?, "{}"), ("touch", 0, "{}"), ("touch", nil, "{not json")])
  func invalidRequestRejected(kind: String, line: Int?, arguments: String) throws {
    let folder = try TemporaryFolder()
    let queue = ChangeRequests(database: try StateSchema.open(path: folder.file("state.sqlite")))
    #expect(throws: StateStoreError.self) {
      try queue.enqueue(kind: kind, line: line, arguments: arguments)
    }
    #expect(try queue.unfinished().isEmpty)
  }
}
