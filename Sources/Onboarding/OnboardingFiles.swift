import Foundation
import Komet
import Workspace

/// Writes the files of `outbox/dwf/onboarding/`, each through `AtomicFileWriter`.
///
/// A list that could not be read leaves its file as it was: the previous file, when there is
/// one, stays in place with its own `generatedAt`.
struct OnboardingFiles {
  static let idsName = "ids.json"
  static let carriersName = "carriers.json"
  static let shipTosName = "ship-tos.json"
  static let locationsName = "locations.json"

  let workspace: Workspace
  let generatedAt: Date

  private var folder: URL { OnboardingRun.folder(in: workspace) }

  /// Creates `outbox/dwf/onboarding/` (0755, so DWF's account can read it) when missing.
  func prepareFolder() throws(OnboardingError) {
    try OutputFolder.prepare(folder, mode: 0o755, enforcesMode: false)
  }

  func writeIDs(_ ids: ResolvedIDs) throws(OnboardingError) -> OnboardingReport.WrittenFile {
    let url = try write(OnboardingJSON.ids(ids, generatedAt: generatedAt), name: Self.idsName)
    return OnboardingReport.WrittenFile(
      path: Self.relativePath(of: url, in: workspace),
      summary: "company ID, DWF customer ID, \(ids.locations.count) location ID(s) and default"
        + " location, each null where missing")
  }

  /// Writes the list of `result` under `name`, or records in `report` why it is left out.
  func write<Element>(
    _ result: Result<[Element], ListFailure>, name: String, into report: inout OnboardingReport,
    document: ([Element]) -> JSONValue
  ) throws(OnboardingError) {
    let url = folder.appendingPathComponent(name)
    switch result {
    case .success(let elements):
      _ = try write(document(elements), name: name)
      report.written.append(
        OnboardingReport.WrittenFile(
          path: Self.relativePath(of: url, in: workspace),
          summary: "\(elements.count) entries from \(Self.method(for: name))"))
    case .failure(let failure):
      let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
      report.leftOut.append(
        OnboardingReport.LeftOutFile(
          path: Self.relativePath(of: url, in: workspace), failure: failure,
          previousFileDate: attributes?[.modificationDate] as? Date))
    }
  }

  /// Returns `url`'s path inside the workspace, such as `outbox/dwf/onboarding/ids.json`.
  static func relativePath(of url: URL, in workspace: Workspace) -> String {
    let root = workspace.root.path.hasSuffix("/") ? workspace.root.path : workspace.root.path + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
  }

  private func write(_ document: JSONValue, name: String) throws(OnboardingError) -> URL {
    let url = folder.appendingPathComponent(name)
    do {
      try AtomicFileWriter(workspace: workspace).write(IndentedJSON.data(for: document), to: url)
    } catch {
      throw .writeFailed(error)
    }
    return url
  }

  private static func method(for name: String) -> String {
    switch name {
    case carriersName: return KometMethod.carrierList.rawValue
    case shipTosName: return KometMethod.customerShipToList.rawValue
    default: return KometMethod.locationList.rawValue
    }
  }
}
