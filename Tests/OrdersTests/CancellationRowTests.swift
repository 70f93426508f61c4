import Foundation
import Testing

@testable import Orders

struct CancellationRowTests {
  static let header =
    "order_number,ship_date,carrier_code,inventory_id,origin,quantity,unit_price,action\n"

  @Test func cancellationBesideLineRowsIsOrderProblem() throws {
    let file = try parseOrders(
      Self.header + "CX-1,2030-06-03,ARM,5100012,OH,1,0.65,\n"
        + "CX-1,2030-06-03,ARM,5100013,OH,2,0.70,\n" + "CX-1,,,,,,,cancel\n")

    let order = try #require(file.orders.first)
    #expect(file.orders.count == 1)
    #expect(order.action == .place)
    #expect(order.lines.count == 2)
    let problem = try #require(order.fieldProblems.first)
    #expect(
      problem.reason
        == .cancellationAmongLines(cancellation: .csvRow(4), lineRows: [.csvRow(2), .csvRow(3)]))
    #expect(problem.description.contains("row 2, row 3"))
    #expect(problem.description.contains("cancellation (row 4)"))
  }

  @Test func cancellationRowWithLineCellsStaysCancellation() throws {
    let file = try parseOrders(Self.header + "CX-2,2030-06-03,ARM,5100012,OH,1,0.65,cancel\n")

    let order = try #require(file.orders.first)
    #expect(order.action == .cancel)
    #expect(order.fieldProblems.isEmpty)
  }

  @Test func cancellationAloneHasNoProblem() throws {
    let file = try parseOrders(Self.header + "CX-3,,,,,,,CANCEL\n")

    let order = try #require(file.orders.first)
    #expect(order.action == .cancel)
    #expect(order.lines.isEmpty)
    #expect(order.fieldProblems.isEmpty)
  }

  @Test func mixedOrderRejectedByValidator() throws {
    let file = try parseOrders(
      Self.header + "CX-4,2030-06-03,ARM,5100012,OH,1,0.65,\n" + "CX-4,,,,,,,cancel\n")
    let validator = OrderValidator(
      today: OrderDate(year: 2026, month: 5, day: 1), locationIds: [], defaultLocationId: nil,
      inventory: [])

    let validation = try #require(validator.validate(file).first)

    #expect(!validation.goesAhead)
    #expect(validation.lines.count == 1)
    #expect(
      validation.orderProblems.contains {
        if case .cancellationAmongLines = $0.reason { return true }
        return false
      })
  }
}
