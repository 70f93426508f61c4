import Foundation
import Intake
import Testing

/// A file found by a listing, as `once` finds it, is read only once its modification time is
/// older than the settle time, because its writer may still be at work.
@Suite struct IntakeSettleTests {
  static let orderCSV = "order_number,inventory_id\nDWF-1,5100001\n"

  @Test func recentFileIsLeftUnread() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.csv", text: Self.orderCSV)
    // The clock is the file's own time plus half a second, so a stalled test cannot age it.
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let modified = try #require(attributes[.modificationDate] as? Date)
    let intake = folder.makeIntake(settleTime: 2, clock: { modified.addingTimeInterval(0.5) })

    let outcome = intake.takeIfSettled(path: path, area: .dwf)

    guard case .stillBeingWritten(path, let reason) = outcome else {
      Issue.record("expected still being written, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("still being written: modified "))
    #expect(reason.contains("watch.settleSeconds, 2.0 s"))
    #expect(folder.exists("inbox/dwf/orders.csv"))
    #expect(folder.messages.isEmpty)
  }

  @Test func fileOlderThanSettleTimeIsTaken() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.csv", text: Self.orderCSV)
    let intake = folder.makeIntake(settleTime: 2, clock: { Date().addingTimeInterval(3) })

    let outcome = intake.takeIfSettled(path: path, area: .dwf)

    #expect(outcome == .waiting(path: path, reason: "order processing is not configured"))
  }

  @Test func modificationTimeAheadOfClockIsRecent() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.csv", text: Self.orderCSV)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
    let intake = folder.makeIntake(settleTime: 2, clock: { Date() })

    let outcome = intake.takeIfSettled(path: path, area: .dwf)

    guard case .stillBeingWritten(_, let reason) = outcome else {
      Issue.record("expected still being written, got \(outcome)")
      return
    }
    #expect(reason.contains("ahead of this computer's clock"))
  }

  @Test func readyFileIsTakenAtOnce() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.csv", text: Self.orderCSV)
    let intake = folder.makeIntake(settleTime: 2, clock: { Date() })

    let outcome = intake.take(path: path, area: .dwf)

    #expect(outcome == .waiting(path: path, reason: "order processing is not configured"))
  }
}
