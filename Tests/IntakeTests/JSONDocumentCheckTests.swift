import Foundation
import Intake
import Testing

/// The intake tells order files from other JSON with the parser the order parser uses, so a
/// file the order parser reads is never failed whole before it gets there.
@Suite struct JSONDocumentCheckTests {
  @Test func hugeNumberIsStillAnOrderFile() throws {
    let folder = try IntakeWorkspace()
    let text = """
      {"formatVersion": 1, "orders": [{"orderNumber": "DWF-1", "shipDate": "2026-05-02",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": 2,
                   "unitPrice": 1e400}]}]}
      """
    let path = try folder.write("inbox/dwf/orders.json", text: text)

    let outcome = folder.makeIntake().take(path: path, area: .dwf)

    #expect(outcome == .waiting(path: path, reason: "order processing is not configured"))
  }

  @Test func invalidJSONSaysWhere() throws {
    let folder = try IntakeWorkspace()
    let text = "{\"formatVersion\": 1,\n  \"orders\": [{\"orderNumber\" \"DWF-1\"}]}\n"
    let path = try folder.write("inbox/dwf/orders.json", text: text)

    let outcome = folder.makeIntake().take(path: path, area: .dwf)

    guard case .failed(_, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(
      reason.hasPrefix(
        "the file starts like JSON, but it is not valid JSON: at line 2, column 29 (byte 49),"
          + " expected ':' after a member name."))
    #expect(reason.contains("uploads the whole file again"))
  }
}
