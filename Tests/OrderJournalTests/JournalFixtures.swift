import Foundation
import Inventory
import StateStore

@testable import OrderJournal

/// A fixed clock that moves one second on every reading, so `updatedAt` changes.
final class SteppingClock: @unchecked Sendable {
  // Only the test's own thread reads it, so the counter needs no lock.
  private var seconds: TimeInterval = 1_780_000_000

  func next() -> Date {
    seconds += 1
    return Date(timeIntervalSince1970: seconds)
  }
}

/// Opens the journal at `path` with a stepping clock.
func openJournal(_ path: String, clock: SteppingClock = SteppingClock()) throws -> OrderJournal {
  OrderJournal(database: try StateSchema.open(path: path), now: { clock.next() })
}

/// Returns an order with two on-hand lines, one future line and one line rejected by validation.
func sampleOrder(number: String = "DWF-100") -> ReceivedOrder {
  ReceivedOrder(
    orderNumber: number, shipDate: "2030-05-01", locationId: "7", customerPO: "PO 55",
    sourceFile: "orders-1.csv",
    lines: [
      ReceivedLine(
        lineNumber: 1, inventoryId: "9001", origin: .onHand, quantity: 2,
        unitPrice: Decimal(string: "0.45")),
      ReceivedLine(
        lineNumber: 2, inventoryId: "9002", origin: .future, quantity: 1,
        unitPrice: Decimal(string: "1.10")),
      ReceivedLine(
        lineNumber: 3, inventoryId: "9003", origin: .onHand, quantity: 5,
        unitPrice: Decimal(string: "0.30")),
      ReceivedLine(
        lineNumber: 4, inventoryId: "4040", origin: .onHand, quantity: 1,
        unitPrice: Decimal(string: "0.99"), rejection: "inventory 4040 not in the snapshot"),
    ])
}
