import Foundation
import Testing

@testable import KometExports

struct HeaderSynonymsTests {
  @Test(arguments: [
    ("Customer ID", "customerid"),
    ("customer_id", "customerid"),
    ("CUSTOMER-ID", "customerid"),
    ("  Customer  Id. ", "customerid"),
    ("CustomerId", "customerid"),
    ("State/Province", "stateprovince"),
    ("Customer #", "customernumber"),
    ("Zip Code:", "zipcode"),
  ])
  func normalizeDropsCaseSpacesAndPunctuation(header: String, expected: String) {
    #expect(HeaderSynonyms.normalize(header) == expected)
  }

  @Test(arguments: [
    ("Id", ExportField.id),
    ("ID", .id),
    ("Customer Id", .id),
    ("Customer ID", .id),
    ("CustomerId", .id),
    ("customer_id", .id),
    ("Cust. ID", .id),
    ("Name", .name),
    ("Customer", .name),
    ("Customer Name", .name),
    ("Company Name", .name),
    ("Code", .code),
    ("Customer Code", .code),
    ("Active", .active),
    ("Is Active?", .active),
    ("Inactive", .inactive),
    ("Status", .status),
    ("Customer Type", .distinctive),
    ("Sales Person", .distinctive),
    ("Salesperson", .distinctive),
    ("Payment Terms", .distinctive),
    ("Credit Limit", .distinctive),
    ("Price List", .distinctive),
    ("Carrier", .distinctive),
  ])
  func customerHeaderNamesField(header: String, field: ExportField) {
    #expect(HeaderSynonyms.field(forHeader: header, in: .customers) == field)
  }

  @Test(arguments: [
    ("Id", ExportField.id),
    ("Location Id", .id),
    ("LOCATION_ID", .id),
    ("Name", .name),
    ("Location Name", .name),
    ("Location", .name),
    ("Code", .code),
    ("Location Code", .code),
    ("Address", .distinctive),
    ("City", .distinctive),
    ("State", .distinctive),
    ("Zip", .distinctive),
    ("ZIP code", .distinctive),
    ("Country", .distinctive),
    ("Phone", .distinctive),
  ])
  func locationHeaderNamesField(header: String, field: ExportField) {
    #expect(HeaderSynonyms.field(forHeader: header, in: .locations) == field)
  }

  @Test(arguments: [
    ("Customer #", ExportKind.customers),
    ("Location ID", .customers),
    ("Customer ID", .locations),
    ("City", .customers),
    ("Credit Limit", .locations),
    ("Notes", .customers),
    ("Customers", .customers),
  ])
  func headerOfOtherKindNamesNoField(header: String, kind: ExportKind) {
    #expect(HeaderSynonyms.field(forHeader: header, in: kind) == nil)
  }
}

struct HeaderSynonymsDocumentationTests {
  /// Returns the lines of `docs/exports.md` under the heading, up to the next heading.
  private func section(_ heading: String) throws -> String {
    let docs = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/exports.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let start = try #require(text.range(of: "## \(heading)\n"))
    let rest = text[start.upperBound...]
    let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  @Test(arguments: [(ExportKind.customers, "Customers export"), (.locations, "Locations export")])
  func docsListEveryHeader(kind: ExportKind, heading: String) throws {
    let text = try section(heading)

    for (field, headers) in HeaderSynonyms.headers(of: kind) {
      for header in headers {
        #expect(text.contains("`\(header)`"), "\(field) header \(header) is not in the docs")
      }
    }
  }
}
