import Foundation
import Workspace

/// The list of every file in a demo workspace, with what each one is.
struct DemoArtifacts {
  let workspace: Workspace

  /// Returns one line per file, by folder, with its size and what it is.
  func summary() -> String {
    let root = workspace.root.path
    var lines = ["Files in the workspace (\(root)):"]
    let files = files()
    let width = files.map(\.count).max() ?? 0
    for relative in files {
      let size = fileSize(root + "/" + relative)
      let padded = relative.padding(toLength: width, withPad: " ", startingAt: 0)
      lines.append("  \(padded) \(Self.byteText(size))  \(Self.describe(relative))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Lists the workspace's files relative to its root, sorted, without the temporary folders.
  private func files() -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: workspace.root.path) else {
      return []
    }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      if relative.hasSuffix("/.tmp") || relative == "outbox/.tmp" || relative == "state/.tmp" {
        walker.skipDescendants()
        continue
      }
      var isFolder: ObjCBool = false
      let path = workspace.root.path + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        found.append(relative)
      }
    }
    return found.sorted()
  }

  private func fileSize(_ path: String) -> Int {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.size] as? NSNumber)?.intValue ?? 0
  }

  private static func byteText(_ count: Int) -> String {
    let text = count < 10_000 ? "\(count) B" : "\(count / 1024) KiB"
    return text.padding(toLength: 9, withPad: " ", startingAt: 0)
  }

  /// Describes a file of the workspace by the folder it is in and its name.
  static func describe(_ relative: String) -> String {
    let name = (relative as NSString).lastPathComponent
    switch true {
    case name == Workspace.readmeName:
      return "what lands in this folder"
    case relative == Workspace.configFileName:
      return "the demo's config, pointing at the sandbox"
    case relative.hasPrefix("inbox/processed/") && DemoOrderPlan.allFiles.contains(name):
      return "sample order file, journaled and acknowledged"
    case relative.hasPrefix("inbox/processed/"):
      return "sample export, taken and stored"
    case relative.hasPrefix("inbox/failed/") && name.hasSuffix(".error.txt"):
      return "why the file beside it failed"
    case relative.hasPrefix("inbox/failed/"):
      return "an input that failed"
    case relative.hasPrefix("outbox/dwf/inventory/") && name == "latest.json":
      return "names the newest inventory drop, for DWF"
    case relative.hasPrefix("outbox/dwf/inventory/") && name.hasSuffix(".manifest.json"):
      return "the drop's manifest, with each file's SHA-256"
    case relative.hasPrefix("outbox/dwf/inventory/") && name.hasSuffix(".csv"):
      return "inventory drop for DWF (docs/formats.md)"
    case relative.hasPrefix("outbox/dwf/inventory/") && name.hasSuffix(".json"):
      return "inventory drop for DWF (docs/formats.md)"
    case relative.hasPrefix("outbox/dwf/acks/") && name.hasSuffix(".rejected.json"):
      return "why an order file failed whole, for DWF"
    case relative.hasPrefix("outbox/dwf/acks/"):
      return "an order's acknowledgement for DWF"
    case relative.hasPrefix("outbox/reports/orders/"):
      return "an order's report for the grower, with the fee"
    case relative == "outbox/reports/orders.csv":
      return "one row per order, for the grower"
    case relative == "outbox/reports/review.csv":
      return "lines awaiting review, for the grower"
    case relative.hasPrefix("outbox/dwf/onboarding/"):
      return "onboarding file for DWF, no token in it"
    case relative.hasPrefix("state/sandbox/"):
      return "a sandbox-only token, mode 0600"
    case relative.hasPrefix("state/komet-dwf.sqlite"):
      return "state: IDs, drops, quota, order journal"
    case relative == "state/" + Workspace.lockFileName:
      return "the workspace lock, free again"
    default:
      return ""
    }
  }
}
