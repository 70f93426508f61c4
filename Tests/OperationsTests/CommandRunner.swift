import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The exit status and output of one finished command.
struct CommandOutput {
  var status: Int32
  var output: String
  var error: String
}

/// A failure to start or wait for a child process.
struct SpawnError: Error, CustomStringConvertible {
  var executable: String
  var code: Int32

  var description: String { "cannot run \(executable): \(String(cString: strerror(code)))" }
}

/// Runs programs with `posix_spawn`, their output captured in files so a full pipe never
/// blocks.
///
/// Foundation's `Process.waitUntilExit` did not return after an sftp child had exited while an
/// sshd child ran (Swift 6.3.1 on Linux), so children are started and reaped directly.
struct CommandRunner {
  /// The folder that receives the output files and that `shell` runs its lines in.
  let folder: URL

  /// The time after which a program is sent SIGKILL.
  var timeout: Duration = .seconds(30)

  /// Runs `executable` with `arguments` and waits for it to exit.
  func run(_ executable: String, _ arguments: [String]) throws -> CommandOutput {
    let name = UUID().uuidString.prefix(8)
    let outputFile = folder.appendingPathComponent("run-\(name).out").path
    let errorFile = folder.appendingPathComponent("run-\(name).err").path
    defer {
      unlink(outputFile)
      unlink(errorFile)
    }

    let pid = try Self.spawn(executable, arguments, output: outputFile, error: errorFile)
    let status = Self.wait(for: pid, timeout: timeout)
    return CommandOutput(
      status: status,
      output: (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "",
      error: (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? "")
  }

  /// Runs `line` with `/bin/sh -c` in `folder`.
  func shell(_ line: String) throws -> CommandOutput {
    try run("/bin/sh", ["-c", "cd '\(folder.path)' && \(line)"])
  }

  /// Starts `executable` with standard input from /dev/null and its output in two files.
  static func spawn(
    _ executable: String, _ arguments: [String], output: String, error: String
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let createFlags = O_WRONLY | O_CREAT | O_TRUNC
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, createFlags, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, error, createFlags, 0o600)

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard result == 0 else { throw SpawnError(executable: executable, code: result) }
    return pid
  }

  /// Waits for `pid` to exit and returns its exit status, or 128 plus the signal that ended it.
  ///
  /// A child still running after `timeout` gets SIGKILL, so a hung client cannot hang the test.
  static func wait(for pid: pid_t, timeout: Duration) -> Int32 {
    let deadline = ContinuousClock.now + timeout
    var status: Int32 = 0
    while true {
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid { break }
      if reaped < 0 && errno != EINTR { return -1 }
      if ContinuousClock.now > deadline { kill(pid, SIGKILL) }
      usleep(10_000)
    }
    // The WIFEXITED and WEXITSTATUS macros are not imported into Swift.
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
