import Foundation
import InboxLifecycle
import KometSandbox
import LoopbackHTTP
import StateStore

#if canImport(Glibc)
  import Glibc
#endif

/// The `komet-dwf` that `swift build` put beside the test bundle, or nil before it was built.
let builtKometDWF: String? = {
  let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let path = folder.appendingPathComponent("komet-dwf").path
  return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// The repository's top folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Returns the path of a sample export in `Samples/`.
func samplePath(_ name: String) -> String {
  repositoryRoot.appendingPathComponent("Samples/\(name)").path
}

/// Returns the path of a fixture in `Tests/EndToEndTests/Fixtures/`.
func fixturePath(_ name: String) -> String {
  repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/\(name)").path
}

/// The outcome of one finished `komet-dwf` process.
struct ProcessResult {
  var status: Int32
  var error: String
}

/// Waits up to `seconds` for `condition`, checking every 20 ms, and returns its last value.
func eventually(within seconds: Double = 120, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    usleep(20_000)
  }
  return condition()
}

/// A workspace made by `komet-dwf init` in a new temporary folder, with its config pointing at
/// a Komet sandbox that the test started in-process on a free loopback port.
///
/// The folder is removed and the sandbox stopped when the value is released.
final class EndToEndWorkspace {
  let root: URL
  private(set) var sandbox: KometSandbox?
  private var refusingPort: RefusingLoopbackPort?

  var inbox: URL { root.appendingPathComponent("inbox") }
  var dwfInbox: URL { root.appendingPathComponent("inbox/dwf") }
  var processed: URL { root.appendingPathComponent("inbox/processed") }
  var failed: URL { root.appendingPathComponent("inbox/failed") }
  var inventoryFolder: URL { root.appendingPathComponent("outbox/dwf/inventory") }
  var configFile: URL { root.appendingPathComponent("komet-dwf.json") }

  /// Creates the workspace, starts the sandbox and writes a config like the demo's, with
  /// `watch` settings added when given. Unless `namesDWFCustomer` is false, the config sets
  /// `komet.dwfCustomerId` to the sandbox's DWF customer, so the inventory cycle works before
  /// any customers export was taken.
  init(watch: String? = nil, namesDWFCustomer: Bool = true) throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-dwf-e2e-\(UUID().uuidString)")
    let made = try Self.runOnce(["init", root.path])
    guard made.status == 0 else { throw SetupError.initFailed(made.error) }

    let sandbox = try KometSandbox()
    self.sandbox = sandbox
    let tokens = root.appendingPathComponent("state/sandbox")
    try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
    for (role, token) in [
      ("company", SandboxTokens.company), ("customer", SandboxTokens.customer),
      ("user", SandboxTokens.user),
    ] {
      let file = tokens.appendingPathComponent("\(role).token")
      try Data((token + "\n").utf8).write(to: file)
      chmod(file.path, 0o600)
    }
    let customerLine =
      namesDWFCustomer ? "\n    \"dwfCustomerId\": \"\(SandboxState.dwfCustomerId)\"," : ""
    let watchSection = watch.map { ",\n  \"watch\": \($0)" } ?? ""
    let config = """
      {
        "komet": {
          "baseURL": "\(sandbox.baseURL.absoluteString)",
          "companyId": "4242",\(customerLine)
          "defaultLocationId": "200101",
          "tokenFiles": {
            "company": "state/sandbox/company.token",
            "customer": "state/sandbox/customer.token",
            "user": "state/sandbox/user.token"
          }
        },
        "inventory": { "source": "ecommerce" }\(watchSection)
      }

      """
    try Data(config.utf8).write(to: configFile)
  }

  deinit {
    sandbox?.stop()
    refusingPort?.release()
    try? FileManager.default.removeItem(at: root)
  }

  enum SetupError: Error {
    case initFailed(String)
    /// `komet-dwf run` logged no "Pipeline started" in time, with the log's end.
    case runNotStarted(String)
  }

  /// Stops the sandbox and keeps its port bound, so that connections to Komet are refused.
  func stopSandbox() throws {
    guard let sandbox else { return }
    let port = sandbox.port
    sandbox.stop()
    self.sandbox = nil
    refusingPort = try RefusingLoopbackPort(holding: port)
  }

  // MARK: Processes

  /// The caller's environment without `KOMET_*` variables, so none of them can name a real
  /// Komet account or change the settings under test, plus `extra`.
  static func childEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KOMET_") }
    environment.merge(extra) { $1 }
    return environment
  }

  /// Runs the built binary with `arguments` to the end and returns its status and standard
  /// error.
  static func runOnce(_ arguments: [String], environment: [String: String] = [:]) throws
    -> ProcessResult
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtKometDWF!)
    process.arguments = arguments
    process.environment = childEnvironment(environment)
    let errorPipe = Pipe()
    process.standardError = errorPipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus, error: String(decoding: error, as: UTF8.self))
  }

  /// The environment of `once` in these tests: a settle time of 0, because each test writes
  /// its files whole before it runs `once`. `SettleTimeTests` runs `once` with the default.
  static let onceEnvironment = ["KOMET_DWF_WATCH_SETTLE_SECONDS": "0"]

  /// Runs `komet-dwf once` on this workspace, with `onceEnvironment` unless `environment`
  /// overrides it.
  func once(environment: [String: String] = [:]) throws -> ProcessResult {
    try Self.runOnce(
      ["once", "--workspace", root.path],
      environment: Self.onceEnvironment.merging(environment) { $1 })
  }

  /// Starts `komet-dwf run` on this workspace with its standard error going to `log`, and
  /// waits until it logged that the pipeline started.
  func startRun(
    poll: Bool = false, log: URL, environment: [String: String] = [:], waitsForStart: Bool = true
  ) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtKometDWF!)
    process.arguments = ["run", "--workspace", root.path] + (poll ? ["--poll"] : [])
    process.environment = Self.childEnvironment(environment)
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: log)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    if waitsForStart, !eventually({ Self.text(of: log).contains("Pipeline started") }) {
      Self.stop(process)
      throw SetupError.runNotStarted(String(Self.text(of: log).suffix(2000)))
    }
    return process
  }

  /// Stops `process` with SIGTERM and waits for it.
  static func stop(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
  }

  static func text(of file: URL) -> String {
    (try? String(contentsOf: file, encoding: .utf8)) ?? ""
  }

  // MARK: Files

  /// Copies a sample export or fixture at `path` into `folder` as `name`, through a hidden
  /// temporary name and a rename, so the watcher finds it complete.
  @discardableResult
  func drop(_ path: String, as name: String, into folder: URL? = nil) throws -> URL {
    let target = (folder ?? inbox).appendingPathComponent(name)
    let hidden = (folder ?? inbox).appendingPathComponent(".\(name).copying")
    try FileManager.default.copyItem(atPath: path, toPath: hidden.path)
    try FileManager.default.moveItem(at: hidden, to: target)
    return target
  }

  /// Writes `data` to `name` in `folder` (`inbox/` by default) through a rename.
  @discardableResult
  func drop(data: Data, as name: String, into folder: URL? = nil) throws -> URL {
    let target = (folder ?? inbox).appendingPathComponent(name)
    let hidden = (folder ?? inbox).appendingPathComponent(".\(name).copying")
    try data.write(to: hidden)
    try FileManager.default.moveItem(at: hidden, to: target)
    return target
  }

  /// The regular input files (READMEs and error reports left out) under `folder`, at any depth.
  func inputFiles(under folder: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(
      at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var files: [URL] = []
    for case let url as URL in walker {
      let name = url.lastPathComponent
      guard name != "README.txt", !name.hasSuffix(".error.txt") else { continue }
      let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
      if values?.isRegularFile == true { files.append(url) }
    }
    return files
  }

  /// The files directly in `folder` (not in its subfolders), READMEs left out.
  func filesDirectly(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { name in
      var isFolder: ObjCBool = false
      let path = folder.appendingPathComponent(name).path
      _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      return name != "README.txt" && !isFolder.boolValue
    }.sorted()
  }

  /// The names of the failed files in `inbox/failed/`, error reports left out.
  var failedNames: [String] {
    filesDirectly(in: failed).filter { !$0.hasSuffix(".error.txt") }
  }

  /// The names of the files under `inbox/processed/`, at any depth.
  var processedNames: [String] {
    inputFiles(under: processed).map(\.lastPathComponent).sorted()
  }

  // MARK: State

  /// The IDs stored in `state/komet-dwf.sqlite` for `kind`, read while no pipeline runs.
  func storedIDs(_ kind: KnownIDKind) throws -> [KnownID] {
    let database = try StateSchema.open(workspace: root.path)
    defer { database.close() }
    return try KnownIDs(database: database).ids(kind)
  }
}

/// Returns the SHA-256 of the file at `path` in lowercase hex.
func sha256(ofFileAt path: String) throws -> String {
  try SHA256.hex(ofFileAt: path)
}
