import Foundation
import Testing

/// Checks that `docs/operations.md` shows the very blocks that the live sshd test runs.
@Suite struct OperationsDocumentTests {
  static let document = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/operations.md")

  @Test(arguments: [
    ("sh", OperationsGuide.accounts), ("sh", OperationsGuide.layout),
    ("text", OperationsGuide.sshdConfig),
  ])
  func documentShowsTestedBlock(language: String, template: String) throws {
    let text = try String(contentsOf: Self.document, encoding: .utf8)
    let block = OperationsGuide.render(template, with: .documented)
    #expect(text.contains("```\(language)\n\(block)```\n"), "missing block:\n\(block)")
  }

  @Test func documentNamesLiveTest() throws {
    let text = try String(contentsOf: Self.document, encoding: .utf8)
    #expect(text.contains("dwfAccountReachesOnlyItsFolders"))
  }
}
