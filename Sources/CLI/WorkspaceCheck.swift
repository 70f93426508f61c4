import Foundation
import Workspace

/// The check that `run`, `once` and `status` make before they touch a workspace, so a mistyped
/// `--workspace` gets one clear message and nothing is created there.
enum WorkspaceCheck {
  /// Returns nil when `workspace` has an `inbox/` folder, or writes why not and returns 66.
  static func requireInbox(_ workspace: Workspace, command: String, streams: OutputStreams)
    -> ExitCode?
  {
    var isFolder: ObjCBool = false
    let inbox = workspace.inbox.path
    if FileManager.default.fileExists(atPath: inbox, isDirectory: &isFolder), isFolder.boolValue {
      return nil
    }
    let root = workspace.root.path
    streams.writeError(
      "komet-dwf: \(root) is not a komet-dwf workspace: it has no inbox/ folder. Create the"
        + " workspace with `komet-dwf init \(root)`, or pass the right folder with"
        + " --workspace. \(command) changed nothing.\n")
    return .noInput
  }
}
