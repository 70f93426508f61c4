import Foundation
import Intake
import OrderIntake
import Testing

/// A JSON number that no `Double` holds reaches the order parser, which rejects its line only.
@Suite struct HugeJSONNumberTests {
  @Test func hugePriceRejectsItsLineOnly() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let intake = Intake(
      workspace: fixture.workspace, database: fixture.database, logger: fixture.logger,
      orderFiles: fixture.makeProcessor(), clock: { OrderIntakeFixture.now })
    let text = """
      {"formatVersion": 1, "orders": [{"orderNumber": "DWF-1", "shipDate": "2026-05-02",
        "lines": [
          {"lineNumber": 1, "inventoryId": "5100001", "origin": "OH", "quantity": 2,
           "unitPrice": 0.45},
          {"lineNumber": 2, "inventoryId": "5100001", "origin": "OH", "quantity": 1,
           "unitPrice": 1e400}]}]}
      """
    let path = try fixture.dropOrderFile("orders-1.json", text)

    let outcome = intake.take(path: path, area: .dwf)

    guard case .processed(.orderFile, _, _) = outcome else {
      Issue.record("expected processed, got \(outcome)")
      return
    }
    let lines = OrderIntakeFixture.lines(try fixture.acknowledgement("DWF-1"))
    #expect(lines.map(\.1) == ["received", "rejected"])
    let reason = try #require(lines.last?.2)
    #expect(reason.contains("orders[0].lines[1].unitPrice"), "\(reason)")
  }
}
