import OrderJournal
import OrderReports

/// The order stage writes the grower's reports through `OrderReportWriter`.
extension OrderReportWriter: OrderReportWriting {
  package func writeReport(for order: OrderSnapshot) throws {
    _ = try write(order)
  }

  package func writeIndex(from journal: OrderJournal) throws {
    _ = try writeIndex(journal)
  }
}
