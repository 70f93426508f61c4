import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// An order number is one order whether its accented letters come precomposed or as a base
/// letter and a combining mark.
@Suite struct OrderNumberFormTests {
  static func csv(_ number: String) -> String {
    OrderSamples.header + "\(number),1,2026-05-02,,,5100001,OH,2,0.45,,\n"
  }

  @Test func decomposedThenPrecomposedIsDuplicate() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let decomposed = try fixture.dropOrderFile("orders-1.csv", Self.csv("Cafe\u{301}-2"))
    _ = processor.takeOrderFile(try fixture.taken(decomposed))
    let precomposed = try fixture.dropOrderFile("orders-2.csv", Self.csv("Caf\u{E9}-2"))

    let decision = processor.takeOrderFile(try fixture.taken(precomposed))

    guard case .done(.processed(.orderFile, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "Caf\u{E9}-2"))
    #expect(Array(order.orderNumber.utf8) == Array("Caf\u{E9}-2".utf8))
    #expect(order.lines.count == 1)
    #expect(fixture.files(in: "outbox/dwf/acks").count == 2)
  }

  @Test func jsonNumberIsPrecomposed() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let text = """
      {"formatVersion": 1, "orders": [{"orderNumber": "Cafe\\u0301-2", "shipDate": "2026-05-02",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": 2,
                   "unitPrice": "0.45"}]}]}
      """
    let path = try fixture.dropOrderFile("orders-1.json", text)

    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    let order = try #require(try fixture.journal.snapshot(of: "Caf\u{E9}-2"))
    #expect(Array(order.orderNumber.utf8) == Array("Caf\u{E9}-2".utf8))
  }
}
