import Foundation
import InboxLifecycle
import StateStore
import Testing
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// Whether this process can create accounts, change owners and start sshd with a chroot, which
/// all need root. CI runs as root with openssh-server installed, so the live test runs there.
private let canRunSSHServer =
  geteuid() == 0 && FileManager.default.isExecutableFile(atPath: SSHServer.executable)

/// Checks the SFTP layout of `docs/operations.md` against a live sshd on 127.0.0.1.
@Suite struct SFTPChrootTests {
  @Test(
    .enabled(if: canRunSSHServer, "needs root and /usr/sbin/sshd"), .timeLimit(.minutes(3)))
  func dwfAccountReachesOnlyItsFolders() throws {
    let host = SFTPTestHost()
    defer { host.cleanUp() }
    try host.setUp()
    let files = try GrowerFiles(workspace: host.workspace)

    try checkUploads(host)
    try checkDownloads(host, files: files)
    try checkRejectedUploads(host)
    try checkHiddenPaths(host, files: files)
    try checkChroot(host)
    try checkNoShell(host)
  }

  /// Checks that uploads into `inbox/dwf/` land with DWF's owner and group and that komet
  /// can read them.
  private func checkUploads(_ host: SFTPTestHost) throws {
    let local = host.folder.appendingPathComponent("order-1.csv")
    try "order,line\n1,1\n".write(to: local, atomically: true, encoding: .utf8)
    _ = chmod(local.path, 0o644)

    let upload = try host.sftp([
      "put \(local.path) /inbox/dwf/order-1.csv",
      "put \(local.path) /inbox/dwf/order-2.csv.part",
      "rename /inbox/dwf/order-2.csv.part /inbox/dwf/order-2.csv",
      "rm /inbox/dwf/order-2.csv",
      "ls /inbox/dwf",
    ])
    #expect(upload.status == 0, "\(upload.error)")
    #expect(upload.output.contains("order-1.csv"))

    let landed = host.workspace.appendingPathComponent("inbox/dwf/order-1.csv").path
    let status = try #require(fileStatus(landed))
    #expect(status.st_uid == getpwnam(host.names.dwf)?.pointee.pw_uid)
    #expect(status.st_gid == getgrnam(host.names.dwf)?.pointee.gr_gid)
    // The client asks for its local mode, 0644, and internal-sftp's umask 0007 takes 0004 away.
    #expect(status.st_mode & 0o7777 == 0o640)
    #expect(!FileManager.default.fileExists(atPath: landed + ".part"))

    let readByKomet = try host.runAsKomet(["/bin/cat", landed])
    #expect(readByKomet.status == 0, "\(readByKomet.error)")
    #expect(readByKomet.output == "order,line\n1,1\n")
  }

  /// Checks that DWF can list and read a drop that komet-dwf writes with its usual mode.
  private func checkDownloads(_ host: SFTPTestHost, files: GrowerFiles) throws {
    let local = host.folder.appendingPathComponent("downloaded.json")
    let download = try host.sftp(["ls /outbox/dwf", "get /outbox/dwf/latest.json \(local.path)"])
    #expect(download.status == 0, "\(download.error)")
    #expect(download.output.contains("latest.json"))
    #expect(try String(contentsOf: local, encoding: .utf8) == files.dropText)
  }

  /// Checks that uploads anywhere but `inbox/dwf/` fail, and that DWF cannot delete a drop.
  private func checkRejectedUploads(_ host: SFTPTestHost) throws {
    let local = host.folder.appendingPathComponent("order-1.csv")
    let destinations = [
      "/outbox/dwf/order.csv", "/inbox/order.csv", "/order.csv", "/outbox/order.csv",
      "/state/order.csv", "/inbox/processed/order.csv", "/inbox/failed/order.csv",
      "/outbox/.tmp/order.csv",
    ]
    for destination in destinations {
      let upload = try host.sftp(["put \(local.path) \(destination)"])
      #expect(upload.status == 1, "put \(destination): \(upload.error)")
      #expect(upload.error.contains("Permission denied"), "put \(destination): \(upload.error)")
    }

    let removal = try host.sftp(["rm /outbox/dwf/latest.json"])
    #expect(removal.status == 1, "rm: \(removal.error)")
    #expect(removal.error.contains("Permission denied"), "rm: \(removal.error)")
  }

  /// Checks that the grower's folders and files cannot be listed or read, even by name.
  private func checkHiddenPaths(_ host: SFTPTestHost, files: GrowerFiles) throws {
    let folders = [
      "/", "/inbox", "/inbox/processed", "/inbox/failed", "/outbox", "/outbox/.tmp", "/state",
    ]
    for folder in folders {
      let listing = try host.sftp(["ls \(folder)"])
      #expect(listing.status == 1, "ls \(folder): \(listing.error)")
      #expect(listing.error.contains("Permission denied"), "ls \(folder): \(listing.error)")
    }

    // sftp's get reports a failed stat, EACCES included, as "File ... not found.", and a
    // failed open as "Permission denied", so the test first checks that each file is there.
    let local = host.folder.appendingPathComponent("stolen").path
    for file in files.hiddenPaths {
      let onServer = host.workspace.path + file
      #expect(FileManager.default.fileExists(atPath: onServer), "missing \(onServer)")
      let download = try host.sftp(["get \(file) \(local)"])
      #expect(download.status == 1, "get \(file): \(download.error)")
      let isRejected =
        download.error.contains("not found") || download.error.contains("Permission denied")
      #expect(isRejected, "get \(file): \(download.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: local))
  }

  /// Checks that `/..` stays at the workspace root and that nothing above the chroot is found.
  private func checkChroot(_ host: SFTPTestHost) throws {
    let marker = host.folder.appendingPathComponent("above-chroot.txt")
    try "outside\n".write(to: marker, atomically: true, encoding: .utf8)
    _ = chmod(marker.path, 0o644)

    // The first pwd shows where a session lands, the second where climbing up stops.
    let climb = try host.sftp(["pwd", "cd /../../..", "pwd"])
    #expect(climb.status == 0, "\(climb.error)")
    #expect(climb.output.components(separatedBy: "Remote working directory: /\n").count == 3)

    let local = host.folder.appendingPathComponent("escaped").path
    for path in ["/../above-chroot.txt", "/../../etc/passwd", "/etc/passwd", marker.path] {
      let download = try host.sftp(["get \(path) \(local)"])
      #expect(download.status == 1, "get \(path): \(download.error)")
      #expect(download.error.contains("not found"), "get \(path): \(download.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: local))
    let chrootLine = "Changed root directory to \"\(host.names.workspace)\""
    #expect(host.server?.log.contains(chrootLine) == true)
  }

  /// Checks that a remote command does not run, because `ForceCommand` starts SFTP instead.
  private func checkNoShell(_ host: SFTPTestHost) throws {
    let result = try host.ssh("echo shell-$((6 * 7))")
    #expect(result.status != 0)
    #expect(!result.output.contains("shell-42"))
    #expect(result.output.contains("This service allows sftp connections only."))
  }

  private func fileStatus(_ path: String) -> stat? {
    var status = stat()
    return lstat(path, &status) == 0 ? status : nil
  }
}

/// The files the grower and komet-dwf put in the workspace before DWF connects.
///
/// komet-dwf's files come from its own code (`FileMover`, `AtomicFileWriter`, `StateSchema`),
/// which runs here as root in place of the komet account.
struct GrowerFiles {
  /// The text of the drop komet-dwf writes to `outbox/dwf/latest.json`.
  let dropText = "{\"sequence\":1}\n"

  /// Paths inside the chroot that DWF's account must not be able to read.
  let hiddenPaths: [String]

  /// An output still being written under `outbox/.tmp/`, kept open so its file exists.
  let pendingDrop: PendingFile

  init(workspace: URL) throws {
    let inbox = workspace.appendingPathComponent("inbox")

    // Staff drop exports into inbox/ as komet, with the common umask 0022.
    let waiting = try Self.drop("customers.csv", into: inbox)
    let taken = try Self.drop("locations.csv", into: inbox)
    let rejected = try Self.drop("notes.txt", into: inbox)

    let mover = FileMover(inbox: inbox.path)
    let processed = try mover.moveToProcessed(taken)
    let report = FailureReport(
      fileName: "notes.txt", problem: "not an export", expected: "a customers export",
      action: "drop the export again")
    let failed = try mover.moveToFailed(rejected, report: report)

    _ = try StateSchema.open(workspace: workspace.path)
    let writer = AtomicFileWriter(workspace: Workspace(root: workspace))
    try writer.write(dropText, to: workspace.appendingPathComponent("outbox/dwf/latest.json"))
    pendingDrop = try writer.begin(workspace.appendingPathComponent("outbox/dwf/next.json"))
    try pendingDrop.write("{}")

    let root = workspace.path
    hiddenPaths =
      [waiting, processed, failed.file, failed.errorFile, pendingDrop.temporaryPath]
      .map { "/" + $0.dropFirst(root.count + 1) }
      + ["/state/komet-dwf.sqlite", "/komet-dwf.json"]
  }

  /// Creates `name` in `folder` the way `cp` does, asking for mode 0644 under umask 0022.
  private static func drop(_ name: String, into folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    let previousMask = umask(0o022)
    defer { umask(previousMask) }

    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    let text = "id\n1\n"
    guard write(descriptor, text, text.utf8.count) == text.utf8.count else {
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    return path
  }
}
