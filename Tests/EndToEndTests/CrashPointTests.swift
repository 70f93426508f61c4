import Foundation
import LoopbackHTTP
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One named crash point with the setup that reaches it.
struct CrashCase: CustomTestStringConvertible, Sendable {
  enum Setup: Sendable {
    /// The batch as it is, without checkout.
    case plain
    /// The connection closes after Komet stored the second line add, so that add's outcome
    /// is unknown and the placer reconciles it.
    case unknownAdd
    /// Checkout enabled with the User token.
    case checkout
    /// Checkout enabled, and the connection closes after Komet checked out the first web
    /// order, so the placer reads the web order's details to learn the outcome.
    case unknownCheckout
  }

  var point: String
  var setup: Setup = .plain
  /// Whether a run may finish without reaching the point, because it depends on a state the
  /// batch does not bring about.
  var isConditional = false

  var testDescription: String { point }

  static let all: [CrashCase] = [
    CrashCase(point: "intake.order.before-journal"),
    CrashCase(point: "intake.order.before-journal#4"),
    CrashCase(point: "intake.order.before-receipt"),
    CrashCase(point: "intake.order.after-journal"),
    CrashCase(point: "intake.order.after-journal#3"),
    CrashCase(point: "intake.order.after-ack"),
    CrashCase(point: "intake.order.after-ack#6"),
    CrashCase(point: "intake.order.before-rejection-ack"),
    CrashCase(point: "intake.order.before-move"),
    CrashCase(point: "intake.order.after-move"),
    CrashCase(point: "intake.order.after-move#2"),
    CrashCase(point: "intake.order.after-file-rejection"),
    CrashCase(point: "placer.carriers.before-call"),
    CrashCase(point: "placer.carriers.after-call"),
    CrashCase(point: "placer.validate.after-journal"),
    CrashCase(point: "placer.create.before-journal"),
    CrashCase(point: "placer.create.before-call"),
    CrashCase(point: "placer.create.after-call"),
    CrashCase(point: "placer.create.after-call#3"),
    CrashCase(point: "placer.create.after-journal"),
    CrashCase(point: "placer.add.before-journal"),
    CrashCase(point: "placer.add.before-call#4"),
    CrashCase(point: "placer.add.before-call"),
    CrashCase(point: "placer.add.after-call"),
    CrashCase(point: "placer.add.after-call#5"),
    CrashCase(point: "placer.add.after-journal"),
    CrashCase(point: "placer.add.after-journal#7"),
    CrashCase(point: "placer.reconcile.before-journal", setup: .unknownAdd),
    CrashCase(point: "placer.reconcile.before-call", setup: .unknownAdd),
    CrashCase(point: "placer.reconcile.after-call", setup: .unknownAdd),
    CrashCase(point: "placer.reconcile.after-call#2", setup: .unknownAdd),
    CrashCase(point: "placer.reconcile.after-journal", setup: .unknownAdd),
    CrashCase(point: "placer.delete.before-journal"),
    CrashCase(point: "placer.delete.before-call"),
    CrashCase(point: "placer.delete.after-journal"),
    CrashCase(point: "placer.checkout.before-journal", setup: .checkout),
    CrashCase(point: "placer.checkout.before-call", setup: .checkout),
    CrashCase(point: "placer.checkout.after-call", setup: .checkout),
    CrashCase(point: "placer.checkout.after-journal", setup: .checkout),
    CrashCase(point: "placer.checkout.after-journal#3", setup: .checkout),
    CrashCase(point: "placer.checkout-details.before-call", setup: .unknownCheckout),
    CrashCase(point: "placer.checkout-details.after-journal", setup: .unknownCheckout),
    CrashCase(point: "ack.before-write"),
    CrashCase(point: "ack.after-write"),
    CrashCase(point: "ack.after-write#4"),
    CrashCase(point: "ack.after-journal"),
    // The batch stays within the daily quota, so no line is held back to wait.
    CrashCase(point: "placer.waiting.after-journal", isConditional: true),
  ]
}

/// `komet-dwf once` killed with SIGKILL at each named crash point over a batch of orders,
/// then restarted without the point: every valid line is in Komet exactly once.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct CrashPointTests {
  @Test(arguments: CrashCase.all)
  func restartAfterKillSettlesBatch(_ crash: CrashCase) throws {
    try crashAndRestart(crash)
  }

  // A web-order.delete whose response was lost is sent again, and Komet rejects cancelling
  // the web order twice. So the group counts as deleted and the later orders are placed.
  @Test func restartAfterKillInDeleteResponse() throws {
    try crashAndRestart(CrashCase(point: "placer.delete.after-call"))
  }

  private func crashAndRestart(_ crash: CrashCase) throws {
    let isCheckout = [.checkout, .unknownCheckout].contains(crash.setup)
    let workspace = try OrderWorkspace(checkout: isCheckout)
    switch crash.setup {
    case .unknownAdd:
      // The first add goes through, so the second is the one whose outcome is lost.
      workspace.sandbox.faults.removeAll()
      workspace.sandbox.faults.add(.delay(.zero), matching: Self.add, times: 1)
      workspace.sandbox.faults.add(.closeAfterHandler, matching: Self.add, times: 1)
    case .unknownCheckout:
      workspace.sandbox.faults.add(.closeAfterHandler, matching: Self.checkout, times: 1)
    case .plain, .checkout:
      break
    }
    try workspace.dropBatch()
    let note: Comment = "crash at \(crash.point)"

    let killed = try workspace.onceCrashing(at: crash.point)
    let wasKilled = killed.reason == .uncaughtSignal && killed.status == SIGKILL
    if !crash.isConditional {
      #expect(wasKilled, "ended with \(killed.reason) \(killed.status); \(note)")
    }

    let restarts = try workspace.restartUntilFinished()
    for result in restarts {
      #expect([0, 65].contains(result.status), "\(result.error.suffix(1500)); \(note)")
    }
    try workspace.expectBatchSettled(note)
    // The batch sends each order once, so a file taken again after a crash is no duplicate.
    for (number, ack) in try workspace.acknowledgements() {
      let duplicates = ack.object["duplicateReceipts"] as? Int ?? 0
      #expect(duplicates == 0, "\(number) counted a duplicate receipt; \(note)")
    }
    if isCheckout {
      for webOrder in workspace.sandbox.state.webOrders
      where !webOrder.isCanceled && !webOrder.items.isEmpty {
        #expect(webOrder.statusId == 2, "web order \(webOrder.id) not checked out; \(note)")
      }
    }
  }

  static let add = RequestMatcher(method: "POST", path: "/api/web-order-item.add")
  static let checkout = RequestMatcher(method: "POST", path: "/api/web-order.checkout")
}
