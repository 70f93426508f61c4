import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One run of the random-moment test: its seed picks when in the batch the kill lands.
struct RandomKillCase: CustomTestStringConvertible, Sendable {
  var index: Int
  var seed: UInt64

  var testDescription: String { "run \(index), seed \(seed)" }

  /// The point in the batch, from 0 (the first drop) to 1 (the batch settled), at which the
  /// process is killed.
  var fraction: Double {
    var random = SeededGenerator(state: seed)
    return Double(random.next() >> 11) / Double(UInt64(1) << 53)
  }

  /// The base seed: `E2E_SEED` when set, otherwise the time, so each test run kills at new
  /// moments. Run `index` uses the base seed plus `index`.
  static let baseSeed: UInt64 =
    UInt64(ProcessInfo.processInfo.environment["E2E_SEED"] ?? "")
    ?? UInt64(Date().timeIntervalSince1970 * 1000)

  static let all: [RandomKillCase] = (0..<50).map {
    RandomKillCase(index: $0, seed: baseSeed &+ UInt64($0))
  }
}

/// `komet-dwf run` (inotify) killed with SIGKILL at a random moment while it takes a batch of
/// order files, then started again: every valid line is in Komet exactly once.
///
/// The restart is `run` again, not `once`, because a supervisor restarts the long-running
/// process after a crash. So the restart covers what `run` does at start: the watcher's scan of
/// files already in `inbox/dwf/` and the order pass a tick starts for journaled work. The
/// named crash points already cover `once`.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct RandomKillTests {
  /// The pause between two dropped files, so that a kill can also land between drops.
  static let dropPause: UInt32 = 40_000

  /// How long a batch takes under `run` without a kill, from the first drop until every order
  /// is settled, in microseconds. It is measured once, on the first run that needs it, and
  /// that measuring run is checked like the others.
  static let batchSpan: Result<UInt32, any Error> = Result {
    let workspace = try OrderWorkspace()
    let log = workspace.root.appendingPathComponent("measure.log")
    let process = try workspace.base.startRun(log: log)
    defer { EndToEndWorkspace.stop(process) }

    let start = Date()
    try workspace.dropBatch(pausingMicroseconds: dropPause)
    let settled = eventually(within: 180) { (try? workspace.isFinished()) == true }
    let span = Date().timeIntervalSince(start)
    guard settled else { throw MeasureError.notSettled(EndToEndWorkspace.text(of: log)) }
    EndToEndWorkspace.stop(process)
    try workspace.expectBatchSettled("measuring run, without a kill")
    return UInt32(span * 1_000_000)
  }

  enum MeasureError: Error {
    case notSettled(String)
  }

  @Test(arguments: RandomKillCase.all)
  func killedRunSettlesBatch(_ run: RandomKillCase) throws {
    try killAndRestart(run)
  }

  // The kill lands on the third add, which is the last line of order B-1. On the restart the
  // reconciliation finds that line not landed and sends it again. The carrier for that add
  // must be resolved even though the order had no line in `received` when the pass began.
  @Test func lastLineInFlightSentAfterRestart() throws {
    let workspace = try OrderWorkspace()
    try workspace.dropBatch()
    let note: Comment = "crash at placer.add.before-call#3"

    let killed = try workspace.onceCrashing(at: "placer.add.before-call#3")
    #expect(killed.reason == .uncaughtSignal, note)
    #expect(killed.status == SIGKILL, note)

    let restarts = try workspace.restartUntilFinished()
    for result in restarts {
      #expect([0, 65].contains(result.status), "\(result.error.suffix(1500)); \(note)")
    }
    try workspace.expectBatchSettled(note)
  }

  private func killAndRestart(_ run: RandomKillCase) throws {
    let span = try Self.batchSpan.get()
    let delay = UInt32(run.fraction * Double(span))
    let note: Comment = """
      kill \(delay) µs after the first drop (\(run.fraction) of \(span) µs), seed \(run.seed); \
      rerun with E2E_SEED=\(RandomKillCase.baseSeed)
      """

    let workspace = try OrderWorkspace()
    let firstLog = workspace.root.appendingPathComponent("run-1.log")
    let first = try workspace.base.startRun(log: firstLog)
    let processIdentifier = first.processIdentifier
    // The kill comes from its own thread, so that the drops go on meanwhile.
    Thread {
      usleep(delay)
      kill(processIdentifier, SIGKILL)
    }.start()
    try workspace.dropBatch(pausingMicroseconds: Self.dropPause)
    first.waitUntilExit()
    let wasKilled = first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGKILL
    #expect(
      wasKilled, "ended with \(first.terminationReason) \(first.terminationStatus); \(note)")

    let secondLog = workspace.root.appendingPathComponent("run-2.log")
    let second = try workspace.base.startRun(log: secondLog)
    let settled = eventually(within: 180) { (try? workspace.isFinished()) == true }
    EndToEndWorkspace.stop(second)
    let secondText = EndToEndWorkspace.text(of: secondLog)
    #expect(settled, "batch not settled after the restart: \(secondText.suffix(2000)); \(note)")
    #expect(second.terminationStatus == 0, "\(secondText.suffix(2000)); \(note)")
    try workspace.expectBatchSettled(note)
    // Each file is dropped whole and once, so a file taken again after the kill is no
    // duplicate.
    for (number, ack) in try workspace.acknowledgements() {
      let duplicates = ack.object["duplicateReceipts"] as? Int ?? 0
      #expect(duplicates == 0, "\(number) counted a duplicate receipt; \(note)")
    }
  }
}
