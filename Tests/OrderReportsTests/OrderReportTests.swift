import Foundation
import Inventory
import OrderJournal
import Testing

@testable import OrderReports

struct OrderReportTests {
  let standardFees = FeeSettings(rate: decimal("0.015"), isOnHandOnly: false)

  @Test func singleLineAmountAndFee() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(
      ReceivedOrder(
        orderNumber: "DWF-1", shipDate: "2030-05-01", sourceFile: "one.json",
        lines: [line(1, "9001", .onHand, boxes: 3, price: "0.45", unitsPerBox: 25)]))
    try scratch.create("DWF-1", origin: .onHand, webOrderId: "W1")
    try scratch.add("DWF-1", line: 1, outcome: .accepted(itemId: nil))

    let report = OrderReport(try scratch.snapshot("DWF-1"), fees: standardFees)
    #expect(report.lines.first?.lineAmount == "33.75")
    #expect(report.lines.first?.unitPrice == "0.45")
    #expect(report.totals.acceptedInvoiceAmount == "33.75")
    #expect(report.fee.countedAmount == "33.75")
    // 33.75 x 0.015 = 0.50625, rounded half up to cents.
    #expect(report.fee.estimatedFee == "0.51")
    #expect(report.fee.rate == "0.015")
    #expect(report.fee.isEstimate)
    #expect(report.state == "settled")
    #expect(report.customerPO == nil)
  }

  @Test func groupWithoutSentLineSaysWhy() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(
      ReceivedOrder(
        orderNumber: "DWF-2", shipDate: "2030-05-01", sourceFile: "two.json",
        lines: [
          line(1, "9001", .onHand, boxes: 3, price: "0.45", unitsPerBox: 25),
          line(
            2, "7300", .future, boxes: 1, price: "5.30", unitsPerBox: 10,
            rejection: "inventory 7300 not in the snapshot"),
        ]))

    let report = OrderReport(try scratch.snapshot("DWF-2"), fees: standardFees)
    #expect(report.webOrders.map(\.origin) == ["OH", "FS"])
    #expect(report.webOrders[0].missingWebOrder == "not created yet")
    #expect(
      report.webOrders[1].missingWebOrder == "none, because no line of this group went to Komet")
    #expect(report.text().contains("Komet web order none, because no line of this group"))
  }

  @Test func mixedOrderLinesAndStates() throws {
    let scratch = try ReportWorkspace()
    let report = OrderReport(try placeMixedOrder(scratch), fees: standardFees)

    #expect(report.orderNumber == "DWF-7")
    #expect(report.sourceFile == "orders-1.csv")
    #expect(report.customerPO == "PO 55")
    #expect(report.state == "review")
    #expect(
      report.lines.map(\.state) == [
        "accepted", "accepted", "accepted", "rejected", "waiting", "review",
      ])
    #expect(report.lines.map(\.lineAmount) == ["33.75", "22.00", nil, "11.88", "20.00", "30.00"])
    #expect(report.lines.map(\.webOrderId) == ["W-OH", "W-FS", "W-OH", nil, nil, nil])
    #expect(report.lines[3].reason == "inventory 4040 not in the snapshot")
    #expect(report.lines[4].reason?.contains("quota") == true)
    #expect(report.lines[5].reason == detailsFailure)
    #expect(report.lines[2].unitsPerBox == nil)
  }

  @Test func mixedOrderTotals() throws {
    let scratch = try ReportWorkspace()
    let report = OrderReport(try placeMixedOrder(scratch), fees: standardFees)

    #expect(report.totals.boxesOrdered == 13)
    #expect(report.totals.boxesAccepted == 6)
    // Lines 1 and 2 only: line 3 has no units per box, and the rest are not accepted.
    #expect(report.totals.acceptedInvoiceAmount == "55.75")
    #expect(
      report.totals.notCounted == [
        OrderReport.UncountedLine(lineNumber: 3, reason: OrderReport.missingUnitsReason)
      ])
  }

  @Test(arguments: [(false, "55.75", "0.84"), (true, "33.75", "0.51")])
  func feeFollowsOnHandOnly(onHandOnly: Bool, counted: String, fee: String) throws {
    let scratch = try ReportWorkspace()
    let fees = FeeSettings(rate: decimal("0.015"), isOnHandOnly: onHandOnly)
    let report = OrderReport(try placeMixedOrder(scratch), fees: fees)

    #expect(report.fee.onHandOnly == onHandOnly)
    #expect(report.fee.countedAmount == counted)
    #expect(report.fee.estimatedFee == fee)
    #expect(report.totals.acceptedInvoiceAmount == "55.75")
  }

  @Test func repeatedCreateFlagsOrphanHeader() throws {
    let scratch = try ReportWorkspace()
    let report = OrderReport(try placeMixedOrder(scratch), fees: standardFees)

    let onHand = try #require(report.webOrders.first { $0.origin == "OH" })
    let future = try #require(report.webOrders.first { $0.origin == "FS" })
    #expect(onHand.createAttempts == 2)
    #expect(onHand.uncertainCreates == 1)
    #expect(onHand.webOrderId == "W-OH")
    #expect(onHand.locationId == "7")
    #expect(onHand.state == "created")
    #expect(onHand.checkoutState == "none")
    let warning = try #require(onHand.possibleOrphanHeader)
    #expect(warning.hasPrefix("1 web-order.create call had an unknown outcome"))
    #expect(warning.contains("ship date 2030-05-01, location 7) besides web order W-OH."))
    #expect(warning.contains("Find it in Komet and delete it."))
    #expect(future.createAttempts == 1)
    #expect(future.uncertainCreates == 0)
    #expect(future.possibleOrphanHeader == nil)
  }

  @Test func unknownCreateNeverRepeatedFlagsOrphanHeader() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(mixedOrder(number: "DWF-9"))
    let group = try #require(try scratch.snapshot("DWF-9").groups.first { $0.origin == .onHand })
    try scratch.journal.beginCreate(group: group.id)
    try scratch.journal.finishCreate(group: group.id, outcome: .unknown(reason: "timed out"))
    try scratch.journal.cancel(orderNumber: "DWF-9")

    let report = OrderReport(try scratch.snapshot("DWF-9"), fees: standardFees)

    let onHand = try #require(report.webOrders.first { $0.origin == "OH" })
    #expect(onHand.createAttempts == 1)
    #expect(onHand.uncertainCreates == 1)
    #expect(onHand.webOrderId == nil)
    let warning = try #require(onHand.possibleOrphanHeader)
    #expect(warning.contains("while komet-dwf journaled no web order for this group"))
  }

  @Test func createCutOffByCrashFlagsOrphanHeader() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(mixedOrder(number: "DWF-10"))
    let group = try #require(try scratch.snapshot("DWF-10").groups.first { $0.origin == .onHand })
    // A crash after `beginCreate` leaves no outcome at all, which is as uncertain as unknown.
    try scratch.journal.beginCreate(group: group.id)

    let report = OrderReport(try scratch.snapshot("DWF-10"), fees: standardFees)

    let onHand = try #require(report.webOrders.first { $0.origin == "OH" })
    #expect(onHand.uncertainCreates == 1)
    #expect(onHand.possibleOrphanHeader != nil)
  }

  @Test func keptEmptyHeaderFlagged() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(mixedOrder(number: "DWF-12"))
    try scratch.create("DWF-12", origin: .onHand, webOrderId: "W-OH")
    let group = try #require(try scratch.snapshot("DWF-12").groups.first { $0.origin == .onHand })
    try scratch.journal.recordWebOrderDeleted(
      group: group.id, note: "rejected", keptHeaderRejection: "The web order cannot be deleted.")

    let report = OrderReport(try scratch.snapshot("DWF-12"), fees: standardFees)

    let onHand = try #require(report.webOrders.first { $0.origin == "OH" })
    #expect(onHand.state == "deleted")
    let warning = try #require(onHand.possibleOrphanHeader)
    #expect(
      warning.hasPrefix(
        "Komet rejected web-order.delete for web order W-OH (The web order cannot be deleted.)"))
    #expect(warning.contains("its empty header may still be in Komet"))
  }

  @Test(arguments: [CreateOutcome.quotaExhausted, .rejected(reason: "customer inactive")])
  func createWithKnownFailureFlagsNothing(_ outcome: CreateOutcome) throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(mixedOrder(number: "DWF-11"))
    let group = try #require(try scratch.snapshot("DWF-11").groups.first { $0.origin == .onHand })
    try scratch.journal.beginCreate(group: group.id)
    try scratch.journal.finishCreate(group: group.id, outcome: outcome)
    try scratch.journal.retry(orderNumber: "DWF-11")
    try scratch.create("DWF-11", origin: .onHand, webOrderId: "W-OH")

    let report = OrderReport(try scratch.snapshot("DWF-11"), fees: standardFees)

    let onHand = try #require(report.webOrders.first { $0.origin == "OH" })
    #expect(onHand.createAttempts == 1)
    #expect(onHand.uncertainCreates == 0)
    #expect(onHand.possibleOrphanHeader == nil)
  }

  @Test func cancelledOrderCountsNothing() throws {
    let scratch = try ReportWorkspace()
    try placeMixedOrder(scratch, number: "DWF-8")
    try scratch.journal.cancel(orderNumber: "DWF-8")

    let report = OrderReport(try scratch.snapshot("DWF-8"), fees: standardFees)
    #expect(report.state == "cancelled")
    #expect(report.lines.allSatisfy { $0.state == "cancelled" })
    #expect(report.totals.boxesAccepted == 0)
    #expect(report.totals.acceptedInvoiceAmount == "0.00")
    #expect(report.fee.estimatedFee == "0.00")
  }

  @Test func textFormListsEverything() throws {
    let scratch = try ReportWorkspace()
    let fees = FeeSettings(rate: decimal("0.015"), isOnHandOnly: true)
    let text = OrderReport(try placeMixedOrder(scratch), fees: fees).text()
    let lines = text.split(separator: "\n").map(String.init)

    #expect(
      lines.first == "Order DWF-7: review (revision \(try scratch.snapshot("DWF-7").revision))")
    #expect(lines.contains("Source file: orders-1.csv"))
    #expect(lines.contains("Customer PO: PO 55"))
    let onHandLine = try #require(lines.first { $0.hasPrefix("  OH on hand") })
    #expect(onHandLine.contains("Komet web order W-OH, created, checkout none"))
    #expect(
      lines.contains { $0.hasPrefix("    WARNING: 1 web-order.create call had an unknown outcome") }
    )
    #expect(lines.contains { $0.hasPrefix("  Line  Inventory  Origin  Boxes  Units/box") })
    #expect(
      lines.contains {
        $0.hasPrefix("  1     9001       OH      3      25         0.45        33.75   accepted")
      })
    #expect(lines.contains("  Boxes ordered: 13, accepted: 6"))
    #expect(lines.contains { $0.hasSuffix("unit price): 55.75") })
    #expect(
      lines.contains(
        "  Not counted in the amount: line 3, \(OrderReport.missingUnitsReason)"))
    #expect(
      lines.contains(
        "Estimated Komet API transaction fee: 0.51 (an estimate, Komet bills the fee)"))
    #expect(
      lines.contains(
        "  Rate 0.015 (fees.rate) on on-hand accepted lines only (fees.onHandOnly):"
          + " counted amount 33.75"))
    #expect(lines.contains("  Rule: \(OrderReport.feeRule)"))
    #expect(!lines.contains { $0.hasSuffix(" ") })
  }

  @Test(arguments: [
    ("33.75", "33.75"), ("30", "30.00"), ("22.0", "22.00"), ("3.375", "3.375"), ("0", "0.00"),
  ])
  func moneyKeepsEveryDigit(value: String, text: String) {
    #expect(ReportText.money(decimal(value)) == text)
  }

  @Test(arguments: [
    ("DWF-100", "DWF-100"), ("A B", "'A B'"), ("it's", "'it'\\''s'"), ("", "''"),
    ("$(rm)", "'$(rm)'"),
  ])
  func shellWordQuotesUnsafeText(word: String, quoted: String) {
    #expect(ReportText.shellWord(word) == quoted)
  }

  @Test(arguments: [
    ("plain", true, "plain"), ("a,b", true, "\"a,b\""), ("say \"hi\"", true, "\"say \"\"hi\"\"\""),
    ("=HYPERLINK(1)", true, "'=HYPERLINK(1)"), ("-5", true, "'-5"), ("-5", false, "-5"),
    ("@x,y", true, "\"'@x,y\""),
  ])
  func csvFieldQuotesAndGuards(field: String, isText: Bool, expected: String) {
    #expect(ReportText.csvField(field, isText: isText) == expected)
  }
}
