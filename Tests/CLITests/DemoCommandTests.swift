import Foundation
import Testing

@testable import CLI

struct DemoCommandTests {
  // `demo` blocks its thread until the pipeline's task ends, so it runs off the test pool.
  @Test("the demo runs one full cycle and lists every artifact it wrote")
  func demoRunsOneCycle() async throws {
    let folder = try ScratchFolder()
    let workspace = folder.url.appendingPathComponent("demo").path

    let result = await runOffPool(
      ["demo", "--samples", repositoryPath("Samples"), "--workspace", workspace],
      ["KOMET_API_URL": "https://api.kometsales.com/api/"])

    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("3 file(s) processed, 0 failed, 0 waiting"))
    #expect(result.output.contains("onboarding files for DWF (komet-dwf onboarding): complete"))
    let manager = FileManager.default
    let processed = try manager.contentsOfDirectory(atPath: workspace + "/inbox/processed")
    #expect(processed.count == 1)
    let day = try #require(processed.first)
    let taken = try manager.contentsOfDirectory(atPath: workspace + "/inbox/processed/" + day)
    #expect(Set(taken) == Set(DemoCommand.sampleExports))

    // Every file the summary lists exists, and every drop file is listed.
    let drops = try manager.contentsOfDirectory(atPath: workspace + "/outbox/dwf/inventory")
    #expect(drops.filter { $0.hasSuffix(".csv") }.count == 1)
    for name in drops {
      #expect(result.output.contains("outbox/dwf/inventory/" + name))
    }
    for name in ["ids.json", "carriers.json", "ship-tos.json", "locations.json"] {
      #expect(manager.fileExists(atPath: workspace + "/outbox/dwf/onboarding/" + name))
      #expect(result.output.contains("outbox/dwf/onboarding/" + name))
    }

    // The caller's KOMET_API_URL named a real host, and the demo ignored it.
    let config = try String(contentsOfFile: workspace + "/komet-dwf.json", encoding: .utf8)
    #expect(config.contains("http://127.0.0.1:"))
    #expect(!result.error.contains("api.kometsales.com"))
  }

  @Test("a workspace folder that is not empty is refused")
  func demoRefusesUsedFolder() throws {
    let folder = try ScratchFolder()
    try Data("keep".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))

    let result = runKometDWF(
      ["demo", "--samples", repositoryPath("Samples"), "--workspace", folder.url.path])

    #expect(result.status == 73)
    #expect(result.error.contains("is not empty"))
    let kept = try String(
      contentsOf: folder.url.appendingPathComponent("notes.txt"), encoding: .utf8)
    #expect(kept == "keep")
  }

  @Test func demoWithoutSamplesSaysWhereToRun() throws {
    let folder = try ScratchFolder()

    let result = runKometDWF(["demo", "--samples", folder.url.path])

    #expect(result.status == 66)
    #expect(result.error.contains("Run the demo from the repository's top folder"))
  }
}
