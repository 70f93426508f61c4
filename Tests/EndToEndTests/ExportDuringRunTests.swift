import Foundation
import InboxLifecycle
import Testing

/// `komet-dwf run` places orders that waited for the DWF customer ID on the tick after it
/// takes the customers export, not after the order stage's 60-second retry interval.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct ExportDuringRunTests {
  @Test func customersExportReleasesWaitingOrder() throws {
    let workspace = try EndToEndWorkspace(namesDWFCustomer: false)
    let log = workspace.root.appendingPathComponent("run.log")
    let process = try workspace.startRun(
      log: log, environment: ["KOMET_DWF_INVENTORY_SOURCE": "export"])
    defer { EndToEndWorkspace.stop(process) }
    try workspace.drop(samplePath("komet-inventory.xlsx"), as: "inventory.xlsx")
    #expect(eventually { EndToEndWorkspace.text(of: log).contains("Inventory drop written") })

    let order = "order_number,ship_date,carrier_id,inventory_id,origin,quantity,unit_price\n"
      + "E-1,2030-06-03,3101,5100001,OH,1,0.45\n"
    try workspace.drop(data: Data(order.utf8), as: "e-1.csv", into: workspace.dwfInbox)
    #expect(
      eventually { EndToEndWorkspace.text(of: log).contains("DWF customer ID is missing") },
      "\(EndToEndWorkspace.text(of: log).suffix(2000))")

    try workspace.drop(samplePath("komet-customers.xlsx"), as: "customers.xlsx")

    // Within the 60-second retry interval that the pass would otherwise wait out.
    let isPlaced = eventually(within: 45) { (try? lineState(workspace)) == "accepted" }
    #expect(isPlaced, "\(EndToEndWorkspace.text(of: log).suffix(2000))")
  }

  /// Returns the state of line 1 in order E-1's acknowledgement.
  private func lineState(_ workspace: EndToEndWorkspace) throws -> String? {
    let name = try DWFOutboxName.stem("E-1") + ".json"
    let url = workspace.root.appendingPathComponent("outbox/dwf/acks/" + name)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    let lines = (object as? [String: Any])?["lines"] as? [[String: Any]]
    return lines?.first?["state"] as? String
  }
}
