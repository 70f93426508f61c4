import Testing

@testable import CLI

struct ExtraArgumentTests {
  @Test func inspectRejectsSecondFile() {
    let result = runKometDWF(["inspect", "customers.xlsx", "locations.xlsx"])

    #expect(result.status == 64)
    #expect(
      result.error
        == "komet-dwf: unexpected argument 'locations.xlsx': inspect reads one file. Run"
        + " inspect once for each file; usage is komet-dwf inspect FILE [--sheet NAME|NUMBER]"
        + " [--format table|csv|json].\n")
  }

  @Test func inspectWithoutFileNamesUsage() {
    let result = runKometDWF(["inspect"])

    #expect(result.status == 64)
    #expect(
      result.error
        == "komet-dwf: missing FILE: usage is komet-dwf inspect FILE [--sheet NAME|NUMBER]"
        + " [--format table|csv|json]. Run 'komet-dwf help' for usage.\n")
  }
}
