import Foundation

@testable import CLI

/// The repository's top folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Returns the path of `relative` under the repository's top folder.
func repositoryPath(_ relative: String) -> String {
  repositoryRoot.appendingPathComponent(relative).path
}

/// The outcome of one command line run in-process.
struct CommandResult {
  var status: Int32
  var output: String
  var error: String
}

/// Runs `komet-dwf` with `arguments` and collects what it writes.
func runKometDWF(_ arguments: [String]) -> CommandResult {
  let streams = OutputStreams.collecting()
  let status = runCommandLine(arguments, streams: streams)
  return CommandResult(status: status, output: streams.outputText, error: streams.errorText)
}

/// A temporary folder for one test, removed when the value is released.
final class ScratchFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-dwf-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `text` as UTF-8 to `name` and returns the file's path.
  func write(_ text: String, to name: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }
}
