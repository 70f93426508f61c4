import Foundation
import InboxLifecycle
import Testing

@testable import Intake

/// Files from `inbox/dwf/` that fail in the intake itself get `FILE.rejected.json` for DWF,
/// which cannot read `inbox/failed/`.
struct DWFFileRejectionTests {
  /// Reads `outbox/dwf/acks/NAME.rejected.json` as a JSON object.
  private func rejection(_ folder: IntakeWorkspace, _ name: String) throws -> [String: Any] {
    let path = folder.file("outbox/dwf/acks/\(try DWFOutboxName.rejection(fileName: name))")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  private func messages(_ document: [String: Any]) -> [String] {
    (document["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
  }

  @Test(arguments: [
    (
      "g-quote.csv",
      "order_number,ship_date,carrier_code,inventory_id,origin,quantity,unit_price\n"
        + "\"Q-1,2030-06-03,ARM,5100002,OH,1,0.60\n"
    ),
    ("i-json-trunc.json", #"{"formatVersion": 1, "orders": [{"orderNumber": "J-2", "lines": []}]"#),
  ])
  func truncatedUploadGetsRejection(name: String, text: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/\(name)", text: text)
    let intake = folder.makeIntake()

    var outcome = intake.take(path: path, area: .dwf)
    for _ in 1..<Intake.maximumTruncatedAttempts {
      outcome = intake.take(path: path, area: .dwf)
    }
    #expect(!folder.exists("outbox/dwf/acks/\(try DWFOutboxName.rejection(fileName: name))"))
    outcome = intake.take(path: path, area: .dwf)

    guard case .failed = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    let document = try rejection(folder, name)
    #expect(document["fileName"] as? String == name)
    #expect(document["formatVersion"] as? Int == 1)
    #expect(document["rejectedAt"] as? String == "2024-03-10T08:15:00.000Z")
    let message = try #require(messages(document).first)
    #expect(message.hasPrefix("the file still looks truncated after 3 attempts"))
  }

  @Test func growerExportUploadGetsRejection() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/dwf/upload.xlsx")

    guard case .failed(let errorFile, _, _) = folder.makeIntake().take(path: path, area: .dwf)
    else {
      Issue.record("expected a failure")
      return
    }
    let message = try #require(messages(try rejection(folder, "upload.xlsx")).first)
    #expect(message.contains("which DWF's upload folder inbox/dwf/ does not take"))
    #expect(try folder.contents(of: errorFile).contains("upload.xlsx"))
  }

  @Test func fifoUploadGetsRejection() throws {
    let folder = try IntakeWorkspace()
    let path = folder.file("inbox/dwf/orders.csv")
    #expect(mkfifo(path, 0o600) == 0)

    guard case .failed = folder.makeIntake().take(path: path, area: .dwf) else {
      Issue.record("expected a failure")
      return
    }
    let message = try #require(messages(try rejection(folder, "orders.csv")).first)
    #expect(message.hasPrefix("this is a FIFO, not a regular file."))
  }

  @Test func growerFailureWritesNoRejection() throws {
    let folder = try IntakeWorkspace()
    let path = folder.file("inbox/orders.csv")
    #expect(mkfifo(path, 0o600) == 0)

    guard case .failed = folder.makeIntake().take(path: path, area: .grower) else {
      Issue.record("expected a failure")
      return
    }
    #expect(!folder.exists("outbox/dwf/acks"))
  }

  @Test func unwritableRejectionLeavesFile() throws {
    let folder = try IntakeWorkspace()
    try folder.write("outbox/dwf/acks", text: "a file where the folder should be")
    let path = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/dwf/upload.xlsx")

    let outcome = folder.makeIntake().take(path: path, area: .dwf)

    guard case .notTaken(_, let reason) = outcome else {
      Issue.record("expected the file to stay, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("the rejection for DWF could not be written"))
    #expect(folder.exists("inbox/dwf/upload.xlsx"))
  }

  @Test func rejectionCutsLongValue() {
    let report = FailureReport(
      fileName: "../a b.csv", row: 2, column: "C", value: String(repeating: "x", count: 300),
      problem: "the value is invalid.", expected: "", action: "")
    let document = DWFFileRejection(report: report, at: Date(timeIntervalSince1970: 0))
    #expect(document.errors.first?.location == "row 2, column C")
    #expect(
      document.errors.first?.message
        == "the value is invalid. The value is \"\(String(repeating: "x", count: 120))..."
        + " (300 characters)\".")
    #expect(DWFOutboxName.safe(document.fileName) == "_._a_b.csv")
  }
}
