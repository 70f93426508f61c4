import Foundation
import Testing

@testable import InventoryFeed

struct ColumnTests {
  @Test(arguments: [
    ("2.5", "2.50"), ("3", "3.00"), ("0.125", "0.125"), ("12345678.99", "12345678.99"),
    ("1E+2", "100.00"), ("0.05", "0.05"),
  ])
  func priceTextIsExact(input: String, expected: String) throws {
    let price = try #require(Decimal(string: input, locale: Locale(identifier: "en_US_POSIX")))
    #expect(InventoryColumns.priceText(price) == expected)
  }

  @Test func columnListsMatch() {
    #expect(InventoryColumns.csvNames.count == InventoryColumns.jsonKeys.count)
    #expect(InventoryColumns.csvNames.count == 14)
  }
}
