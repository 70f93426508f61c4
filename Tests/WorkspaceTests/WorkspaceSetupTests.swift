import Configuration
import Foundation
import Testing

@testable import Workspace

struct WorkspaceSetupTests {
  @Test func initCreatesFoldersWithDocumentedModes() throws {
    let scratch = try ScratchFolder()
    let root = scratch.url.appendingPathComponent("exchange")
    let workspace = Workspace(root: root)

    let entries = try WorkspaceSetup(workspace: workspace).run()

    let expected: [(URL, Int)] = [
      (root, 0o755), (workspace.inbox, 0o755), (workspace.dwfInbox, 0o755),
      (workspace.outbox, 0o755), (workspace.dwfOutbox, 0o755), (workspace.state, 0o700),
    ]
    for (url, mode) in expected {
      var isFolder: ObjCBool = false
      #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder))
      #expect(isFolder.boolValue, "\(url.path)")
      #expect(try permissions(of: url.path) == mode, "\(url.path)")
    }
    #expect(entries.allSatisfy { $0.outcome == .created })
    #expect(entries.count == 11)
  }

  @Test func initWritesReadmesAndConfig() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)

    _ = try WorkspaceSetup(workspace: workspace).run()

    let readmes: [(URL, String)] = [
      (workspace.inbox, "inbox/: drop Komet Sales exports here"),
      (workspace.dwfInbox, "inbox/dwf/: DWF's uploads"),
      (workspace.outbox, "outbox/: what komet-dwf writes for the grower"),
      (workspace.dwfOutbox, "outbox/dwf/: what DWF may read"),
    ]
    for (folder, firstLine) in readmes {
      let path = folder.appendingPathComponent(Workspace.readmeName).path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.hasPrefix(firstLine + "\n"), "\(path)")
      #expect(try permissions(of: path) == 0o644)
    }
    #expect(FileManager.default.fileExists(atPath: workspace.configFile.path))
  }

  @Test func exampleConfigLoadsWithDefaults() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    _ = try WorkspaceSetup(workspace: workspace).run()

    let settings = try KometSettings.load(workspace: workspace.root, environment: [:])

    #expect(settings.baseURL.value.absoluteString == "https://api.kometsales.com/api/")
    #expect(
      settings.baseURL.source
        == .file(path: workspace.configFile.path, key: "komet.baseURL"))
    #expect(settings.dryRun.value == false)
    #expect(settings.companyId.value == nil)
  }

  @Test func exampleConfigUsesOnlyDocumentedKeys() throws {
    let documentation = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/configuration.md").standardizedFileURL,
      encoding: .utf8)
    let keys = try #require(
      try JSONSerialization.jsonObject(with: Data(WorkspaceTexts.exampleConfig.utf8))
        as? [String: Any])

    for key in leafKeys(keys, prefix: "") {
      let documented = key.hasPrefix("komet.documentationChoices.")
        ? "`\(key.split(separator: ".").last!)`" : "`\(key)`"
      #expect(documentation.contains(documented), "\(key) is not in docs/configuration.md")
    }
  }

  @Test func secondRunKeepsEverythingAndChangesNothing() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    _ = try WorkspaceSetup(workspace: workspace).run()
    let ownConfig = "{ \"komet\": { \"companyId\": \"1313\" } }\n"
    try ownConfig.write(to: workspace.configFile, atomically: false, encoding: .utf8)
    let ownReadme = workspace.inbox.appendingPathComponent(Workspace.readmeName)
    try "our own notes\n".write(to: ownReadme, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o750], ofItemAtPath: workspace.outbox.path)

    let entries = try WorkspaceSetup(workspace: workspace).run()

    #expect(entries.count == 11)
    #expect(entries.allSatisfy { $0.outcome == .kept })
    #expect(try String(contentsOf: workspace.configFile, encoding: .utf8) == ownConfig)
    #expect(try String(contentsOf: ownReadme, encoding: .utf8) == "our own notes\n")
    #expect(try permissions(of: workspace.outbox.path) == 0o750)
  }

  @Test func missingPiecesAreCreatedBesideKeptOnes() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    try FileManager.default.createDirectory(at: workspace.inbox, withIntermediateDirectories: true)

    let entries = try WorkspaceSetup(workspace: workspace).run()

    let kept = entries.filter { $0.outcome == .kept }.map(\.relativePath)
    #expect(kept == [".", "inbox/"])
    #expect(FileManager.default.fileExists(atPath: workspace.dwfInbox.path))
  }

  @Test func fileWhereFolderBelongsIsAnError() throws {
    let scratch = try ScratchFolder()
    let workspace = Workspace(root: scratch.url)
    try "not a folder".write(to: workspace.root.appendingPathComponent("outbox"),
      atomically: false, encoding: .utf8)

    #expect(throws: WorkspaceError.notAFolder(path: workspace.root.path + "/outbox")) {
      try WorkspaceSetup(workspace: workspace).run()
    }
  }

  @Test func namedPathsSitUnderTheRoot() {
    let workspace = Workspace(option: "/srv/exchange")

    #expect(workspace.processed.path == "/srv/exchange/inbox/processed")
    #expect(workspace.failed.path == "/srv/exchange/inbox/failed")
    #expect(workspace.outboxTemporary.path == "/srv/exchange/outbox/.tmp")
    #expect(workspace.lockFile.path == "/srv/exchange/state/komet-dwf.lock")
    #expect(workspace.configFile.path == "/srv/exchange/komet-dwf.json")
    #expect(Workspace.configFileName == KometSettings.fileName)
  }

  private func leafKeys(_ object: [String: Any], prefix: String) -> [String] {
    object.flatMap { key, value -> [String] in
      let path = prefix + key
      if let nested = value as? [String: Any] { return leafKeys(nested, prefix: path + ".") }
      return [path]
    }
  }
}

@Suite("Paths in messages for DWF")
struct WithoutRootTests {
  @Test(arguments: [
    (
      "/srv/dwf/inbox/dwf/orders.csv could not be read",
      "inbox/dwf/orders.csv could not be read"
    ),
    ("no path here", "no path here"),
    ("/srv/dwf-other/inbox/a.csv stays", "/srv/dwf-other/inbox/a.csv stays"),
  ])
  func pathsInsideWorkspaceBecomeRelative(text: String, expected: String) {
    let workspace = Workspace(root: URL(fileURLWithPath: "/srv/dwf", isDirectory: true))

    #expect(workspace.withoutRoot(text) == expected)
  }
}
