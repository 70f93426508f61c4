import Foundation
import Testing

@testable import InboxLifecycle

/// Checks moves to `processed/` and `failed/` in real folders: date folders, error files,
/// numbered suffixes, and that no existing file is replaced.
struct FileMoverTests {
  let folder: LifecycleFolder
  /// 2024-03-10T23:30:00Z, late enough that a local time zone east of UTC is on the next day.
  static let lateEvening = Date(timeIntervalSince1970: 1_710_113_400)

  init() throws {
    folder = try LifecycleFolder()
  }

  func mover(beforeLink: @escaping @Sendable (String) -> Void = { _ in }) -> FileMover {
    FileMover(inbox: folder.inbox, clock: { Self.lateEvening }, beforeLink: beforeLink)
  }

  static let report = FailureReport(
    fileName: "customers.xlsx", sheet: "Customers", row: 4, column: "B", value: "12a",
    problem: "The customer ID is not a whole number.",
    expected: "Digits only, as Komet exports them.",
    action: "Export the customers again from Komet and drop the new file into inbox/.")

  @Test(arguments: ["customers.xlsx", "dwf/orders.csv"])
  func processedMoveUsesUTCDateFolder(name: String) throws {
    let source = try folder.drop(name, text: "content of \(name)")
    let fileName = (name as NSString).lastPathComponent

    let destination = try mover().moveToProcessed(source)

    #expect(destination == folder.file("inbox/processed/2024-03-10/\(fileName)"))
    #expect(try folder.contents(of: destination) == "content of \(name)")
    #expect(!FileManager.default.fileExists(atPath: source))
  }

  @Test func leftoverErrorTemporariesRemoved() throws {
    let source = try folder.drop("customers.xlsx", text: "not a workbook")
    let moved = try mover().moveToFailed(source, report: Self.report)
    let leftover = folder.file("inbox/failed/.error-0A1B2C3D.tmp")
    try Data("half an error file".utf8).write(to: URL(fileURLWithPath: leftover))

    let removed = mover().removeLeftoverErrorTemporaries()

    #expect(removed == 1)
    #expect(!FileManager.default.fileExists(atPath: leftover))
    #expect(FileManager.default.fileExists(atPath: moved.file))
    #expect(FileManager.default.fileExists(atPath: moved.errorFile))
  }

  @Test func failedMoveWritesErrorFileBeside() throws {
    let source = try folder.drop("customers.xlsx", text: "not a workbook")

    let moved = try mover().moveToFailed(source, report: Self.report)

    #expect(moved.file == folder.file("inbox/failed/customers.xlsx"))
    #expect(moved.errorFile == folder.file("inbox/failed/customers.xlsx.error.txt"))
    #expect(try folder.contents(of: moved.file) == "not a workbook")
    #expect(!FileManager.default.fileExists(atPath: source))
    #expect(
      try folder.contents(of: moved.errorFile)
        == """
        File: customers.xlsx
        Sheet: Customers
        Row: 4
        Column: B
        Value: 12a
        Stored as: inbox/failed/customers.xlsx

        Problem: The customer ID is not a whole number.
        Expected: Digits only, as Komet exports them.
        What to do: Export the customers again from Komet and drop the new file into inbox/.

        """)
    #expect(try folder.names(in: "inbox/failed") == ["customers.xlsx", "customers.xlsx.error.txt"])
  }

  @Test(arguments: [204, 250, 255])
  func longNameFailsWithinNameLimit(length: Int) throws {
    let name = String(repeating: "n", count: length - 4) + ".csv"
    let source = try folder.drop(name, text: "junk")

    let moved = try mover().moveToFailed(source, report: Self.report)

    let stored = (moved.file as NSString).lastPathComponent
    let errorName = (moved.errorFile as NSString).lastPathComponent
    #expect(errorName.utf8.count <= 255)
    #expect(stored.hasSuffix(".csv"))
    #expect(errorName == stored + ".error.txt")
    #expect(try folder.contents(of: moved.file) == "junk")
    #expect(FileManager.default.fileExists(atPath: moved.errorFile))
    #expect(!FileManager.default.fileExists(atPath: source))
    #expect(try folder.names(in: "inbox/failed").allSatisfy { !$0.hasSuffix(".tmp") })
  }

  @Test func reportOmitsUnknownLocation() {
    let report = FailureReport(
      fileName: "notes.txt", problem: "The file is not an export.",
      expected: "A customers or locations export.", action: "Remove the file.")

    #expect(
      report.text(storedAs: "inbox/failed/notes.txt")
        == "File: notes.txt\nStored as: inbox/failed/notes.txt\n\n"
        + "Problem: The file is not an export.\nExpected: A customers or locations export.\n"
        + "What to do: Remove the file.\n")
  }

  @Test func errorFileExistsBeforeInputMoves() throws {
    let source = try folder.drop("customers.xlsx", text: "bad")
    let errorFile = folder.file("inbox/failed/customers.xlsx.error.txt")
    let observation = Observation()

    try mover(beforeLink: { _ in
      observation.set(
        errorFileText: try? String(contentsOfFile: errorFile, encoding: .utf8),
        isSourceInInbox: FileManager.default.fileExists(atPath: source))
    }).moveToFailed(source, report: Self.report)

    let seen = observation.value
    #expect(seen.errorFileText?.hasPrefix("File: customers.xlsx\n") == true)
    #expect(seen.errorFileText?.hasSuffix("drop the new file into inbox/.\n") == true)
    #expect(seen.isSourceInInbox == true)
  }

  @Test func processedNamesGetNumberedSuffixes() throws {
    var destinations: [String] = []
    for copy in 1...3 {
      let source = try folder.drop("customers.xlsx", text: "copy \(copy)")
      destinations.append(try mover().moveToProcessed(source))
    }

    let day = "inbox/processed/2024-03-10/"
    #expect(
      destinations == [
        folder.file(day + "customers.xlsx"), folder.file(day + "customers (2).xlsx"),
        folder.file(day + "customers (3).xlsx"),
      ])
    for (index, destination) in destinations.enumerated() {
      #expect(try folder.contents(of: destination) == "copy \(index + 1)")
    }
  }

  @Test func failedNamesAndErrorFilesShareSuffix() throws {
    var moves: [FailedFile] = []
    for copy in 1...3 {
      let source = try folder.drop("orders", text: "copy \(copy)")
      moves.append(try mover().moveToFailed(source, report: Self.report))
    }

    #expect(
      try folder.names(in: "inbox/failed") == [
        "orders", "orders (2)", "orders (2).error.txt", "orders (3)", "orders (3).error.txt",
        "orders.error.txt",
      ])
    for (index, move) in moves.enumerated() {
      #expect(try folder.contents(of: move.file) == "copy \(index + 1)")
      #expect(move.errorFile == move.file + ".error.txt")
      let storedAs = "Stored as: inbox/failed/" + (move.file as NSString).lastPathComponent
      #expect(try folder.contents(of: move.errorFile).contains(storedAs + "\n"))
    }
  }

  @Test func orphanErrorFileTakesName() throws {
    let failed = folder.file("inbox/failed")
    try FileManager.default.createDirectory(atPath: failed, withIntermediateDirectories: true)
    try Data("older explanation".utf8).write(
      to: URL(fileURLWithPath: failed + "/customers.xlsx.error.txt"))
    let source = try folder.drop("customers.xlsx", text: "bad")

    let moved = try mover().moveToFailed(source, report: Self.report)

    #expect(moved.file == failed + "/customers (2).xlsx")
    #expect(
      try folder.contents(of: failed + "/customers.xlsx.error.txt") == "older explanation")
  }

  @Test func processedDestinationAppearingIsNotReplaced() throws {
    let source = try folder.drop("customers.xlsx", text: "ours")
    let intruder = folder.file("inbox/processed/2024-03-10/customers.xlsx")

    let destination = try mover(beforeLink: { candidate in
      if candidate == intruder {
        try? Data("theirs".utf8).write(to: URL(fileURLWithPath: intruder))
      }
    }).moveToProcessed(source)

    #expect(destination == folder.file("inbox/processed/2024-03-10/customers (2).xlsx"))
    #expect(try folder.contents(of: intruder) == "theirs")
    #expect(try folder.contents(of: destination) == "ours")
    #expect(!FileManager.default.fileExists(atPath: source))
  }

  @Test func failedDestinationAppearingIsNotReplaced() throws {
    let source = try folder.drop("customers.xlsx", text: "ours")
    let intruder = folder.file("inbox/failed/customers.xlsx")

    let moved = try mover(beforeLink: { candidate in
      if candidate == intruder {
        try? Data("theirs".utf8).write(to: URL(fileURLWithPath: intruder))
      }
    }).moveToFailed(source, report: Self.report)

    #expect(moved.file == folder.file("inbox/failed/customers (2).xlsx"))
    #expect(try folder.contents(of: intruder) == "theirs")
    #expect(try folder.contents(of: moved.file) == "ours")
    #expect(try folder.contents(of: moved.errorFile).contains("customers (2).xlsx"))
    // The error file written for the first name is removed, as its input went elsewhere.
    #expect(
      try folder.names(in: "inbox/failed") == [
        "customers (2).xlsx", "customers (2).xlsx.error.txt", "customers.xlsx",
      ])
  }

  @Test func sourceOutsideInboxIsRejected() throws {
    let outside = folder.file("elsewhere.xlsx")
    try Data("x".utf8).write(to: URL(fileURLWithPath: outside))

    let error = try #require(throws: InboxLifecycleError.self) {
      try mover().moveToProcessed(outside)
    }

    #expect(error == .sourceOutsideInbox(path: outside, inbox: folder.inbox))
    #expect(FileManager.default.fileExists(atPath: outside))
  }

  @Test func missingSourceIsReported() throws {
    let missing = folder.file("inbox/gone.xlsx")

    let error = try #require(throws: InboxLifecycleError.self) {
      try mover().moveToFailed(missing, report: Self.report)
    }

    #expect(error == .sourceUnreadable(path: missing, errno: ENOENT))
    #expect(
      error.description
        == "\(missing): the file could not be examined (No such file or directory, errno 2)."
        + " Check that it still exists and that komet-dwf may read its folder.")
    #expect(
      !FileManager.default.fileExists(atPath: folder.file("inbox/failed/gone.xlsx.error.txt")))
  }

  @Test func symlinkMovesAsLinkItself() throws {
    let target = folder.file("target.txt")
    try Data("target".utf8).write(to: URL(fileURLWithPath: target))
    let link = folder.file("inbox/link.xlsx")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

    let moved = try mover().moveToFailed(link, report: Self.report)

    let destination = try FileManager.default.destinationOfSymbolicLink(atPath: moved.file)
    #expect(destination == target)
    #expect(try folder.contents(of: target) == "target")
  }

  @Test(arguments: [
    ("customers.xlsx", 1, "customers.xlsx"), ("customers.xlsx", 2, "customers (2).xlsx"),
    ("orders", 3, "orders (3)"), ("export.tar.gz", 2, "export.tar (2).gz"),
  ])
  func uniqueNameNumbersBeforeExtension(name: String, attempt: Int, expected: String) {
    #expect(UniqueName.name(name, attempt: attempt) == expected)
  }
}

/// The state a `beforeLink` hook observed, set from the hook's closure.
final class Observation: @unchecked Sendable {
  // @unchecked: the hook runs synchronously on the test's thread, guarded by the lock anyway.
  private let lock = NSLock()
  private var seen: (errorFileText: String?, isSourceInInbox: Bool?) = (nil, nil)

  func set(errorFileText: String?, isSourceInInbox: Bool) {
    lock.withLock { seen = (errorFileText, isSourceInInbox) }
  }

  var value: (errorFileText: String?, isSourceInInbox: Bool?) { lock.withLock { seen } }
}
