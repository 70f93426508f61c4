import Testing

@testable import CLI

struct DemoCommandTests {
  @Test func demoRunsOnSamplesAndListsMissingParts() {
    let result = runKometDWF(["demo", "--samples", repositoryPath("Samples")])

    #expect(result.status == 0)
    #expect(result.output.contains("10012  DWF Wholesale Florists"))
    #expect(result.output.contains("$ komet-dwf inspect "))
    #expect(result.output.contains("Not built yet"))
  }

  @Test func demoWithoutSamplesSaysWhereToRun() throws {
    let folder = try ScratchFolder()

    let result = runKometDWF(["demo", "--samples", folder.url.path])

    #expect(result.status == 66)
    #expect(result.error.contains("Run the demo from the repository's top folder"))
  }
}
