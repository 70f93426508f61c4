import Foundation
import KometSandbox
import Testing

/// One `once` on a fresh workspace with an order file already in `inbox/dwf/`: the pass's
/// inventory cycle writes the first drop, and the same pass takes the order file, places its
/// order in the sandbox and acknowledges it.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct FirstDropOrderTests {
  @Test func onceTakesOrderFileAfterFirstDrop() throws {
    let workspace = try EndToEndWorkspace()
    let order = """
      order_number,ship_date,carrier_id,location_id,customer_po,inventory_id,origin,quantity,\
      unit_price,mark_code
      DWF-2001,2030-06-03,3101,200101,PO-1,5100001,OH,2,0.45,ATL-ROSES
      DWF-2001,2030-06-03,3101,200101,PO-1,5100005,OH,1,3.25,

      """
    try workspace.drop(data: Data(order.utf8), as: "order-1.csv", into: workspace.dwfInbox)

    let result = try workspace.once()

    #expect(result.status == 0, "\(result.error)")
    let drops = workspace.filesDirectly(in: workspace.inventoryFolder)
    #expect(drops.contains("latest.json"), "\(drops)")
    #expect(workspace.filesDirectly(in: workspace.dwfInbox).isEmpty)
    #expect(workspace.processedNames == ["order-1.csv"])
    #expect(result.error.contains("Order file taken again after the inventory drop"))

    let acks = workspace.root.appendingPathComponent("outbox/dwf/acks")
    let ackName = try #require(
      workspace.filesDirectly(in: acks).first { $0.hasPrefix("DWF-2001") && $0.hasSuffix(".json") })
    let data = try Data(contentsOf: acks.appendingPathComponent(ackName))
    let ack = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let lines = try #require(ack["lines"] as? [[String: Any]])
    #expect(lines.map { $0["state"] as? String } == ["accepted", "accepted"])

    let webOrderIds = Set(lines.compactMap { $0["webOrderId"] as? String })
    let sandbox = try #require(workspace.sandbox)
    let held = sandbox.state.webOrders.filter { webOrderIds.contains($0.id) }
    #expect(webOrderIds.count == 1)
    #expect(held.count == 1)
    #expect(held.first?.items.count == 2)
  }
}
