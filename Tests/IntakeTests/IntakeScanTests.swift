import Foundation
import Intake
import Testing

struct IntakeScanTests {
  @Test func pendingFilesSkipsReadmeAndPartialNames() throws {
    let folder = try IntakeWorkspace()
    for name in [
      "inbox/README.txt", "inbox/dwf/README.txt", "inbox/.hidden.csv", "inbox/~$customers.xlsx",
      "inbox/customers.xlsx.part", "inbox/export.CRDOWNLOAD", "inbox/dwf/orders.csv.filepart",
      "inbox/processed/2024-03-10/old.xlsx", "inbox/failed/bad.csv",
      "inbox/customers.xlsx", "inbox/dwf/orders.csv",
    ] {
      try folder.write(name, text: "x")
    }
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("inbox/link.xlsx"), withDestinationPath: folder.file("elsewhere"))

    let pending = folder.makeIntake().pendingFiles()

    #expect(
      pending.map(\.path) == [
        folder.file("inbox/customers.xlsx"), folder.file("inbox/link.xlsx"),
        folder.file("inbox/dwf/orders.csv"),
      ])
    #expect(pending.map(\.area) == [.grower, .grower, .dwf])
  }

  @Test func unknownSubfolderReportedOnceAndLeftAlone() throws {
    let folder = try IntakeWorkspace()
    try folder.write("inbox/archive/customers.xlsx", text: "x")
    try folder.write("inbox/dwf/extra/orders.csv", text: "x")
    let intake = folder.makeIntake()

    let first = intake.pendingFiles()
    let second = intake.pendingFiles()

    #expect(first.isEmpty)
    #expect(second.isEmpty)
    let reports = folder.logs.records.filter { $0.message.hasPrefix("Unknown subfolder") }
    #expect(
      reports.map { $0.metadata["folder.path"] } == [
        folder.file("inbox/archive"), folder.file("inbox/dwf/extra"),
      ])
    #expect(folder.exists("inbox/archive/customers.xlsx"))
    #expect(folder.exists("inbox/dwf/extra/orders.csv"))
  }

  @Test func readmeDroppedByInitIsNeverTaken() throws {
    let folder = try IntakeWorkspace()
    try folder.write("inbox/README.txt", text: "Drop Komet exports here.\n")

    #expect(folder.makeIntake().pendingFiles().isEmpty)
  }
}

struct IntakeUploadOrderTests {
  /// Sets the modification time of a file in the workspace, in seconds since 1970.
  private func setModified(_ folder: IntakeWorkspace, _ name: String, seconds: TimeInterval)
    throws
  {
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: folder.file(name))
  }

  @Test func orderFilesComeByModificationTimeThenName() throws {
    let folder = try IntakeWorkspace()
    for name in ["inbox/dwf/orders-200.csv", "inbox/dwf/cancel-200.csv", "inbox/dwf/b-tie.csv",
      "inbox/dwf/a-tie.csv"]
    {
      try folder.write(name, text: "x")
    }
    try setModified(folder, "inbox/dwf/orders-200.csv", seconds: 1_000)
    try setModified(folder, "inbox/dwf/cancel-200.csv", seconds: 2_000)
    try setModified(folder, "inbox/dwf/b-tie.csv", seconds: 3_000)
    try setModified(folder, "inbox/dwf/a-tie.csv", seconds: 3_000)

    let pending = folder.makeIntake().pendingFiles()

    #expect(
      pending.map(\.path) == [
        folder.file("inbox/dwf/orders-200.csv"), folder.file("inbox/dwf/cancel-200.csv"),
        folder.file("inbox/dwf/a-tie.csv"), folder.file("inbox/dwf/b-tie.csv"),
      ])
  }

  @Test func growerFilesKeepNameOrder() throws {
    let folder = try IntakeWorkspace()
    try folder.write("inbox/b.xlsx", text: "x")
    try folder.write("inbox/a.xlsx", text: "x")
    try setModified(folder, "inbox/b.xlsx", seconds: 1_000)
    try setModified(folder, "inbox/a.xlsx", seconds: 2_000)

    let pending = folder.makeIntake().pendingFiles()

    #expect(pending.map(\.path) == [folder.file("inbox/a.xlsx"), folder.file("inbox/b.xlsx")])
  }
}
