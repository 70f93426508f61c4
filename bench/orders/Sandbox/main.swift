// order-bench-sandbox: the Komet sandbox of the order benchmark, with the settings that
// `komet-dwf sandbox` has no option for.
//
//   order-bench-sandbox --print-inventory
//   order-bench-sandbox --daily-limit N --stock FILE --log FILE --tokens DIR [--port N]
//
// `--print-inventory` prints the seeded inventory lines as one JSON array and exits. Otherwise
// the sandbox serves the seeded state on 127.0.0.1, with each line named in the stock file
// (a JSON object of inventory ID to boxes) holding exactly those boxes and `--daily-limit`
// requests allowed per token per day. It prints `serving URL` once it listens. On SIGUSR1 it
// writes its request log to the log file, and on SIGINT or SIGTERM it writes the log and
// stops. The log is a JSON array, oldest first, of `{method, path, query, headers, body,
// httpStatus, kometStatus}` with tokens masked, where `method` is the path after `/api/`, such
// as `web-order.create`.

import Dispatch
import Foundation
import KometSandbox

#if canImport(Glibc)
  import Glibc
#endif

/// The command line of one start.
struct Options {
  var port: UInt16 = 0
  var dailyLimit = 1000
  var stockFile: String?
  var logFile: String?
  var tokenFolder = "sandbox-tokens"
  var printsInventory = false

  init(_ arguments: [String]) {
    var remaining = arguments[...]
    while let name = remaining.popFirst() {
      if name == "--print-inventory" {
        printsInventory = true
        continue
      }
      guard let value = remaining.popFirst() else { fail("\(name) needs a value") }
      switch name {
      case "--port":
        guard let number = UInt16(value) else {
          fail("invalid --port \(value): expected 0 to 65535")
        }
        port = number
      case "--daily-limit":
        guard let number = Int(value), number > 0 else {
          fail("invalid --daily-limit \(value): expected a positive whole number")
        }
        dailyLimit = number
      case "--stock": stockFile = value
      case "--log": logFile = value
      case "--tokens": tokenFolder = value
      default: fail("unknown option \(name)")
      }
    }
  }
}

/// One request of the log file.
struct LoggedRequest: Encodable {
  var method: String
  var path: String
  var query: String
  var headers: [String: String]
  var body: String
  var httpStatus: Int
  var kometStatus: Int?
}

/// One inventory line as `--print-inventory` prints it.
struct PrintedLine: Encodable {
  var inventoryId: String
  var origin: String
  var locationId: String
  var price: String
  var availableDate: String
  var availableBoxes: Int
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("order-bench-sandbox: \(message)\n".utf8))
  exit(64)
}

func printInventory(_ state: SandboxState) throws {
  let lines = state.inventory.map { line in
    PrintedLine(
      inventoryId: line.inventoryId, origin: line.origin == .onHand ? "OH" : "FS",
      locationId: line.locationId, price: line.price, availableDate: line.availableDate,
      availableBoxes: line.availableBoxes)
  }
  FileHandle.standardOutput.write(try JSONEncoder().encode(lines))
  FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Sets each line named in the stock file to the boxes given there.
func applyStock(file: String, to state: inout SandboxState) throws {
  let stock = try JSONDecoder().decode(
    [String: Int].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
  for (inventoryId, boxes) in stock {
    guard let index = state.inventory.firstIndex(where: { $0.inventoryId == inventoryId }) else {
      fail("inventory ID \(inventoryId) of \(file) is not in the seeded state")
    }
    state.inventory[index].availableBoxes = boxes
  }
}

func writeTokenFiles(into folder: String) throws {
  try FileManager.default.createDirectory(
    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  let tokens = [
    ("company", SandboxTokens.company), ("customer", SandboxTokens.customer),
    ("user", SandboxTokens.user),
  ]
  for (name, token) in tokens {
    let path = "\(folder)/\(name).token"
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
    else { fail("could not write the token file \(path)") }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }
}

/// Writes the request log as JSON, replacing the file atomically.
func writeLog(of sandbox: KometSandbox, to path: String) throws {
  let entries = sandbox.requestLog.map { entry in
    LoggedRequest(
      method: entry.path.hasPrefix("/api/") ? String(entry.path.dropFirst(5)) : entry.path,
      path: entry.path, query: entry.query,
      headers: Dictionary(
        entry.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 }),
      body: entry.body, httpStatus: entry.httpStatus, kometStatus: entry.kometStatus)
  }
  try JSONEncoder().encode(entries).write(to: URL(fileURLWithPath: path), options: .atomic)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
var state = SandboxState.seeded()
if options.printsInventory {
  try printInventory(state)
  exit(0)
}
guard let logFile = options.logFile else { fail("--log FILE is required") }
if let stockFile = options.stockFile {
  try applyStock(file: stockFile, to: &state)
}
try writeTokenFiles(into: options.tokenFolder)

var configuration = SandboxConfiguration()
configuration.port = options.port
configuration.dailyLimit = options.dailyLimit
let sandbox = try KometSandbox(state: state, configuration: configuration)
FileHandle.standardOutput.write(Data("serving \(sandbox.baseURL.absoluteString)\n".utf8))

let stopped = DispatchSemaphore(value: 0)
var sources: [DispatchSourceSignal] = []
for signalNumber in [SIGINT, SIGTERM, SIGUSR1] {
  signal(signalNumber, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
  source.setEventHandler {
    do {
      try writeLog(of: sandbox, to: logFile)
    } catch {
      let message = "order-bench-sandbox: request log not written to \(logFile): \(error)\n"
      FileHandle.standardError.write(Data(message.utf8))
    }
    if signalNumber != SIGUSR1 { stopped.signal() }
  }
  source.resume()
  sources.append(source)
}
DispatchQueue.global().async {
  stopped.wait()
  sandbox.stop()
  exit(0)
}
dispatchMain()
