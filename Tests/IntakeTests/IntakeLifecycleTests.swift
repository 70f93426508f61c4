import Foundation
import InboxLifecycle
import Intake
import Inventory
import StateStore
import Testing

struct IntakeLifecycleTests {
  static let today = "inbox/processed/2024-03-10"

  @Test func customersExportStoresDWFCustomer() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Samples/komet-customers.xlsx", to: "inbox/customers.xlsx")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    let destination = folder.file("\(Self.today)/customers.xlsx")
    #expect(
      outcome
        == .processed(
          kind: .customersExport, destination: destination,
          summary: "DWF customer 10012 (DWF Wholesale Florists), sheet \"Customers\" row 6"))
    #expect(try folder.knownIDs.ids(.dwfCustomer).map(\.id) == ["10012"])
    #expect(!folder.exists("inbox/customers.xlsx"))
    #expect(folder.exists("\(Self.today)/customers.xlsx"))
  }

  @Test func locationsExportStoresEveryLocation() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/locations.xlsx")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .processed(.locationsExport, _, let summary) = outcome else {
      Issue.record("expected a processed locations export, got \(outcome)")
      return
    }
    #expect(summary == "4 locations: 200101, 200102, 200103, 200104")
    let ids = try folder.knownIDs.ids(.location)
    #expect(ids.map(\.id) == ["200101", "200102", "200103", "200104"])
    #expect(ids.allSatisfy { $0.sourceFile == "locations.xlsx" })
  }

  @Test func sameContentAgainChangesNothing() throws {
    let folder = try IntakeWorkspace()
    let first = try folder.copy(
      repositoryFile: "Samples/komet-customers.xlsx", to: "inbox/customers.xlsx")
    let intake = folder.makeIntake()
    _ = intake.take(path: first, area: .grower)
    let stored = try folder.knownIDs.ids(.dwfCustomer)

    let again = try folder.copy(
      repositoryFile: "Samples/komet-customers.xlsx", to: "inbox/customers again.xlsx")
    let outcome = intake.take(path: again, area: .grower)

    #expect(
      outcome
        == .alreadyProcessed(
          kind: .customersExport, destination: folder.file("\(Self.today)/customers again.xlsx"),
          firstName: "customers.xlsx"))
    #expect(try folder.knownIDs.ids(.dwfCustomer) == stored)
  }

  @Test func earlierExportAgainBecomesCurrent() throws {
    let folder = try IntakeWorkspace()
    let intake = folder.makeIntake()
    let sample = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/locations.xlsx")
    _ = intake.take(path: sample, area: .grower)
    let wrong = try folder.write(
      "inbox/wrong.csv", text: "Name,Code,Location ID\r\nSomewhere,X,1\r\n")
    _ = intake.take(path: wrong, area: .grower)
    #expect(try folder.knownIDs.ids(.location).map(\.id) == ["1"])

    let again = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/locations again.xlsx")
    let outcome = intake.take(path: again, area: .grower)

    guard case .processed(.locationsExport, _, _) = outcome else {
      Issue.record("expected the earlier export to be taken again, got \(outcome)")
      return
    }
    let ids = try folder.knownIDs.ids(.location)
    #expect(ids.map(\.id) == ["200101", "200102", "200103", "200104"])
    #expect(ids.allSatisfy { $0.sourceFile == "locations again.xlsx" })
  }

  @Test func crashAfterCommitMovesFileAsAlreadyProcessed() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/locations.xlsx")
    let sha256 = try SHA256.hex(ofFileAt: path)
    // The commit of an earlier process that stopped before its move.
    let committed = KnownID(
      kind: .location, id: "200101", sourceFile: "locations.xlsx", sourceSHA256: sha256,
      recordedAt: IntakeWorkspace.now)
    try folder.database.transaction {
      try folder.knownIDs.replace(.location, with: [committed])
      try ProcessedExports(database: folder.database).record(
        ProcessedExport(
          sha256: sha256, originalName: "locations.xlsx", kind: "locationsExport",
          processedAt: IntakeWorkspace.now, destination: folder.file(Self.today)))
    }

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    #expect(
      outcome
        == .alreadyProcessed(
          kind: .locationsExport, destination: folder.file("\(Self.today)/locations.xlsx"),
          firstName: "locations.xlsx"))
    #expect(try folder.knownIDs.ids(.location).map(\.id) == ["200101"])
    #expect(folder.names(in: "inbox") == ["dwf", "processed"])
  }

  @Test func unknownContentFailsWithErrorFile() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/notes.csv", text: "Colour,Count\nred,2\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    let errorFile = folder.file("inbox/failed/notes.csv.error.txt")
    guard case .failed(errorFile, folder.file("inbox/failed/notes.csv"), _) = outcome else {
      Issue.record("expected a failure beside \(errorFile), got \(outcome)")
      return
    }
    let text = try folder.contents(of: errorFile)
    #expect(
      text.hasPrefix("File: notes.csv\nSheet: notes\nRow: 1\nStored as: inbox/failed/notes.csv\n"))
    #expect(
      text.contains(
        "Problem: notes.csv: no sheet has the header row of a Komet customers, locations or"
          + " inventory export, or of a DWF order file. Sheet \"notes\", row 1 has the headers:"
          + " A \"Colour\", B \"Count\".\n"))
    #expect(text.contains("Expected: inbox/ takes the grower's Komet exports"))
    #expect(text.contains("What to do: Export the data again from Komet"))
  }

  @Test func orderFileInGrowerInboxFails() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/orders.csv", text: "Order_Number,Inventory_ID,quantity\nA1,5100001,2\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(let errorFile, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason == "this is a DWF order file, which inbox/ does not take.")
    #expect(try folder.contents(of: errorFile).contains("What to do: Order files go to inbox/dwf/"))
  }

  @Test(arguments: [
    "Samples/komet-customers.xlsx", "Samples/komet-locations.xlsx", "Samples/komet-inventory.xlsx",
  ])
  func growerExportInDWFInboxChangesNothing(sample: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(repositoryFile: sample, to: "inbox/dwf/upload.xlsx")
    let intake = folder.makeIntake()

    let outcome = intake.take(path: path, area: .dwf)

    guard case .failed(_, let destination, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(destination == folder.file("inbox/failed/upload.xlsx"))
    #expect(reason.contains("which DWF's upload folder inbox/dwf/ does not take"))
    #expect(try folder.knownIDs.ids(.dwfCustomer).isEmpty)
    #expect(try folder.knownIDs.ids(.location).isEmpty)
    #expect(try StoredInventoryExport(database: folder.database).latest() == nil)

    // Nothing was recorded either, so the grower may drop the same content into inbox/.
    let dropped = try folder.copy(repositoryFile: sample, to: "inbox/export.xlsx")
    guard case .processed = intake.take(path: dropped, area: .grower) else {
      Issue.record("expected the grower's drop to be processed")
      return
    }
  }

  @Test func knownContentInDWFInboxStillFails() throws {
    let folder = try IntakeWorkspace()
    let intake = folder.makeIntake()
    let grower = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/locations.xlsx")
    _ = intake.take(path: grower, area: .grower)

    let upload = try folder.copy(
      repositoryFile: "Samples/komet-locations.xlsx", to: "inbox/dwf/locations.xlsx")
    let outcome = intake.take(path: upload, area: .dwf)

    guard case .failed = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
  }

  @Test(arguments: [
    (
      "orders.csv",
      "order_number,line_number,inventory_id,origin,quantity,unit_price\nA1,1,5100001,OH,2,0.45\n"
    ),
    ("orders.json", #"{"formatVersion": 1, "orders": []}"#),
    ("cancellations.csv", "order_number,action\nA1,cancel\n"),
  ])
  func orderFileWaitsWithOneNote(name: String, text: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/\(name)", text: text)
    let intake = folder.makeIntake()

    let first = intake.take(path: path, area: .dwf)
    let second = intake.take(path: path, area: .dwf)

    let waiting = IntakeOutcome.waiting(path: path, reason: "order processing is not configured")
    #expect(first == waiting)
    #expect(second == waiting)
    #expect(folder.exists("inbox/dwf/\(name)"))
    let notes = folder.messages.filter { $0.hasPrefix("Order file left in inbox/dwf/") }
    #expect(notes.count == 1)

    try folder.write("inbox/dwf/\(name)", text: text + "\n")
    _ = intake.take(path: path, area: .dwf)
    #expect(folder.messages.filter { $0.hasPrefix("Order file left in inbox/dwf/") }.count == 2)
  }

  @Test func truncatedWorkbookRetriedThenFails() throws {
    let folder = try IntakeWorkspace()
    let whole = try Data(
      contentsOf: URL(fileURLWithPath: IntakeWorkspace.repository("Samples/komet-customers.xlsx")))
    let path = try folder.write("inbox/customers.xlsx", data: whole.prefix(whole.count / 2))
    let intake = folder.makeIntake()

    for attempt in 1...3 {
      guard case .retryLater(path, attempt, _) = intake.take(path: path, area: .grower) else {
        Issue.record("expected retry attempt \(attempt)")
        return
      }
    }
    let outcome = intake.take(path: path, area: .grower)

    guard case .failed(let errorFile, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("the file still looks truncated after 3 attempts"))
    #expect(
      try folder.contents(of: errorFile).contains("What to do: Copy or upload the whole file"))
    #expect(try folder.knownIDs.ids(.dwfCustomer).isEmpty)
  }

  @Test func changedTruncatedFileRestartsCount() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.json", text: #"{"formatVersion": 1, "ord"#)
    let intake = folder.makeIntake()
    _ = intake.take(path: path, area: .dwf)
    _ = intake.take(path: path, area: .dwf)

    try folder.write("inbox/dwf/orders.json", text: #"{"formatVersion": 1, "orders": [{"#)
    let outcome = intake.take(path: path, area: .dwf)

    guard case .retryLater(_, 1, _) = outcome else {
      Issue.record("expected a first retry, got \(outcome)")
      return
    }
  }

  @Test(arguments: [
    ("inbox/dwf/orders.json", #"{"formatVersion": 1, "orders": [{"orderNumber": "A"#),
    ("inbox/dwf/orders.json", #"{"formatVersion": 1, "orders": [], "note": "cut"#),
    ("inbox/dwf/orders.csv", "order_number,inventory_id\nA1,\"5100"),
    ("inbox/locations.csv", "Location ID,Name,City\n200101,Miami,\"Dor"),
  ])
  func cutShortTextIsRetried(relativePath: String, text: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(relativePath, text: text)
    let area: IntakeArea = relativePath.hasPrefix("inbox/dwf/") ? .dwf : .grower

    let outcome = folder.makeIntake().take(path: path, area: area)

    guard case .retryLater(path, 1, _) = outcome else {
      Issue.record("expected a first retry, got \(outcome)")
      return
    }
    #expect(folder.exists(relativePath))
  }

  @Test(arguments: [
    (
      #"{"formatVersion": 1}}"#,
      "the file starts like JSON, but it is not valid JSON: at line 1, column 21 (byte 20),"
        + " unexpected text after the JSON value. Nothing in the file was read. The sender"
        + " corrects the JSON there, or exports the file again, and uploads the whole file again."
    ),
    (
      #"{"orders": []}"#,
      "the file is JSON (an object with the keys \"orders\"), but neither a DWF order file,"
        + " which is an object with the keys \"formatVersion\" and \"orders\", nor a Komet export."
    ),
  ])
  func invalidJSONFails(text: String, reason: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/dwf/orders.json", text: text)

    let outcome = folder.makeIntake().take(path: path, area: .dwf)

    guard case .failed(_, _, let actual) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(actual == reason)
  }

  @Test func symbolicLinkFailsWithoutBeingFollowed() throws {
    let folder = try IntakeWorkspace()
    let target = try folder.copy(repositoryFile: "Samples/komet-customers.xlsx", to: "outside.xlsx")
    let link = folder.file("inbox/customers.xlsx")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

    let outcome = folder.makeIntake().take(path: link, area: .grower)

    guard case .failed(let errorFile, let destination, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("this is a symbolic link, not a regular file."))
    let moved = try FileManager.default.destinationOfSymbolicLink(atPath: destination)
    #expect(moved == target)
    #expect(folder.exists("outside.xlsx"))
    #expect(try folder.knownIDs.ids(.dwfCustomer).isEmpty)
    #expect(try folder.contents(of: errorFile).contains("What to do: Copy the file itself"))
  }

  @Test func fifoFailsWithoutBeingOpened() throws {
    let folder = try IntakeWorkspace()
    let path = folder.file("inbox/dwf/orders.csv")
    #expect(mkfifo(path, 0o600) == 0)
    let intake = folder.makeIntake()

    // `take` must see the FIFO by `lstat` and never open it, which would block.
    let outcome = intake.take(path: path, area: .dwf)

    guard case .failed(_, let destination, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("this is a FIFO, not a regular file."))
    var status = stat()
    #expect(lstat(destination, &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func socketTakenAsNonRegular() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write("inbox/odd.bin", text: "x")

    let outcome = folder.makeIntake().takeNonRegular(path: path, kind: .socket, area: .grower)

    guard case .failed(_, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.hasPrefix("this is a socket, not a regular file."))
  }

  @Test func takenNamesGetUniqueSuffixes() throws {
    let folder = try IntakeWorkspace()
    let intake = folder.makeIntake()
    for content in ["A,B\n1,2\n", "C,D\n3,4\n"] {
      let path = try folder.write("inbox/bad.csv", text: content)
      _ = intake.take(path: path, area: .grower)
    }
    for sample in [
      "Samples/komet-locations.xlsx", "Tests/Fixtures/resaved/komet-locations.libreoffice.xlsx",
    ] {
      let path = try folder.copy(repositoryFile: sample, to: "inbox/locations.xlsx")
      _ = intake.take(path: path, area: .grower)
    }

    #expect(
      folder.names(in: "inbox/failed")
        == ["bad (2).csv", "bad (2).csv.error.txt", "bad.csv", "bad.csv.error.txt"])
    #expect(folder.names(in: Self.today) == ["locations (2).xlsx", "locations.xlsx"])
  }

  @Test func severalDWFCustomersFailWithCandidates() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/customers.csv",
      text: "Customer ID,Name,Code\n11,DWF East,DWFE\n12,DWF West,DWFW\n13,Tulip Town,TT\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(let errorFile, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(
      reason
        == "customers.csv, sheet \"customers\": 2 customers match \"DWF\", so none was chosen:\n"
        + "  11  DWF East  DWFE  (row 2)\n  12  DWF West  DWFW  (row 3)")
    let text = try folder.contents(of: errorFile)
    #expect(text.contains("What to do: Set komet.dwfCustomerId in komet-dwf.json"))
    #expect(text.contains("komet-dwf ids --customer NAME FILE"))
    #expect(try folder.knownIDs.ids(.dwfCustomer).isEmpty)
  }

  @Test func noDWFCustomerFails() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/customers.csv", text: "Customer ID,Name,Code\n13,Tulip Town,TT\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(_, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(reason.contains("no active customer has \"DWF\" as a whole word"))
  }
}
