import Foundation
import Inventory
import Komet
import KometClient
import Logging
import StateStore

/// The items of one read, with how many requests the read took.
struct InventoryPull {
  var items: [InventoryItem]
  var source: InventoryFeedSettings.Source
  /// When the data was current: the time of the read for the API sources, and the time the
  /// intake took the export for the export source.
  var asOf: Date
  var requestCount: Int
  /// Lines skipped because they lack a price or box count, or have another origin.
  var skippedCount: Int
}

/// Reads the configured inventory source for one target.
struct InventoryReader {
  let settings: InventoryFeedSettings
  let client: KometClient?
  let database: Database

  func read(_ target: InventoryTarget, now: Date) async throws(InventoryFeedError)
    -> InventoryPull
  {
    switch settings.source {
    case .export:
      return try readExport()
    case .ecommerce, .openMarket:
      guard let client else { throw .noClient(source: settings.source) }
      guard let customerId = KometID(target.dwfCustomerId) else {
        throw .invalidCustomerId(target.dwfCustomerId)
      }
      var locations: [KometID?] = []
      for id in target.locationIds {
        guard let location = KometID(id) else { throw .invalidLocationId(id) }
        locations.append(location)
      }
      if locations.isEmpty { locations = [nil] }

      var pull = InventoryPull(
        items: [], source: settings.source, asOf: now, requestCount: 0, skippedCount: 0)
      for location in locations {
        if settings.source == .ecommerce {
          try await readEcommerce(client, customerId, location, now: now, into: &pull)
        } else {
          try await readOpenMarket(client, customerId, location, now: now, into: &pull)
        }
      }
      return pull
    }
  }

  private func readExport() throws(InventoryFeedError) -> InventoryPull {
    let snapshot: InventoryExportSnapshot?
    do {
      snapshot = try StoredInventoryExport(database: database).latest()
    } catch {
      throw .inventoryExportUnreadable(reason: "\(error)")
    }
    guard let snapshot else { throw .noInventoryExport }
    // NOTE: unlike the API sources, the export's lines pass unfiltered, so a sold-out line or
    // a future line outside `futureDays` reaches DWF's drop and is rejected only at ordering.
    return InventoryPull(
      items: snapshot.items, source: .export, asOf: snapshot.takenAt, requestCount: 0,
      skippedCount: 0)
  }

  /// Reads every page for one location; each page is one request.
  private func readEcommerce(
    _ client: KometClient, _ customerId: KometID, _ location: KometID?, now: Date,
    into pull: inout InventoryPull
  ) async throws(InventoryFeedError) {
    let rows = max(1, settings.rowsPerPage)
    var request = EcommerceInventoryListRequest(
      customerId: customerId, companyLocationId: location, page: 1, rows: rows)
    // NOTE: Komet describes `availableDate` as the end of the search window. Setting it to the
    // end of the future window makes both API sources offer the same days, unconfirmed.
    request.availableDate = futureWindow(now: now).upperBound

    while true {
      let page: EcommerceInventoryListResponse
      do {
        page = try await client.ecommerceInventoryPage(request)
      } catch {
        throw .kometFailed(
          method: KometMethod.ecommerceInventoryList.rawValue, locationId: location?.digits,
          error: error)
      }
      pull.requestCount += 1
      for line in page.items {
        if let item = InventoryMapping.item(line, locationId: location?.digits) {
          pull.items.append(item)
        } else {
          pull.skippedCount += 1
        }
      }
      let number = request.page ?? 1
      guard page.hasMorePages(after: number, rows: rows) else { return }
      request.page = number + 1
    }
  }

  /// Reads the on-hand and the future Open Market lists for one location: two requests.
  private func readOpenMarket(
    _ client: KometClient, _ customerId: KometID, _ location: KometID?, now: Date,
    into pull: inout InventoryPull
  ) async throws(InventoryFeedError) {
    let onHand: OpenMarketInventoryListResponse
    do {
      onHand = try await client.openMarketInventory(
        OpenMarketInventoryListRequest(locationId: location, customerId: customerId))
    } catch {
      throw .kometFailed(
        method: KometMethod.openMarketInventoryList.rawValue, locationId: location?.digits,
        error: error)
    }
    pull.requestCount += 1

    let window = futureWindow(now: now)
    let future: OpenMarketInventoryListResponse
    do {
      future = try await client.futureOpenMarketInventory(
        FutureOpenMarketInventoryListRequest(
          dateFrom: window.lowerBound, dateTo: window.upperBound, locationId: location,
          customerId: customerId))
    } catch {
      throw .kometFailed(
        method: KometMethod.futureOpenMarketInventoryList.rawValue,
        locationId: location?.digits, error: error)
    }
    pull.requestCount += 1

    let lines =
      onHand.inventoryItems.map { ($0, Inventory.InventoryOrigin.onHand) }
      + future.inventoryItems.map { ($0, Inventory.InventoryOrigin.future) }
    for (line, origin) in lines {
      if let item = InventoryMapping.item(line, origin: origin, locationId: location?.digits) {
        pull.items.append(item)
      } else {
        pull.skippedCount += 1
      }
    }
  }

  /// Returns the future window: tomorrow through today plus `futureDays`, in UTC days.
  func futureWindow(now: Date) -> ClosedRange<KometDate> {
    let days = max(1, settings.futureDays)
    return Self.utcDay(now, plusDays: 1)...Self.utcDay(now, plusDays: days)
  }

  private static func utcDay(_ date: Date, plusDays days: Int) -> KometDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let shifted = calendar.date(byAdding: .day, value: days, to: date) ?? date
    let parts = calendar.dateComponents([.year, .month, .day], from: shifted)
    return KometDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
  }
}
