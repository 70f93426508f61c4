import Foundation
import InboxLifecycle
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `komet-dwf once` on real folders, real SQLite and the sandbox over loopback HTTP: where each
/// kind of input ends up, and the exit statuses.
@Suite(.enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct OnceLifecycleTests {
  static let sampleExports = [
    "komet-customers.xlsx", "komet-locations.xlsx", "komet-inventory.xlsx",
  ]

  @Test func exportsProcessedThenRecognised() throws {
    let workspace = try EndToEndWorkspace()
    for name in Self.sampleExports {
      try workspace.drop(samplePath(name), as: name)
    }

    let first = try workspace.once()
    #expect(first.status == 0, "\(first.error)")
    #expect(workspace.processedNames == Self.sampleExports.sorted())
    #expect(workspace.filesDirectly(in: workspace.inbox).isEmpty)
    #expect(first.error.contains("file.kind=customersExport"))
    #expect(first.error.contains("file.kind=locationsExport"))
    #expect(first.error.contains("file.kind=inventoryExport"))
    let customers = try workspace.storedIDs(.dwfCustomer)
    #expect(customers.map(\.id) == ["10012"])
    #expect(try workspace.storedIDs(.location).count == 4)

    try workspace.drop(samplePath("komet-customers.xlsx"), as: "customers-again.xlsx")
    let second = try workspace.once()
    #expect(second.status == 0, "\(second.error)")
    #expect(second.error.contains("content processed before as komet-customers.xlsx"))
    #expect(workspace.processedNames.contains("customers-again.xlsx"))
    #expect(try workspace.storedIDs(.dwfCustomer) == customers)
    #expect(workspace.failedNames.isEmpty)
  }

  @Test func unknownFileFailsWithReport() throws {
    let workspace = try EndToEndWorkspace()
    try workspace.drop(data: Data("just some notes\n".utf8), as: "notes.txt")

    let result = try workspace.once()
    #expect(result.status == 65, "\(result.error)")
    #expect(workspace.failedNames == ["notes.txt"])
    let report = workspace.failed.appendingPathComponent("notes.txt.error.txt")
    let text = EndToEndWorkspace.text(of: report)
    #expect(text.contains("notes.txt"))
    #expect(text.contains("inbox/"))
    #expect(workspace.filesDirectly(in: workspace.inbox).isEmpty)
  }

  @Test func symlinkAndFIFOFailUnread() throws {
    let workspace = try EndToEndWorkspace()
    let target = workspace.root.appendingPathComponent("secret.txt")
    try Data("not for the pipeline\n".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(
      at: workspace.inbox.appendingPathComponent("link.xlsx"), withDestinationURL: target)
    #expect(mkfifo(workspace.inbox.appendingPathComponent("pipe.csv").path, 0o644) == 0)

    // A FIFO that was opened for reading would block `once` forever, so a hang here is the
    // failure this test looks for; the pipeline must only lstat it.
    let result = try workspace.once()
    #expect(result.status == 65, "\(result.error)")
    #expect(workspace.failedNames == ["link.xlsx", "pipe.csv"])
    for name in ["link.xlsx", "pipe.csv"] {
      let report = workspace.failed.appendingPathComponent("\(name).error.txt")
      #expect(FileManager.default.fileExists(atPath: report.path), "\(name) has no error report")
    }
    let moved = try FileManager.default.destinationOfSymbolicLink(
      atPath: workspace.failed.appendingPathComponent("link.xlsx").path)
    #expect(moved == target.path)
    #expect(EndToEndWorkspace.text(of: target) == "not for the pipeline\n")
  }

  @Test func truncatedWorkbookRetriedThenFailed() throws {
    let workspace = try EndToEndWorkspace()
    let whole = try Data(contentsOf: URL(fileURLWithPath: samplePath("komet-customers.xlsx")))
    try workspace.drop(data: whole.prefix(whole.count / 2), as: "cut.xlsx")

    var results: [ProcessResult] = []
    for _ in 0..<6 where workspace.failedNames.isEmpty {
      results.append(try workspace.once())
    }
    let log = results.map(\.error).joined()
    #expect(log.contains("File looks incomplete, retried later"))
    #expect(workspace.failedNames == ["cut.xlsx"], "\(log)")
    #expect(results.last?.status == 65)
    let report = EndToEndWorkspace.text(
      of: workspace.failed.appendingPathComponent("cut.xlsx.error.txt"))
    #expect(report.contains("truncated"))
  }

  @Test func orderFileTakenAfterFirstDrop() throws {
    let workspace = try EndToEndWorkspace()
    try workspace.drop(samplePath("dwf-order.csv"), as: "order-1.csv", into: workspace.dwfInbox)

    // The intake runs before the pass's inventory cycle, so no drop exists yet to check the
    // lines against. The file waits rather than have every line rejected, and the same pass
    // takes it once the cycle wrote the drop.
    let first = try workspace.once()
    #expect(first.status == 0, "\(first.error)")
    let waits = try #require(first.error.range(of: "File waits in place"))
    let retaken = try #require(
      first.error.range(of: "Order file taken again after the inventory drop"))
    #expect(waits.lowerBound < retaken.lowerBound)
    #expect(workspace.filesDirectly(in: workspace.dwfInbox).isEmpty)
    #expect(workspace.failedNames.isEmpty)
    #expect(workspace.processedNames == ["order-1.csv"])
  }

  @Test func orderFileWithoutRequiredColumnsFailsWhole() throws {
    let workspace = try EndToEndWorkspace()
    let order = Data("order_number,inventory_id,boxes\nDWF-1,5001,2\n".utf8)
    try workspace.drop(data: order, as: "order-1.csv", into: workspace.dwfInbox)

    let result = try workspace.once()
    #expect(result.status == 65, "\(result.error)")
    #expect(workspace.filesDirectly(in: workspace.dwfInbox).isEmpty)
    #expect(workspace.failedNames == ["order-1.csv"])

    // DWF cannot see the grower's failed/ folder, so the errors reach it in the acks folder.
    let rejected = workspace.root.appendingPathComponent(
      "outbox/dwf/acks/\(try DWFOutboxName.rejection(fileName: "order-1.csv"))")
    let text = EndToEndWorkspace.text(of: rejected)
    for column in ["ship_date", "origin", "quantity", "unit_price"] {
      #expect(text.contains(column), "\(column) is not named in \(text)")
    }
    #expect(!text.contains(workspace.root.path), "the grower's path reaches DWF: \(text)")
  }

  @Test func growerExportInDWFInboxFails() throws {
    let workspace = try EndToEndWorkspace()
    try workspace.drop(
      samplePath("komet-customers.xlsx"), as: "customers.xlsx", into: workspace.dwfInbox)

    let result = try workspace.once()
    #expect(result.status == 65, "\(result.error)")
    #expect(workspace.failedNames == ["customers.xlsx"])
    #expect(workspace.filesDirectly(in: workspace.dwfInbox).isEmpty)
    #expect(try workspace.storedIDs(.dwfCustomer).isEmpty)
    let report = EndToEndWorkspace.text(
      of: workspace.failed.appendingPathComponent("customers.xlsx.error.txt"))
    #expect(report.contains("inbox/dwf/"))
  }

  @Test func unreachableKometExits75() throws {
    let workspace = try EndToEndWorkspace()
    try workspace.stopSandbox()

    let result = try workspace.once()
    #expect(result.status == 75, "\(result.error)")
    #expect(result.error.contains("unreachable"))
  }

  @Test func brokenConfigExits78() throws {
    let workspace = try EndToEndWorkspace()
    try Data("{ \"komet\": ".utf8).write(to: workspace.configFile)
    try workspace.drop(samplePath("komet-customers.xlsx"), as: "customers.xlsx")

    let result = try workspace.once()
    #expect(result.status == 78, "\(result.error)")
    #expect(result.error.contains("komet-dwf.json"))
    #expect(workspace.filesDirectly(in: workspace.inbox) == ["customers.xlsx"])
  }
}
