import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `komet-dwf` beside the test bundle, or nil before `swift build` made it.
let builtKometDWF: String? = {
  let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let path = folder.appendingPathComponent("komet-dwf").path
  return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// Starts the built `komet-dwf` with `arguments`, its standard error going to `errorFile`.
func startKometDWF(_ arguments: [String], errorFile: URL) throws -> Process {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: builtKometDWF!)
  process.arguments = arguments
  _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
  process.standardError = try FileHandle(forWritingTo: errorFile)
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  return process
}

@Suite(.serialized, .enabled(if: builtKometDWF != nil, "needs the komet-dwf built by swift build"))
struct RunCommandTests {
  /// Waits up to 20 s for `condition`, checking every 50 ms.
  private func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<400 {
      if condition() { return true }
      usleep(50_000)
    }
    return condition()
  }

  private func startRun(in scratch: ScratchFolder) throws -> (Process, URL) {
    #expect(runKometDWF(["init", scratch.url.path]).status == 0)
    let log = scratch.url.appendingPathComponent("run.log")
    let process = try startKometDWF(["run", "--workspace", scratch.url.path], errorFile: log)
    let started = eventually {
      ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("Pipeline started")
    }
    #expect(started)
    return (process, log)
  }

  // The in-process `once` calls go through `runOffPool`: `once` blocks its thread until its
  // task ends, and a blocked test thread of the 2-thread pool would starve that task.
  @Test func secondInstanceRefusedWithPID() async throws {
    let scratch = try ScratchFolder()
    let (process, _) = try startRun(in: scratch)
    defer {
      process.terminate()
      process.waitUntilExit()
    }

    let second = await runOffPool(["once", "--workspace", scratch.url.path], [:])
    #expect(second.status == 75)
    #expect(second.error.contains("process \(process.processIdentifier) has held"))
  }

  @Test(arguments: [SIGTERM, SIGINT])
  func signalStopsRunAndFreesLock(signal: Int32) async throws {
    let scratch = try ScratchFolder()
    let (process, log) = try startRun(in: scratch)

    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.contains("Pipeline stopped"))

    let lockFile = scratch.url.appendingPathComponent("state/komet-dwf.lock")
    #expect(try String(contentsOf: lockFile, encoding: .utf8) == "")
    // The bare workspace has no Komet settings, so the pass itself ends with 78; what matters
    // is that it got the lock the stopped `run` released.
    let next = await runOffPool(["once", "--workspace", scratch.url.path], [:])
    #expect(next.status == 78, "\(next.error)")
    #expect(!next.error.contains("has held"))
  }
}
