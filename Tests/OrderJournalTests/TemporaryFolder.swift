import Foundation
import Testing

/// A new folder under the system's temporary folder, removed with everything in it when the
/// object is released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("order-journal-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Returns the path of `name` inside the folder.
  func file(_ name: String) -> String {
    (path as NSString).appendingPathComponent(name)
  }

  /// Returns the permission bits of the file or folder at `path`.
  static func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
    return permissions.intValue & 0o777
  }
}
