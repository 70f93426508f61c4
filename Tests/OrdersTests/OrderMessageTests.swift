import Foundation
import Inventory
import Testing

@testable import Orders

/// The text of validation messages: values as written, the column or JSON key, and the day
/// and time zone a ship date is compared with.
struct OrderMessageTests {
  private func lineMessage(_ row: String, with validator: OrderValidator = validator()) throws
    -> String
  {
    let result = validator.validate(try parseOrders(csvHeader + row + "\n"))
    return try #require(result[0].rejectedLines.first?.problems.first).description
  }

  @Test(arguments: [
    (
      "A,,2030-06-03,,,5100001,OH,-0,0.45,,",
      "row 2, column 8 (quantity): quantity \"-0\" must be at least 1 box."
    ),
    (
      "A,,2030-06-03,,,5100001,OH,1,0.455,,",
      "row 2, column 9 (unit_price): unit_price \"0.455\" has more than 2 decimal places."
    ),
    (
      "A,,2030-06-03,,,5100001,OH,1,-0,,",
      "row 2, column 9 (unit_price): unit_price \"-0\" differs from the inventory price 0.45"
        + " by more than the tolerance 0.00; order at the current price."
    ),
    (
      "A,,2030-06-03,,,5100001,OH,1,0.50,,",
      "row 2, column 9 (unit_price): unit_price \"0.50\" differs from the inventory price 0.45"
        + " by more than the tolerance 0.00; order at the current price."
    ),
  ])
  func lineMessageShowsValueAsWritten(row: String, message: String) throws {
    #expect(try lineMessage(row) == message)
  }

  @Test func inventoryPriceShownWithCents() throws {
    let items = [
      InventoryItem(
        inventoryId: "5100016", origin: .onHand, boxesAvailable: 1,
        unitPrice: Decimal(string: "1.5")!, locationId: "200101")
    ]
    let validator = OrderValidator(
      today: OrderDate("2030-06-01")!, locationIds: ["200101"], defaultLocationId: "200101",
      inventory: items, priceTolerance: Decimal(string: "0.1")!)
    #expect(
      try lineMessage("A,,2030-06-03,,,5100016,OH,1,1.70,,", with: validator)
        == "row 2, column 9 (unit_price): unit_price \"1.70\" differs from the inventory price"
        + " 1.50 by more than the tolerance 0.10; order at the current price.")
  }

  @Test func jsonMessageNamesKey() throws {
    let json = """
      {"formatVersion": 1, "orders": [{"orderNumber": "A", "shipDate": "2030-06-03",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": 0, "unitPrice": 0.45}]}]}
      """
    let result = validator().validate(try parseOrders(json, name: "orders.json"))
    #expect(
      result[0].rejectedLines.first?.problems.first?.description
        == "orders[0].lines[0].quantity: quantity \"0\" must be at least 1 box.")
  }

  @Test func pastDateNamesTimeZone() throws {
    let validator = OrderValidator(
      today: OrderDate("2030-06-01")!, locationIds: [], defaultLocationId: nil,
      inventory: snapshot, timeZone: TimeZone(identifier: "America/Bogota"))
    let result = validator.validate(
      try parseOrders(csvHeader + "A,,2030-05-31,,,5100001,OH,1,0.45,,\n"))
    #expect(
      result[0].orderProblems.first?.description
        == "row 2, column 3 (ship_date): ship_date \"2030-05-31\" is in the past (today is"
        + " 2030-06-01 in America/Bogota, the zone komet.quota.timeZone sets); send a current"
        + " ship date.")
  }

  @Test(arguments: [
    ("2026-02-30", "is not a day of the calendar; check the month and the day."),
    ("2026-2-3", "is not a date written YYYY-MM-DD, such as 2025-03-14."),
  ])
  func impossibleDateMessage(date: String, ending: String) throws {
    let result = validator().validate(
      try parseOrders(csvHeader + "A,,\(date),,,5100001,OH,1,0.45,,\n"))
    let message = try #require(result[0].orderProblems.first?.description)
    #expect(message == "row 2, column 3 (ship_date): ship_date \"\(date)\" \(ending)")
  }

  @Test func duplicateLineNumberShowsText() throws {
    let result = try validate("A,1,2030-06-03,,,5100001,OH,1,0.45,,\nA,01,,,,5100005,OH,1,3.25,,\n")
    #expect(
      result[0].rejectedLines.first?.problems.first?.description
        == "row 3, column 2 (line_number): line number \"01\" is used again in the same order"
        + " (first at row 2); give each line its own number.")
  }

  private func validate(_ rows: String) throws -> [OrderValidation] {
    validator().validate(try parseOrders(csvHeader + rows))
  }
}
