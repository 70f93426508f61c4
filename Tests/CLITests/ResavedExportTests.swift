import Foundation
import Testing

@testable import CLI

/// Re-saved copies of the samples (LibreOffice .xlsx, semicolon CSV, Windows-1252 CSV, HTML
/// saved as .xls) must give the same IDs as the samples themselves.
struct ResavedExportTests {
  @Test(arguments: ["libreoffice.xlsx", "semicolon.csv", "cp1252.csv", "html.xls"])
  func resavedExportGivesSameIDs(variant: String) throws {
    let customers = repositoryPath("Tests/Fixtures/resaved/komet-customers.\(variant)")
    let locations = repositoryPath("Tests/Fixtures/resaved/komet-locations.\(variant)")

    let result = runKometDWF(["ids", customers, locations, "--json"])

    #expect(result.status == 0, "\(result.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let dwf = object["dwfCustomer"] as? [String: Any]
    #expect(dwf?["id"] as? String == "10012")
    #expect(dwf?["name"] as? String == "DWF Wholesale Florists")
    let names = (object["customers"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
    #expect(names?.contains("Fleurs Bogotá Importación") == true)
    #expect(names?.count == 10)
    let ids = (object["locations"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == ["200101", "200102", "200103", "200104"])
  }
}
