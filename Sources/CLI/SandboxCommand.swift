import Dispatch
import Foundation
import KometSandbox

#if canImport(Glibc)
  import Glibc
#endif

/// The `komet-dwf sandbox` command, which serves a local stand-in for Komet's API on 127.0.0.1
/// until it is interrupted.
///
/// The sandbox's tokens go into one file each (mode 0600) rather than onto the screen, so the
/// printed set-up reads them with `$(cat FILE)` and no token is ever shown whole.
struct SandboxCommand {
  let port: UInt16
  let stateFile: String?
  let tokenFolder: String

  static let usage = "komet-dwf sandbox [--port N] [--state FILE] [--tokens DIR]"
  static let defaultPort: UInt16 = 8787

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(
      arguments, valued: ["port", "state", "tokens"], switches: [])
    if let extra = parsed.positional.first {
      throw UsageError.unexpectedArgument(extra, reason: "sandbox takes no file argument")
    }
    let portText = parsed.options["port"] ?? String(SandboxCommand.defaultPort)
    guard let port = UInt16(portText) else {
      throw UsageError.invalidValue(
        option: "port", value: portText, expected: "a TCP port from 0 to 65535")
    }
    self.port = port
    stateFile = parsed.options["state"]
    tokenFolder = parsed.options["tokens"] ?? "state/sandbox"
  }

  /// Starts the sandbox, writes its token files and prints how to point komet-dwf at it.
  func start(streams: OutputStreams) throws -> KometSandbox {
    var configuration = SandboxConfiguration()
    configuration.port = port
    let sandbox: KometSandbox
    if let stateFile, FileManager.default.fileExists(atPath: stateFile) {
      sandbox = try KometSandbox(stateFile: stateFile, configuration: configuration)
    } else {
      sandbox = try KometSandbox(configuration: configuration)
    }

    let files = try writeTokenFiles()
    streams.write(
      """
      Komet sandbox serving \(sandbox.baseURL.absoluteString) (company ID \
      \(sandbox.state.companyId)).
      Its tokens are sandbox-only values, one per file (mode 0600) in \(tokenFolder)/.
      To point komet-dwf at it in another shell:

        export KOMET_API_URL=\(sandbox.baseURL.absoluteString)
        export KOMET_COMPANY_ID=\(sandbox.state.companyId)
        export KOMET_COMPANY_TOKEN="$(cat \(files.company))"
        export KOMET_CUSTOMER_TOKEN="$(cat \(files.customer))"
        export KOMET_USER_TOKEN="$(cat \(files.user))"

      Stop it with Ctrl-C\(stateFile.map { "; its state is then saved to \($0)" } ?? "").

      """)
    return sandbox
  }

  func run(streams: OutputStreams) throws -> ExitCode {
    let sandbox = try start(streams: streams)
    waitForInterrupt()
    sandbox.stop()
    if let stateFile {
      try sandbox.saveState(to: stateFile)
      streams.writeError("komet-dwf: sandbox state saved to \(stateFile)\n")
    }
    streams.writeError("komet-dwf: the Komet sandbox stopped.\n")
    return .success
  }

  private func writeTokenFiles() throws -> (company: String, customer: String, user: String) {
    try FileManager.default.createDirectory(
      atPath: tokenFolder, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    func write(_ name: String, _ token: String) throws -> String {
      let path = "\(tokenFolder)/\(name).token"
      let created = FileManager.default.createFile(
        atPath: path, contents: Data((token + "\n").utf8),
        attributes: [.posixPermissions: 0o600])
      guard created else {
        throw SandboxCommandError.tokenFileNotWritten(path: path)
      }
      // createFile keeps the mode of a file that already exists, so it is set again.
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
      return path
    }
    return (
      try write("company", SandboxTokens.company), try write("customer", SandboxTokens.customer),
      try write("user", SandboxTokens.user)
    )
  }

  /// Blocks until SIGINT or SIGTERM arrives.
  private func waitForInterrupt() {
    let stopped = DispatchSemaphore(value: 0)
    var sources: [DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { stopped.signal() }
      source.resume()
      sources.append(source)
    }
    stopped.wait()
    sources.forEach { $0.cancel() }
  }
}

/// A sandbox set-up step that failed.
enum SandboxCommandError: Error, CustomStringConvertible {
  case tokenFileNotWritten(path: String)

  var description: String {
    switch self {
    case .tokenFileNotWritten(let path):
      return "could not write the sandbox token file \(path). Check that its folder is writable,"
        + " or pass --tokens with another folder."
    }
  }
}
