import Dispatch
import Foundation
import KometSandbox

@testable import CLI

/// A workspace for `komet check` with the sandbox's tokens in files and a `komet-dwf.json`
/// that names them.
final class CheckWorkspace {
  let scratch: ScratchFolder
  var url: URL { scratch.url }

  /// Writes the token files of `tokens` (role name to token text) and a config file with
  /// `komet` members `extra` besides `tokenFiles`, such as `"companyId": "4242"`.
  init(tokens: [String: String], komet extra: [String]) throws {
    scratch = try ScratchFolder()
    let secrets = url.appendingPathComponent("secrets")
    try FileManager.default.createDirectory(
      at: secrets, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    var files: [String] = []
    for (role, token) in tokens.sorted(by: { $0.key < $1.key }) {
      let path = secrets.appendingPathComponent("\(role).token").path
      _ = FileManager.default.createFile(
        atPath: path, contents: Data((token + "\n").utf8),
        attributes: [.posixPermissions: 0o600])
      files.append("\"\(role)\": \"secrets/\(role).token\"")
    }
    let members = extra + ["\"tokenFiles\": {\(files.joined(separator: ", "))}"]
    _ = try scratch.write(
      "{\"komet\": {\(members.joined(separator: ", "))}}\n", to: "komet-dwf.json")
  }

  /// Returns `komet` members pointing at `sandbox` with DWF's customer and a location, and
  /// 2-second timeouts.
  static func sandboxSettings(_ sandbox: KometSandbox, attempts: Int = 2) -> [String] {
    [
      "\"baseURL\": \"\(sandbox.baseURL.absoluteString)\"", "\"companyId\": \"4242\"",
      "\"dwfCustomerId\": \"\(SandboxState.dwfCustomerId)\"", "\"defaultLocationId\": \"200101\"",
      "\"timeouts\": {\"requestSeconds\": 2}",
      "\"retry\": {\"attempts\": \(attempts), \"maximumDelaySeconds\": 0.01}",
    ]
  }

  /// Runs `komet-dwf komet check` on this workspace with `arguments` and `environment`.
  func check(_ arguments: [String] = [], environment: [String: String] = [:]) async
    -> CommandResult
  {
    await runOffPool(["komet", "check", "--workspace", url.path] + arguments, environment)
  }

  /// Returns the text of every file under `outbox/`.
  func outboxTexts() throws -> [String] {
    let folder = url.appendingPathComponent("outbox/komet/requests")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return try names.sorted().map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
  }
}

/// Runs the command line on a Dispatch thread, because `komet check` blocks its caller while
/// its requests run on Swift's concurrency pool.
func runOffPool(_ arguments: [String], _ environment: [String: String]) async -> CommandResult {
  await withCheckedContinuation { continuation in
    DispatchQueue.global().async {
      let streams = OutputStreams.collecting()
      let status = runCommandLine(arguments, streams: streams, environment: environment)
      continuation.resume(
        returning: CommandResult(
          status: status, output: streams.outputText, error: streams.errorText))
    }
  }
}

/// Returns the first whole sandbox token found in `texts`, or nil.
func sandboxTokenLeak(in texts: [String]) -> String? {
  let tokens = [
    SandboxTokens.company, SandboxTokens.customer, SandboxTokens.user, SandboxTokens.vendor,
    CheckTokens.wrong,
  ]
  for text in texts {
    if let token = tokens.first(where: { text.contains($0) }) { return token }
  }
  return nil
}

enum CheckTokens {
  /// A token of the sandbox's shape that the sandbox does not know.
  static let wrong = "x9wrongtokenx9wrongtoken42"
}
