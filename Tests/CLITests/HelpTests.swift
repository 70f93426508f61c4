import Testing

@testable import CLI

struct HelpTests {
  @Test(arguments: ["inspect", "ids", "demo"])
  func commandHelpFlagPrintsThatCommand(command: String) {
    for flag in ["--help", "-h"] {
      let result = runKometDWF([command, flag])

      #expect(result.status == 0)
      #expect(result.output.hasPrefix("komet-dwf \(command) "))
      #expect(result.output.contains("Exit statuses:"))
      #expect(result.error == "")
    }
  }

  @Test func helpListsEveryCommand() {
    let result = runKometDWF(["help"])

    #expect(result.status == 0)
    for usage in [InspectCommand.usage, IdsCommand.usage, DemoCommand.usage] {
      #expect(result.output.contains(usage))
    }
  }

  @Test func helpTopicMustBeACommand() {
    let result = runKometDWF(["help", "export"])

    #expect(result.status == 64)
    #expect(result.error.hasPrefix("komet-dwf: unknown command 'export'."))
  }

  @Test func versionPrintsVersion() {
    let result = runKometDWF(["--version"])

    #expect(result.status == 0)
    #expect(result.output == "komet-dwf \(version)\n")
  }

  @Test func noArgumentsPrintsHelpToStandardError() {
    let result = runKometDWF([])

    #expect(result.status == 64)
    #expect(result.output == "")
    #expect(result.error.contains("Commands:"))
  }
}
