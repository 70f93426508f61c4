import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// An order file that its writer goes on writing after the intake hashed it, as an SFTP upload
/// under its final name does, must not be journaled from the cut-short read.
@Suite struct ChangedOrderFileTests {
  /// The header and a row whose quantity cell stops at `1` of `12`.
  static let cutRow = OrderSamples.header + "DWF-1,1,2026-05-02,,,5100001,OH,1"
  /// What the writer adds to finish the row.
  static let rest = "2,0.45,,\n"

  @Test func fileChangedAfterHashIsNotJournaled() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let path = try fixture.dropOrderFile("orders-1.csv", Self.cutRow + ",0.45,,\n")
    let taken = try fixture.taken(path)
    try Data((Self.cutRow + Self.rest).utf8).write(to: URL(fileURLWithPath: path))

    let decision = fixture.makeProcessor().takeOrderFile(taken)

    guard case .done(.retryLater(path, 0, let reason)) = decision else {
      Issue.record("expected a retry, got \(decision)")
      return
    }
    #expect(reason.contains("changed while it was read"))
    #expect(try fixture.journal.snapshot(of: "DWF-1") == nil)
    #expect(fixture.files(in: "outbox/dwf/acks").isEmpty)
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test func changedFileIsTakenWholeLater() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let path = try fixture.dropOrderFile("orders-1.csv", Self.cutRow + ",0.45,,\n")
    let cut = try fixture.taken(path)
    try Data((Self.cutRow + Self.rest).utf8).write(to: URL(fileURLWithPath: path))
    _ = processor.takeOrderFile(cut)

    let decision = processor.takeOrderFile(try fixture.taken(path))

    guard case .done(.processed(.orderFile, _, "1 new")) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.lines.map(\.quantity) == [12])
  }

  @Test func fileChangedBeforeRejectionStaysInInbox() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let path = try fixture.dropOrderFile("orders-1.csv", "order_number,ship_date\nDWF-1,x\n")
    let taken = try fixture.taken(path)
    try Data((Self.cutRow + Self.rest).utf8).write(to: URL(fileURLWithPath: path))

    let decision = fixture.makeProcessor().takeOrderFile(taken)

    guard case .done(.retryLater(path, 0, _)) = decision else {
      Issue.record("expected a retry, got \(decision)")
      return
    }
    #expect(fixture.files(in: "inbox/failed").isEmpty)
    #expect(fixture.files(in: "outbox/dwf/acks").isEmpty)
  }
}
