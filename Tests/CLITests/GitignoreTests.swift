import Foundation
import Testing

/// Checks the repository's `.gitignore` with git itself, in a scratch repository that contains a
/// copy of it. The grower's files under `inbox/`, `outbox/` and `state/` stay out of git, and
/// the README of each folder stays in.
struct GitignoreTests {
  /// Runs `git check-ignore` on `paths` in a scratch repository with the project's `.gitignore`
  /// and returns the paths that git ignores.
  static func ignoredPaths(_ paths: [String]) throws -> Set<String> {
    let folder = try ScratchFolder()
    let rules = try String(contentsOfFile: repositoryPath(".gitignore"), encoding: .utf8)
    _ = try folder.write(rules, to: ".gitignore")
    try run(["init", "-q"], in: folder.url)

    // check-ignore exits 1 when no path is ignored, so its status is not checked.
    let output = try run(["check-ignore", "--no-index", "--"] + paths, in: folder.url)
    return Set(output.split(separator: "\n").map(String.init))
  }

  @discardableResult
  static func run(_ arguments: [String], in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func workspaceFilesAreIgnored() throws {
    let paths = [
      "inbox/Customers.xlsx", "inbox/dwf/order-1.csv", "outbox/dwf/inventory.csv",
      "state/journal.sqlite", "state/nested/file",
    ]

    #expect(try GitignoreTests.ignoredPaths(paths) == Set(paths))
  }

  @Test func workspaceReadmesAreKept() throws {
    let paths = ["inbox/README.md", "outbox/README.md", "state/README.md", "Samples/README.md"]

    #expect(try GitignoreTests.ignoredPaths(paths).isEmpty)
  }

  @Test func workspaceReadmesAreCommitted() {
    for folder in ["inbox", "outbox", "state"] {
      #expect(FileManager.default.fileExists(atPath: repositoryPath("\(folder)/README.md")))
    }
  }
}
