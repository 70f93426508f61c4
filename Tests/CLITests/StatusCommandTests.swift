import Foundation
import StateStore
import Testing

@testable import CLI

struct StatusCommandTests {
  private func workspace() throws -> ScratchFolder {
    let scratch = try ScratchFolder()
    #expect(runKometDWF(["init", scratch.url.path]).status == 0)
    return scratch
  }

  private func writeLatest(_ scratch: ScratchFolder, asOf: Date, stale: Bool) throws {
    let folder = scratch.url.appendingPathComponent("outbox/dwf/inventory")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let text = """
      {"sequence": 12, "asOf": "\(asOf.formatted(.iso8601))", "itemCount": 40,
       "stale": \(stale), "updatedAt": "\(asOf.formatted(.iso8601))",
       "manifest": "manifest-20260101T000000Z.json"}
      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("latest.json"))
  }

  @Test func missingDropFailsCheck() throws {
    let scratch = try workspace()
    let plain = runKometDWF(["status", "--workspace", scratch.url.path])
    #expect(plain.status == 0)
    #expect(plain.output.contains("Inventory drop: no drop yet"))

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.error.contains("needs attention: no inventory drop yet"))
  }

  @Test func freshDropPassesCheck() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date().addingTimeInterval(-120), stale: false)

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 0, "\(check.error)")
    #expect(check.output.contains("Inventory drop: sequence 12, 40 items"))
    #expect(check.output.contains("2 minutes ago"))
    #expect(check.output.contains("0 of 1000 shared (company 0, customer 0, user 0)"))
    #expect(check.output.contains("reserved for orders: 200"))
  }

  @Test(arguments: [(-120.0, true), (-3_600.0, false)])
  func staleDropFailsCheck(offset: TimeInterval, markedStale: Bool) throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date().addingTimeInterval(offset), stale: markedStale)

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.error.contains("the inventory drop is stale"))
  }

  @Test func failedAndWaitingFilesListed() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    try FileManager.default.createDirectory(
      at: scratch.url.appendingPathComponent("inbox/failed"), withIntermediateDirectories: true)
    _ = try scratch.write("x", to: "inbox/failed/notes.txt")
    _ = try scratch.write(
      "notes.txt is not a Komet export.\nDrop a customers export.",
      to: "inbox/failed/notes.txt.error.txt")
    _ = try scratch.write("a,b", to: "inbox/customers.csv")
    _ = try scratch.write("{}", to: "inbox/dwf/orders.json")

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.output.contains("notes.txt: notes.txt is not a Komet export."))
    #expect(check.output.contains("  customers.csv\n  dwf/orders.json\n"))
    #expect(check.error.contains("1 file(s) in inbox/failed/ need a fix"))
  }

  @Test func waitingRequestFailsCheckInJSON() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    let clean = runKometDWF(["status", "--workspace", scratch.url.path, "--json", "--check"])
    #expect(clean.status == 0, "\(clean.output)")

    let queue = ChangeRequests(database: try StateSchema.open(workspace: scratch.url.path))
    let request = try queue.enqueue(kind: "touch", orderNumber: "PO-3")
    let queued = runKometDWF(["status", "--workspace", scratch.url.path, "--json", "--check"])
    #expect(queued.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(queued.output.utf8)) as? [String: Any])
    #expect((object["problems"] as? [String]) == ["1 change request(s) wait for the pipeline"])
    let requests = try #require(object["changeRequests"] as? [[String: Any]])
    #expect(requests.first?["id"] as? Int64 == request.id)
    #expect(requests.first?["state"] as? String == "queued")
  }
}
