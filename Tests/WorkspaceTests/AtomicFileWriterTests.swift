import Foundation
import Testing
import Workspace

@Suite("Atomic file writer")
struct AtomicFileWriterTests {
  @Test("a committed file replaces the old one whole and leaves no temporary file")
  func commitReplaces() throws {
    let scratch = try ScratchFolder()
    let temporary = scratch.url.appendingPathComponent(".tmp")
    let destination = scratch.url.appendingPathComponent("latest.json")
    try Data("old".utf8).write(to: destination)
    let writer = AtomicFileWriter(temporaryFolder: temporary)

    let file = try writer.begin(destination)
    for part in 0..<10_000 { try file.write("line \(part)\n") }
    #expect(try String(contentsOf: destination, encoding: .utf8) == "old")
    try file.commit()

    let text = try String(contentsOf: destination, encoding: .utf8)
    #expect(text.hasPrefix("line 0\n"))
    #expect(text.hasSuffix("line 9999\n"))
    #expect(file.byteCount == text.utf8.count)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    #expect(try permissions(of: temporary.path) & 0o777 == 0o700)
  }

  @Test("a discarded file leaves the destination untouched")
  func discardKeepsOld() throws {
    let scratch = try ScratchFolder()
    let destination = scratch.url.appendingPathComponent("inventory.csv")
    try Data("old".utf8).write(to: destination)
    let writer = AtomicFileWriter(temporaryFolder: scratch.url.appendingPathComponent(".tmp"))

    let file = try writer.begin(destination)
    try file.write("new")
    file.discard()

    #expect(try String(contentsOf: destination, encoding: .utf8) == "old")
    #expect(throws: AtomicFileError.self) { try file.commit() }
  }

  @Test("the mode is exactly the one asked for, whatever the umask", arguments: [0o600, 0o644])
  func exactMode(mode: Int) throws {
    let scratch = try ScratchFolder()
    let destination = scratch.url.appendingPathComponent("package.json")
    let writer = AtomicFileWriter(temporaryFolder: scratch.url.appendingPathComponent(".tmp"))

    let previous = umask(0o077)
    defer { umask(previous) }
    try writer.write("{}", to: destination, mode: mode_t(mode))

    #expect(try permissions(of: destination.path) & 0o777 == mode)
  }

  @Test("a destination folder that does not exist is an error naming the path")
  func missingFolder() throws {
    let scratch = try ScratchFolder()
    let destination = scratch.url.appendingPathComponent("missing/latest.json")
    let writer = AtomicFileWriter(temporaryFolder: scratch.url.appendingPathComponent(".tmp"))

    #expect {
      try writer.write("{}", to: destination)
    } throws: { error in
      guard case .cannotRename(_, let to, let code)? = error as? AtomicFileError else {
        return false
      }
      return to == destination.path && code == ENOENT
    }
  }
}
