import Foundation
import InboxLifecycle
import Testing

@testable import CLI

struct DemoCommandTests {
  // `demo` blocks its thread until the pipeline's task ends, so it runs off the test pool.
  @Test("the demo runs one full cycle and lists every artifact it wrote")
  func demoRunsOneCycle() async throws {
    let folder = try ScratchFolder()
    let workspace = folder.url.appendingPathComponent("demo").path

    let result = await runOffPool(
      ["demo", "--samples", repositoryPath("Samples"), "--workspace", workspace],
      ["KOMET_API_URL": "https://api.kometsales.com/api/"])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("3 file(s) processed, 0 failed, 0 waiting"))
    #expect(result.output.contains("Every sample order ended as it should."))
    #expect(result.output.contains("onboarding files for DWF (komet-dwf onboarding): complete"))
    let manager = FileManager.default
    let processed = try manager.contentsOfDirectory(atPath: workspace + "/inbox/processed")
    #expect(processed.count == 1)
    let day = try #require(processed.first)
    let taken = try manager.contentsOfDirectory(atPath: workspace + "/inbox/processed/" + day)
    #expect(Set(taken) == Set(DemoCommand.sampleExports + DemoOrderPlan.allFiles).subtracting(
      DemoOrderPlan.expectedRejectedFiles))

    // Every file the summary lists exists, and every drop file is listed. The order passes
    // come seconds after the first drop, well within the inventory interval, so they read no
    // inventory and write no drop of their own.
    let drops = try manager.contentsOfDirectory(atPath: workspace + "/outbox/dwf/inventory")
    #expect(drops.filter { $0.hasSuffix(".csv") }.count == 1)
    for name in drops {
      #expect(result.output.contains("outbox/dwf/inventory/" + name))
    }
    for name in ["ids.json", "carriers.json", "ship-tos.json", "locations.json"] {
      #expect(manager.fileExists(atPath: workspace + "/outbox/dwf/onboarding/" + name))
      #expect(result.output.contains("outbox/dwf/onboarding/" + name))
    }

    // The caller's KOMET_API_URL named a real host, and the demo ignored it.
    let config = try String(contentsOfFile: workspace + "/komet-dwf.json", encoding: .utf8)
    #expect(config.contains("http://127.0.0.1:"))
    #expect(!result.error.contains("api.kometsales.com"))
  }

  // The acks are read here as plain JSON, apart from the demo's own reader, and each accepted
  // line must show in the demo's list of the web orders that the sandbox held.
  @Test("demo acks match samples and web orders")
  func demoReportsAcksAndWebOrders() async throws {
    let folder = try ScratchFolder()
    let workspace = folder.url.appendingPathComponent("demo").path

    let result = await runOffPool(
      ["demo", "--samples", repositoryPath("Samples"), "--workspace", workspace], [:])

    #expect(result.status == 0, "\(result.output)\n\(result.error)")
    let acks = try acknowledgements(in: workspace + "/outbox/dwf/acks")
    let webOrderSection = try #require(
      result.output.components(separatedBy: "Web orders in Komet for DWF").last)

    let onHand = try #require(acks["DWF-2001"])
    #expect(onHand.state == "settled")
    #expect(onHand.lineStates == [1: "accepted", 2: "accepted"])
    #expect(onHand.duplicateReceipts == 1)
    #expect(Set(onHand.webOrderIds.values).count == 1)

    let future = try #require(acks["DWF-2002"])
    #expect(future.state == "cancelled")
    #expect(future.lineStates == [1: "cancelled", 2: "cancelled"])
    #expect(webOrderSection.contains("deleted: 7300003 x 3 at 0.55, 7300007 x 2 at 4.10"))

    let mixed = try #require(acks["DWF-2003"])
    #expect(mixed.lineStates == [1: "accepted", 2: "accepted", 3: "accepted"])
    #expect(mixed.webOrderIds[1] == mixed.webOrderIds[3])
    #expect(mixed.webOrderIds[1] != mixed.webOrderIds[2])

    let badLines = try #require(acks["DWF-2004"])
    #expect(
      badLines.lineStates == [1: "accepted", 2: "rejected", 3: "rejected", 4: "rejected"])
    #expect(badLines.reasons[2]?.contains("not in the latest inventory drop") == true)
    #expect(badLines.reasons[3]?.contains("differs from the inventory price") == true)
    #expect(badLines.reasons[4] == "Item is not available")

    let pastDate = try #require(acks["DWF-2005"])
    #expect(pastDate.lineStates == [1: "rejected"])
    #expect(pastDate.reasons[1]?.contains("is in the past") == true)

    #expect(
      FileManager.default.fileExists(
        atPath: workspace + "/outbox/dwf/acks/"
          + (try DWFOutboxName.rejection(fileName: "7-fails-whole.csv"))))
    #expect(FileManager.default.fileExists(atPath: workspace + "/inbox/failed/7-fails-whole.csv"))

    // Every accepted line is on the pending web order its ack names, as the sandbox held it.
    for ack in acks.values {
      for (line, webOrderId) in ack.webOrderIds {
        let pending = webOrderSection.components(separatedBy: "\n").filter {
          $0.contains("web order \(webOrderId) ") && $0.contains("pending")
        }
        #expect(pending.count == 1, "\(ack.orderNumber) line \(line) on \(webOrderId)")
        #expect(
          pending.first?.contains(ack.items[line] ?? "?") == true,
          "\(ack.orderNumber) line \(line)")
      }
    }
    #expect(result.output.contains("estimated fee 8.69 (0.015 of 579.00)"))
  }

  @Test("demo fails on a changed sample")
  func demoFailsOnChangedSample() async throws {
    let folder = try ScratchFolder()
    let samples = folder.url.appendingPathComponent("samples")
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: repositoryPath("Samples")), to: samples)
    let onHand = samples.appendingPathComponent("orders/1-on-hand.csv")
    let text = try String(contentsOf: onHand, encoding: .utf8)
    try Data(text.replacingOccurrences(of: ",0.45,", with: ",0.50,").utf8).write(to: onHand)

    let result = await runOffPool(
      [
        "demo", "--samples", samples.path, "--workspace",
        folder.url.appendingPathComponent("demo").path,
      ], [:])

    #expect(result.status == 1)
    #expect(result.output.contains("DWF-2001 line 1: rejected, expected accepted"))
    #expect(!result.output.contains("Every sample order ended as it should."))
    #expect(result.error.contains("order outcome(s) of the demo differ from its samples"))
  }

  @Test("a workspace folder that is not empty is refused")
  func demoRefusesUsedFolder() throws {
    let folder = try ScratchFolder()
    try Data("keep".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))

    let result = runKometDWF(
      ["demo", "--samples", repositoryPath("Samples"), "--workspace", folder.url.path])

    #expect(result.status == 73)
    #expect(result.error.contains("is not empty"))
    let kept = try String(
      contentsOf: folder.url.appendingPathComponent("notes.txt"), encoding: .utf8)
    #expect(kept == "keep")
  }

  @Test func demoWithoutSamplesSaysWhereToRun() throws {
    let folder = try ScratchFolder()

    let result = runKometDWF(["demo", "--samples", folder.url.path])

    #expect(result.status == 66)
    #expect(result.error.contains("Run the demo from the repository's top folder"))
  }
}

/// The fields of one acknowledgement that the demo tests check, by line number.
private struct AckFields {
  var orderNumber: String
  var state: String
  var duplicateReceipts: Int
  var lineStates: [Int: String] = [:]
  var webOrderIds: [Int: String] = [:]
  var reasons: [Int: String] = [:]
  /// Each line's inventory ID and quantity as the demo lists a web order's item, `ID x N`.
  var items: [Int: String] = [:]
}

/// Reads every order acknowledgement in `folder` with `JSONSerialization`, by order number.
private func acknowledgements(in folder: String) throws -> [String: AckFields] {
  var found: [String: AckFields] = [:]
  let names = try FileManager.default.contentsOfDirectory(atPath: folder)
  for name in names where name.hasSuffix(".json") && !name.hasSuffix(".rejected.json") {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var ack = AckFields(
      orderNumber: try #require(object["orderNumber"] as? String),
      state: try #require(object["orderState"] as? String),
      duplicateReceipts: object["duplicateReceipts"] as? Int ?? 0)
    for line in try #require(object["lines"] as? [[String: Any]]) {
      let number = try #require(line["lineNumber"] as? Int)
      ack.lineStates[number] = line["state"] as? String
      ack.webOrderIds[number] = line["webOrderId"] as? String
      ack.reasons[number] = line["reason"] as? String
      ack.items[number] = "\(line["inventoryId"] as? String ?? "?") x \(line["quantity"] ?? "?")"
    }
    found[ack.orderNumber] = ack
  }
  return found
}
