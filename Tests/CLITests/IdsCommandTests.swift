import Foundation
import Testing

@testable import CLI

struct IdsCommandTests {
  private let customers = repositoryPath("Samples/komet-customers.xlsx")
  private let locations = repositoryPath("Samples/komet-locations.xlsx")

  @Test func samplesGiveDWFCustomerAndLocations() {
    let result = runKometDWF(["ids", customers, locations])

    #expect(result.status == 0)
    #expect(result.output.contains("DWF customer (exact match on \"DWF\"):"))
    #expect(result.output.contains("  10012  DWF Wholesale Florists  DWF   6    active"))
    #expect(result.output.contains("  200104  Medellin Packhouse  MDE   5"))
    #expect(!result.output.contains("Dwfield Farms"))
  }

  @Test func jsonListsEveryCustomerAndLocation() throws {
    let result = runKometDWF(["ids", customers, locations, "--json"])

    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let dwf = try #require(object["dwfCustomer"] as? [String: Any])
    #expect(dwf["id"] as? String == "10012")
    #expect((object["customers"] as? [Any])?.count == 10)
    let ids = (object["locations"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == ["200101", "200102", "200103", "200104"])
  }

  @Test func inactiveLookAlikeCountsWhenIncluded() {
    let result = runKometDWF(["ids", customers, "--include-inactive", "--customer", "wholesale"])

    #expect(result.status == 65)
    #expect(result.output.contains("Several customers match \"wholesale\", so none was chosen:"))
    #expect(result.output.contains("  10015  DWF Wholesale Florists (old account)  DWF-OLD  7"))
  }

  @Test func inactiveLookAlikeIsSkippedByDefault() {
    let result = runKometDWF(["ids", customers, "--customer", "wholesale"])

    #expect(result.status == 0)
    #expect(result.output.contains("Skipped as inactive"))
  }

  @Test func severalMatchesExitSixtyFive() throws {
    let folder = try ScratchFolder()
    let path = try folder.write(
      "Customer ID,Name,Code\n1,DWF Miami,DWFM\n2,DWF Atlanta,DWFA\n3,Roses Ltd,ROSE\n",
      to: "customers.csv")

    let result = runKometDWF(["ids", path])

    #expect(result.status == 65)
    #expect(result.output.contains("DWF Miami"))
    #expect(result.output.contains("DWF Atlanta"))
  }

  @Test func customerOptionSettlesAmbiguity() throws {
    let folder = try ScratchFolder()
    let path = try folder.write(
      "Customer ID,Name,Code\n1,DWF Miami,DWFM\n2,DWF Atlanta,DWFA\n", to: "customers.csv")

    let result = runKometDWF(["ids", path, "--customer", "DWF Atlanta", "--json"])

    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect((object["dwfCustomer"] as? [String: Any])?["id"] as? String == "2")
  }

  @Test func fileThatIsNoExportNamesItsHeaders() throws {
    let folder = try ScratchFolder()
    let path = try folder.write("Product,Colour,Stems\nRose,Red,25\n", to: "prices.csv")

    let result = runKometDWF(["ids", path])

    #expect(result.status == 65)
    #expect(result.error.contains("Product"))
    #expect(result.error.contains("Colour"))
  }

  @Test func jsonWithoutMatchGivesReasonOnStandardError() throws {
    let result = runKometDWF(["ids", customers, "--json", "--customer", "Nobody"])

    #expect(result.status == 65)
    #expect(
      result.error == "komet-dwf: no active customer matches \"Nobody\" as a whole word of"
        + " its name or code. Pass --customer with the name, code or ID of the DWF customer record.\n"
    )
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["dwfCustomer"] is NSNull)
  }
}
