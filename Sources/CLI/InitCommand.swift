import Foundation
import Workspace

/// The `komet-dwf init` command, which creates a workspace's folders, READMEs and example
/// config, keeping whatever exists.
struct InitCommand {
  let workspace: Workspace

  static let usage = "komet-dwf init [DIR]"

  init(arguments: [String]) throws {
    let parsed = try CommandLineArguments(arguments, valued: ["workspace"], switches: [])
    var folders = parsed.positional
    if let option = parsed.options["workspace"] { folders.append(option) }
    if folders.count > 1 {
      throw UsageError.unexpectedArgument(
        folders[1], reason: "init takes one folder, as DIR or --workspace DIR")
    }
    workspace = Workspace(option: folders.first)
  }

  func run(streams: OutputStreams) throws -> ExitCode {
    let entries = try WorkspaceSetup(workspace: workspace).run()

    streams.write("Workspace \(workspace.root.path):\n")
    for entry in entries {
      let mode = String(entry.mode, radix: 8)
      switch entry.outcome {
      case .created:
        streams.write("  created \(entry.relativePath) (mode 0\(mode))\n")
      case .kept:
        let what = entry.isFolder ? "folder" : "file, not changed"
        streams.write("  kept    \(entry.relativePath) (existing \(what))\n")
      }
    }
    streams.write(
      """

      Next: set komet.companyId and the token files in \(Workspace.configFileName) \
      (docs/configuration.md), then run 'komet-dwf komet check --workspace \
      \(workspace.root.path)'.

      """)
    return .success
  }
}
