import Foundation
import Inventory
import OrderJournal
import Orders

/// The outcome of validating an order's retryable lines again: the reason each failing line
/// is rejected, by line number.
struct RetryValidation {
  /// The lines that still fail, with the reason stored in the journal and the ack.
  var rejections: [Int: String]
  /// The retryable lines that pass.
  var passing: [Int]
  /// The location the order is placed at by today's settings, which a group journaled with
  /// no location takes.
  var locationId: String?

  /// Validates `lines` of `order` with `validator`, as if the order had arrived with only
  /// those lines, so the validator's rules apply unchanged.
  init(order: OrderSnapshot, lines: [LineSnapshot], validator: OrderValidator) {
    let validation = validator.validate(Self.order(from: order, lines: lines))

    // The two summary problems restate the lines' own problems, so they are left out.
    let orderReasons = validation.orderProblems.filter { problem in
      switch problem.reason {
      case .noAcceptedLine, .rejectedLinesWithAllOrNothing: return false
      default: return true
      }
    }.map(Self.reasonText)

    var rejections: [Int: String] = [:]
    var passing: [Int] = []
    for (index, line) in validation.lines.enumerated() {
      let number = lines[index].key.lineNumber
      let reasons = orderReasons + line.problems.map(Self.reasonText)
      if reasons.isEmpty {
        passing.append(number)
      } else {
        rejections[number] = reasons.joined(separator: " ")
      }
    }

    if validator.allOrNothing, !rejections.isEmpty {
      let failing = Self.lineList(rejections.keys.sorted())
      for number in passing {
        rejections[number] =
          "passes validation but is not sent again, because \(failing) still"
          + " fail and orders.allOrNothing is set."
      }
      passing = []
    }
    self.rejections = rejections
    self.passing = passing
    self.locationId = validation.locationId
  }

  /// Builds the order file's view of a journaled order, with only `lines`.
  static func order(from order: OrderSnapshot, lines: [LineSnapshot]) -> DWFOrder {
    let group = order.groups.first
    let carrier: CarrierReference? =
      switch order.carrier {
      case .id(let id): .id(id)
      case .code(let code): .code(code)
      case nil: nil
      }
    let orderLines = lines.map { line in
      DWFOrderLine(
        lineNumber: line.key.lineNumber, positionInOrder: line.key.lineNumber,
        inventoryId: line.inventoryId, origin: line.origin, quantity: line.quantity,
        unitPrice: line.unitPrice, markCode: line.markCode,
        position: .jsonPath("order \(order.orderNumber) line \(line.key.lineNumber)"))
    }
    return DWFOrder(
      orderNumber: order.orderNumber, action: .place,
      shipDate: group.flatMap { OrderDate($0.shipDate) }, carrier: carrier,
      shipToId: order.shipToId, locationId: group?.locationId, customerPO: order.customerPO,
      lines: orderLines, position: .jsonPath("order \(order.orderNumber)"),
      digest: order.contentDigest)
  }

  /// Returns the problem's text without the position it starts with, because the journal
  /// stores the reason on its line.
  ///
  /// NOTE: `OrderProblem` makes its text only as `"POSITION: REASON"`, so this cuts the
  /// position off by length.
  static func reasonText(_ problem: OrderProblem) -> String {
    let prefix = "\(problem.position): "
    let text = problem.description
    return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
  }

  /// Returns `line 4` or `lines 1, 3`.
  static func lineList(_ numbers: [Int]) -> String {
    let list = numbers.map(String.init).joined(separator: ", ")
    return numbers.count == 1 ? "line \(list)" : "lines \(list)"
  }
}
