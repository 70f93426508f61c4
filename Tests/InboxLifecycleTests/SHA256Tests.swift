import Foundation
import Testing

@testable import InboxLifecycle

/// Checks SHA-256 against published vectors and against coreutils' `sha256sum` for a file
/// larger than several chunks.
struct SHA256Tests {
  let folder: LifecycleFolder

  init() throws {
    folder = try LifecycleFolder()
  }

  // FIPS 180-2, appendix B.1 ("abc") and the digest of empty input.
  @Test(arguments: [
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  ])
  func digestMatchesKnownVector(text: String, expected: String) throws {
    let file = try folder.drop("vector.txt", text: text)

    #expect(try SHA256.hex(of: Data(text.utf8)) == expected)
    #expect(try SHA256.hex(ofFileAt: file) == expected)
  }

  @Test func largeFileHashesInChunks() throws {
    // 5 MiB plus 17 bytes, so neither chunk size below divides the length.
    let count = 5 * 1024 * 1024 + 17
    var bytes = [UInt8](repeating: 0, count: count)
    for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
    let file = folder.file("inbox/large.bin")
    try Data(bytes).write(to: URL(fileURLWithPath: file))

    let reference = try sha256sum(of: file)

    #expect(try SHA256.hex(ofFileAt: file) == reference)
    #expect(try SHA256.hex(ofFileAt: file, chunkSize: 4096) == reference)
    #expect(try SHA256.hex(ofFileAt: file, chunkSize: 1_000_003) == reference)
  }

  @Test func missingFileIsReadFailure() throws {
    let missing = folder.file("inbox/missing.xlsx")

    let error = try #require(throws: InboxLifecycleError.self) {
      try SHA256.hex(ofFileAt: missing)
    }

    #expect(error == .readFailed(path: missing, errno: ENOENT))
  }

  /// Runs coreutils' `sha256sum`, an implementation independent of this module.
  private func sha256sum(of path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return String(text.prefix(while: { $0 != " " }))
  }
}
