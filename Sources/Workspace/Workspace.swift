import Foundation

/// The folders and files of one exchange workspace under `root`.
///
/// The grower's staff drop exports into `inbox/`, DWF's SFTP account uploads order files into
/// `inbox/dwf/` and reads `outbox/dwf/`, the rest of `outbox/` is for the grower only, and
/// `state/` holds the database, the lock and parsed exports. `komet-dwf init` creates them
/// (`WorkspaceSetup`).
package struct Workspace: Sendable, Equatable {
  /// Returns `text` with every absolute path inside the workspace written relative to its
  /// root, such as `inbox/dwf/orders.csv`, so a message meant for DWF does not show how the
  /// grower's disk is laid out.
  package func withoutRoot(_ text: String) -> String {
    let prefix = root.standardizedFileURL.path + "/"
    return text.replacingOccurrences(of: prefix, with: "")
  }

  /// The workspace's top folder.
  package let root: URL

  /// Creates the workspace rooted at `root`, which need not exist yet.
  package init(root: URL) {
    self.root = root.standardizedFileURL
  }

  /// Creates the workspace named by a `--workspace DIR` option, or the current folder when the
  /// option is nil. A relative `DIR` is taken from the current folder.
  package init(option folder: String?) {
    let path = folder ?? FileManager.default.currentDirectoryPath
    self.init(root: URL(fileURLWithPath: path, isDirectory: true))
  }

  /// The name of the README that `init` writes into the drop folders. Classification must
  /// skip files of this name, or it would move them to `inbox/failed/`.
  package static let readmeName = "README.txt"

  /// The config file's name, the same as `KometSettings.fileName`.
  package static let configFileName = "komet-dwf.json"

  /// The lock file's name inside `state/`.
  package static let lockFileName = "komet-dwf.lock"

  /// `inbox/`: the grower's drops (customers, locations and inventory exports).
  package var inbox: URL { folder("inbox") }

  /// `inbox/dwf/`: DWF's uploads, order files only.
  package var dwfInbox: URL { folder("inbox/dwf") }

  /// `inbox/processed/`: taken files, in one subfolder per UTC day.
  package var processed: URL { folder("inbox/processed") }

  /// `inbox/failed/`: files that could not be used, each beside its `NAME.error.txt`.
  package var failed: URL { folder("inbox/failed") }

  /// `outbox/`: what komet-dwf writes for the grower (reports, requests).
  package var outbox: URL { folder("outbox") }

  /// `outbox/dwf/`: what DWF's account may read (inventory drops, onboarding).
  package var dwfOutbox: URL { folder("outbox/dwf") }

  /// `outbox/.tmp/`: where outputs are written before they are renamed into place, on the
  /// same file system as the outbox and outside what DWF's account can read.
  package var outboxTemporary: URL { folder("outbox/.tmp") }

  /// `state/`: the SQLite database, the lock and parsed exports.
  package var state: URL { folder("state") }

  /// `komet-dwf.json`: the settings.
  package var configFile: URL { root.appendingPathComponent(Self.configFileName) }

  /// `state/komet-dwf.lock`: the file that `WorkspaceLock` locks.
  package var lockFile: URL { state.appendingPathComponent(Self.lockFileName) }

  private func folder(_ relative: String) -> URL {
    root.appendingPathComponent(relative, isDirectory: true)
  }
}
