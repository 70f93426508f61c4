import Foundation

/// A new workspace folder under the system's temporary folder, removed with everything in it
/// when the object is released.
final class TemporaryWorkspace {
  let url: URL

  init() throws {
    url = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("configuration-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  var configPath: String { url.appendingPathComponent("komet-dwf.json").path }

  /// Writes `text` as `komet-dwf.json`.
  func writeConfig(_ text: String) throws {
    try text.write(toFile: configPath, atomically: false, encoding: .utf8)
  }

  /// Writes `text` to `name` inside the workspace with the permission bits `mode`, and
  /// returns the file's full path.
  @discardableResult
  func writeFile(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
    let path = url.appendingPathComponent(name).path
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }
}
