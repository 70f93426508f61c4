import Foundation

/// Locates files under `Tests/Fixtures`, from this source file's own path, so tests need
/// nothing outside the repository.
enum FixturePaths {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static let corpus = fixtures.appendingPathComponent("corpus")

  /// Returns the path of `relative` under `Tests/Fixtures/corpus`.
  static func corpusFile(_ relative: String) -> String {
    corpus.appendingPathComponent(relative).path
  }
}

/// A temporary folder for one test, removed when the value is released.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("komet-dwf-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `bytes` to `name` in the folder and returns the file's path.
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file.path
  }
}
