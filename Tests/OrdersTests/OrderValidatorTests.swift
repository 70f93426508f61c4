import Foundation
import Inventory
import Testing

@testable import Orders

struct OrderValidatorTests {
  private func validate(
    _ rows: String, with validator: OrderValidator = validator()
  ) throws -> [OrderValidation] {
    validator.validate(try parseOrders(csvHeader + rows))
  }

  @Test func validOrderGoesAhead() throws {
    let result = try validate(
      "A,,2030-06-03,3101,,5100001,OH,4,0.45,,\nA,,,,,7300001,FS,1,5.30,,\n")
    #expect(result[0].goesAhead)
    #expect(result[0].orderProblems.isEmpty)
    #expect(result[0].acceptedLines.map(\.inventoryId) == ["5100001", "7300001"])
    #expect(result[0].locationId == "200101")
  }

  @Test(arguments: [
    ("A,,2030-06-03,,,5100001,OH,0,0.45,,", OrderProblem.Reason.notPositive),
    ("A,,2030-06-03,,,5100001,OH,-2,0.45,,", .notPositive),
    ("A,,2030-06-03,,,5100001,OH,1,0.455,,", .tooManyDecimalPlaces),
    ("A,,2030-06-03,,,5100001,OH,1,-0.45,,", .priceOutOfRange),
    ("A,,2030-06-03,,,5100001,OH,1,100000000,,", .priceOutOfRange),
    ("A,,2030-06-03,,,5100001,OH,1,0.46,,", .priceMismatch(snapshot: 0.45, tolerance: 0)),
    ("A,,2030-06-03,,,5100009,OH,1,0.45,,", .inventoryNotFound),
    ("A,,2030-06-03,,,51-0001,OH,1,0.45,,", .notDigits),
    ("A,,2030-06-03,,,5100001,FS,1,0.45,,", .originMismatch(snapshot: "OH")),
    ("A,,2030-06-03,,,5100027,OH,1,0.60,,", .locationMismatch(snapshot: "200102", order: "200101")),
    ("A,,2030-06-03,,,5100001,OH,1,0.45,ABCDEFGHIJKLMNOPQRSTU,", .tooLong(maximum: 20)),
    ("A,,2030-06-03,,,,OH,1,0.45,,", .missing),
    ("A,,2030-06-03,,,5100001,,1,0.45,,", .missing),
    ("A,,2030-06-03,,,5100001,OH,,0.45,,", .missing),
    ("A,,2030-06-03,,,5100001,OH,1,,,", .missing),
  ])
  func badLineIsRejected(row: String, reason: OrderProblem.Reason) throws {
    let result = try validate(row + "\nA,,,,,5100005,OH,1,3.25,,\n")
    #expect(result[0].rejectedLines.count == 1)
    #expect(result[0].rejectedLines.first?.problems.map(\.reason) == [reason])
    #expect(result[0].rejectedLines.first?.line.position == .csvRow(2))
    #expect(result[0].goesAhead)
    #expect(result[0].acceptedLines.map(\.inventoryId) == ["5100005"])
  }

  @Test func priceWithinToleranceAccepted() throws {
    let result = try validate(
      "A,,2030-06-03,,,5100001,OH,1,0.47,,\n", with: validator(tolerance: 0.02))
    #expect(result[0].acceptedLines.count == 1)
  }

  @Test func shortQuantityIsNoError() throws {
    let result = try validate("A,,2030-06-03,,,5100005,OH,50,3.25,,\n")
    #expect(result[0].acceptedLines.first?.quantity == 50)
  }

  @Test(arguments: [
    (
      "A,,2030-05-31,,,5100001,OH,1,0.45,,",
      OrderProblem.Reason.pastDate(today: OrderDate("2030-06-01")!, timeZone: nil)
    ),
    ("A,,,,,5100001,OH,1,0.45,,", .missing),
    ("A,,2030-06-03,31x,,5100001,OH,1,0.45,,", .notDigits),
    ("A,,2030-06-03,,200109,5100001,OH,1,0.45,,", .unknownLocation(known: ["200101", "200102"])),
  ])
  func badOrderFieldRejectsOrder(row: String, reason: OrderProblem.Reason) throws {
    let result = try validate(row + "\n")
    #expect(!result[0].goesAhead)
    #expect(result[0].orderProblems.map(\.reason) == [reason])
    #expect(result[0].acceptedLines.isEmpty)
  }

  @Test func todayIsNotPast() throws {
    #expect(try validate("A,,2030-06-01,,,5100001,OH,1,0.45,,\n")[0].goesAhead)
  }

  @Test func locationRequiredWithoutDefault() throws {
    let result = try validate(
      "A,,2030-06-03,,,5100001,OH,1,0.45,,\n", with: validator(defaultLocationId: nil))
    #expect(result[0].orderProblems.map(\.reason) == [.locationRequired])
  }

  @Test func carrierRequiredWithoutDefault() throws {
    let result = try validate(
      "A,,2030-06-03,,,5100001,OH,1,0.45,,\nB,,2030-06-03,3101,,5100001,OH,1,0.45,,\n",
      with: validator(hasDefaultCarrier: false))
    #expect(result[0].orderProblems.map(\.reason) == [.carrierRequired])
    #expect(result[0].orderProblems.first?.description.contains("carrier_code") == true)
    #expect(result[1].goesAhead)
  }

  @Test func pastDateNamesUTC() throws {
    var checker = validator()
    checker.timeZone = TimeZone(identifier: "UTC")
    let result = try validate("A,,2030-05-30,,,5100001,OH,1,0.45,,\n", with: checker)
    let message = try #require(result[0].orderProblems.first?.description)
    #expect(message.contains("today is 2030-06-01 in UTC"), "\(message)")
  }

  @Test func dropPriceWithThreeDecimalsComparedInCents() throws {
    var checker = validator()
    let items = checker.inventory.map { item -> InventoryItem in
      var item = item
      if item.inventoryId == "5100001" { item.unitPrice = Decimal(string: "1.125")! }
      return item
    }
    checker = OrderValidator(
      today: checker.today, locationIds: checker.locationIds,
      defaultLocationId: checker.defaultLocationId, inventory: items)

    let atCents = try validate("A,,2030-06-03,,,5100001,OH,1,1.13,,\n", with: checker)
    let below = try validate("A,,2030-06-03,,,5100001,OH,1,1.12,,\n", with: checker)

    #expect(atCents[0].goesAhead)
    #expect(
      below[0].rejectedLines.first?.problems.map(\.reason) == [
        .priceMismatch(snapshot: Decimal(string: "1.13")!, tolerance: 0)
      ])
  }

  @Test func singleLocationNeedsNoDefault() throws {
    let result = try validate(
      "A,,2030-06-03,,,5100001,OH,1,0.45,,\n",
      with: validator(locationIds: ["200101"], defaultLocationId: nil))
    #expect(result[0].goesAhead)
    #expect(result[0].locationId == "200101")
  }

  @Test func duplicateLineNumberRejected() throws {
    let result = try validate(
      "A,1,2030-06-03,,,5100001,OH,1,0.45,,\nA,1,,,,5100005,OH,1,3.25,,\n")
    #expect(
      result[0].rejectedLines.map { $0.problems.map(\.reason) } == [
        [.duplicateLineNumber(firstPosition: .csvRow(2))]
      ])
    #expect(result[0].rejectedLines.first?.line.position == .csvRow(3))
  }

  @Test func allOrNothingRejectsOrder() throws {
    let result = try validate(
      "A,,2030-06-03,,,5100001,OH,1,0.45,,\nA,,,,,5100009,OH,1,0.45,,\n",
      with: validator(allOrNothing: true))
    #expect(!result[0].goesAhead)
    #expect(
      result[0].orderProblems.map(\.reason) == [.rejectedLinesWithAllOrNothing(lineNumbers: ["2"])])
    #expect(result[0].acceptedLines.isEmpty)
  }

  @Test func everyLineRejectedRejectsOrder() throws {
    let result = try validate("A,,2030-06-03,,,5100009,OH,1,0.45,,\n")
    #expect(result[0].orderProblems.map(\.reason) == [.noAcceptedLine])
  }

  @Test func cancellationNeedsOnlyNumber() throws {
    let result = try validate("C,,,,,,,,,,cancel\n", with: validator(defaultLocationId: nil))
    #expect(result[0].goesAhead)
    #expect(result[0].order.action == .cancel)
  }

  @Test func everyErrorReportedAtOnce() throws {
    let result = try validate(
      "A,,2030-05-01,,,5100009,OH,1,0.45,,\nA,,,,,5100001,OH,x,0.45,,\n"
        + "B,,2030-06-03,,,5100001,OH,1,0.456,,\nB,,,,,5100005,OH,1,3.25,,\n")
    #expect(result.count == 2)
    let pastDate = OrderProblem.Reason.pastDate(today: OrderDate("2030-06-01")!, timeZone: nil)
    #expect(result[0].orderProblems.map(\.reason).contains(pastDate))
    #expect(result[0].rejectedLines.map(\.line.position) == [.csvRow(2), .csvRow(3)])
    #expect(result[1].rejectedLines.map(\.line.position) == [.csvRow(4)])
    #expect(result[1].goesAhead)
  }

  @Test func duplicateJSONOrderNumberRejected() throws {
    let json = """
      {"formatVersion": 1, "orders": [
        {"orderNumber": "A", "shipDate": "2030-06-03", "lines": [
          {"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": 0.45}]},
        {"orderNumber": "A", "action": "cancel"}]}
      """
    let result = validator().validate(try parseOrders(json, name: "o.json"))
    #expect(result[0].goesAhead)
    #expect(
      result[1].orderProblems.map(\.reason) == [
        .duplicateOrderNumber(firstPosition: .jsonPath("orders[0]"))
      ])
  }
}
