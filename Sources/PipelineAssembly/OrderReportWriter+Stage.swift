import Foundation
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

  package func indexModificationDate() -> Date? {
    let url = folder.appendingPathComponent("orders.csv")
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return attributes?[.modificationDate] as? Date
  }
}
