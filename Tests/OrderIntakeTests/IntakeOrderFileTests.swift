import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// Drives order files through `Intake.take`, as the pipeline does.
@Suite struct IntakeOrderFileTests {
  @Test func intakeHandsOrderFileToProcessor() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let intake = Intake(
      workspace: fixture.workspace, database: fixture.database, logger: fixture.logger,
      orderFiles: fixture.makeProcessor(), clock: { OrderIntakeFixture.now })
    let path = try fixture.dropOrderFile("orders-1.json", OrderSamples.mixedJSON)

    let outcome = intake.take(path: path, area: .dwf)

    guard case .processed(.orderFile, let destination, _) = outcome else {
      Issue.record("expected processed, got \(outcome)")
      return
    }
    #expect(destination.contains("/inbox/processed/2026-05-01/"))
    #expect(try fixture.journal.snapshot(of: "DWF-1") != nil)
  }

  @Test func intakeWaitsWithoutSnapshot() throws {
    let fixture = try OrderIntakeFixture()
    let intake = Intake(
      workspace: fixture.workspace, database: fixture.database, logger: fixture.logger,
      orderFiles: fixture.makeProcessor())
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let first = intake.take(path: path, area: .dwf)
    let second = intake.take(path: path, area: .dwf)

    let waiting = IntakeOutcome.waiting(path: path, reason: OrderFileProcessor.noSnapshotReason)
    #expect(first == waiting)
    #expect(second == waiting)
    #expect(fixture.messages().filter { $0 == "Order file left in inbox/dwf/" }.count == 1)
  }

  @Test func intakeWithoutHandlerWaits() throws {
    let fixture = try OrderIntakeFixture()
    let intake = Intake(
      workspace: fixture.workspace, database: fixture.database, logger: fixture.logger)
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let outcome = intake.take(path: path, area: .dwf)

    guard case .waiting = outcome else {
      Issue.record("expected waiting, got \(outcome)")
      return
    }
    #expect(FileManager.default.fileExists(atPath: path))
  }
}
