import Foundation

/// A workspace-like temporary folder with `inbox/` and `inbox/dwf/`, removed with everything
/// in it when released.
final class LifecycleFolder {
  let path: String
  let inbox: String

  init() throws {
    path = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("lifecycle-tests-\(UUID().uuidString)")
    inbox = (path as NSString).appendingPathComponent("inbox")
    try FileManager.default.createDirectory(
      atPath: (inbox as NSString).appendingPathComponent("dwf"),
      withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `text` to `name` inside `inbox/` (or `inbox/dwf/` for `dwf/NAME`) and returns its path.
  @discardableResult
  func drop(_ name: String, text: String) throws -> String {
    let file = (inbox as NSString).appendingPathComponent(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }

  func file(_ relativePath: String) -> String {
    (path as NSString).appendingPathComponent(relativePath)
  }

  func contents(of path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  func names(in relativeFolder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: file(relativeFolder)).sorted()
  }
}
