import CLI
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A failed step while the test builds the layout of `docs/operations.md`.
enum SFTPTestHostError: Error, CustomStringConvertible {
  case accountExists(name: String)
  case commandFailed(line: String, output: CommandOutput)

  var description: String {
    switch self {
    case .accountExists(let name):
      "the account or group \(name) exists already, so the test would not own it"
    case .commandFailed(let line, let output):
      "`\(line)` exited \(output.status): \(output.error)\(output.output)"
    }
  }
}

/// The accounts, workspace, keys and sshd of one live run, all under a new folder in `/srv/`.
///
/// sshd refuses a chroot below a folder that others may write, such as `/tmp`, so the folder is
/// in `/srv/`. The accounts get random names, and `cleanUp` removes only what `setUp` created.
final class SFTPTestHost {
  let folder: URL
  let names: OperationsGuide.Names
  let runner: CommandRunner
  private(set) var server: SSHServer?
  private var createdAccounts = false

  var workspace: URL { URL(fileURLWithPath: names.workspace) }

  init() {
    let suffix = UUID().uuidString.lowercased().prefix(6)
    folder = URL(fileURLWithPath: "/srv/komet-dwf-test-\(suffix)")
    names = OperationsGuide.Names(
      workspace: folder.appendingPathComponent("workspace").path,
      dwf: "kdwf\(suffix)", komet: "kkomet\(suffix)",
      keysFolder: folder.appendingPathComponent("authorized_keys.dwf").path,
      publicKeyFile: "dwf_key.pub")
    runner = CommandRunner(folder: folder)
  }

  /// Creates the folder, the keys, the accounts and the workspace, then starts sshd.
  func setUp() throws {
    for name in [names.dwf, names.komet] where getpwnam(name) != nil || getgrnam(name) != nil {
      throw SFTPTestHostError.accountExists(name: name)
    }
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])

    try generateKey(named: "host_ed25519")
    try generateKey(named: "dwf_key")

    createdAccounts = true
    try runDocumentBlock(OperationsGuide.accounts)
    try runDocumentBlock(OperationsGuide.layout)

    let port = try SSHServer.freeLoopbackPort()
    let configFile = folder.appendingPathComponent("sshd_config")
    try sshdConfig(port: port).write(to: configFile, atomically: true, encoding: .utf8)
    try createPrivilegeSeparationFolder()
    server = try SSHServer(configFile: configFile, port: port, runner: runner)
  }

  /// Stops sshd, deletes the two accounts and the dwf group, and removes the folder.
  func cleanUp() {
    server?.stop()
    if createdAccounts {
      _ = try? runner.run("/usr/sbin/userdel", [names.komet])
      _ = try? runner.run("/usr/sbin/userdel", [names.dwf])
      if getgrnam(names.dwf) != nil {
        _ = try? runner.run("/usr/sbin/groupdel", [names.dwf])
      }
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Runs one sftp session as DWF's account with `commands` as its batch file.
  ///
  /// sftp stops at the first command that fails and exits 1, and exits 255 when it cannot
  /// connect or log in.
  func sftp(_ commands: [String]) throws -> CommandOutput {
    let batch = folder.appendingPathComponent("batch-\(UUID().uuidString.prefix(8))")
    try (commands.joined(separator: "\n") + "\n").write(
      to: batch, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: batch) }
    return try runner.run("/usr/bin/sftp", ["-b", batch.path] + clientOptions(portFlag: "-P"))
  }

  /// Runs `ssh` as DWF's account with `command` as the remote command.
  func ssh(_ command: String) throws -> CommandOutput {
    try runner.run("/usr/bin/ssh", clientOptions(portFlag: "-p") + [command])
  }

  /// Runs `arguments` as the komet account, with its groups, through setpriv.
  func runAsKomet(_ arguments: [String]) throws -> CommandOutput {
    let identity = ["--reuid=\(names.komet)", "--regid=\(names.komet)", "--init-groups"]
    return try runner.run("/usr/bin/setpriv", identity + arguments)
  }

  /// Returns the options of `ssh` and `sftp`: no user or system ssh_config, this test's key only, a
  /// known-hosts file in the folder, and 127.0.0.1 as the only host.
  private func clientOptions(portFlag: String) -> [String] {
    [
      "-F", "/dev/null", portFlag, String(server?.port ?? 0),
      "-i", folder.appendingPathComponent("dwf_key").path,
      "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
      "-o", "StrictHostKeyChecking=no",
      "-o", "UserKnownHostsFile=\(folder.appendingPathComponent("known_hosts").path)",
      "-o", "GlobalKnownHostsFile=/dev/null",
      "\(names.dwf)@127.0.0.1",
    ]
  }

  /// Writes the test-only lines that keep sshd on 127.0.0.1 and inside the folder, followed by
  /// the document's block.
  ///
  /// `UsePAM yes` is Debian's default. With `UsePAM no`, sshd rejects the `!` password that
  /// `useradd` gives a new account as a locked account, even for a public key.
  private func sshdConfig(port: UInt16) -> String {
    let testLines = """
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(folder.appendingPathComponent("host_ed25519").path)
      PidFile \(folder.appendingPathComponent("sshd.pid").path)
      AuthorizedKeysFile \(folder.appendingPathComponent("no_keys").path)
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      UsePAM yes
      LogLevel VERBOSE

      """
    return testLines + OperationsGuide.render(OperationsGuide.sshdConfig, with: names)
  }

  /// Runs each command line of a document block in the folder and stops at the first failure.
  ///
  /// `komet-dwf init DIR` runs in-process through `runCommandLine`, the function the
  /// executable calls, because the test bundle has no `komet-dwf` on its path.
  private func runDocumentBlock(_ template: String) throws {
    let block = OperationsGuide.render(template, with: names)
    for line in OperationsGuide.commandLines(of: block) {
      let output: CommandOutput
      if line.hasPrefix("komet-dwf ") {
        let arguments = line.split(separator: "#")[0].split(separator: " ").dropFirst()
        let streams = OutputStreams.collecting()
        let status = runCommandLine(arguments.map(String.init), streams: streams)
        output = CommandOutput(status: status, output: streams.outputText, error: streams.errorText)
      } else {
        output = try runner.shell(line)
      }
      guard output.status == 0 else {
        throw SFTPTestHostError.commandFailed(line: line, output: output)
      }
    }
  }

  private func generateKey(named name: String) throws {
    let path = folder.appendingPathComponent(name).path
    let arguments = ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]
    let output = try runner.run("/usr/bin/ssh-keygen", arguments)
    guard output.status == 0 else {
      throw SFTPTestHostError.commandFailed(line: "ssh-keygen \(name)", output: output)
    }
  }

  /// Creates `/run/sshd`, which sshd requires and which Debian's service unit creates at boot
  /// but a container without systemd lacks.
  private func createPrivilegeSeparationFolder() throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: "/run/sshd", isDirectory: &isFolder),
      isFolder.boolValue
    {
      return
    }
    try FileManager.default.createDirectory(
      atPath: "/run/sshd", withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o755])
  }
}
