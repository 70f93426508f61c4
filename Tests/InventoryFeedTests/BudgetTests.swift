import Foundation
import InventoryFeed
import Testing

@testable import InventoryFeed

/// The quota budget: reads per day times requests per read must leave the orders' reserve.
struct BudgetTests {
  @Test(arguments: [
    // interval, requests per read, daily limit, reserve, expected interval
    (300, 1, 1000, 200, 300),  // 288 a day fit in 800
    (300, 2, 1000, 200, 300),  // 576 fit
    (300, 3, 1000, 200, 325),  // 864 do not: 266 reads fit, 86,400 / 266 rounded up
    (60, 8, 1000, 200, 864),  // 100 reads fit
    (300, 0, 1000, 200, 300),  // the export source sends no request
    (300, 4, 1000, 1000, 86_400),  // nothing is left for reads
    (300, 900, 1000, 200, 86_400),  // not even one read fits
  ])
  func budgetLengthensInterval(
    interval: Int, requests: Int, limit: Int, reserve: Int, expected: Int
  ) {
    let budget = QuotaBudget(
      intervalSeconds: interval, requestsPerPull: requests, dailyLimit: limit,
      reserveForOrders: reserve)

    #expect(budget.budgetedSeconds == expected)
    let lengthened = QuotaBudget(
      intervalSeconds: budget.budgetedSeconds, requestsPerPull: requests, dailyLimit: limit,
      reserveForOrders: reserve)
    if requests > 0 && limit - reserve >= requests {
      #expect(lengthened.requestsPerDay <= limit - reserve)
    }
  }

  @Test func publisherLengthensIntervalAfterRead() async throws {
    let fixture = try FeedFixture()
    var settings = InventoryFeedSettings()
    settings.interval = .seconds(60)
    settings.rowsPerPage = 7
    settings.dailyLimit = 1000
    settings.reserveForOrders = 200
    let publisher = try fixture.makePublisher(settings: settings, client: fixture.makeClient())

    #expect(publisher.nextInterval() == .seconds(60))
    _ = await publisher.publish(fixture.target())
    let requests = fixture.requestPaths.count
    let first = publisher.nextInterval()
    let second = publisher.nextInterval()

    let pullsThatFit = 800 / requests
    let expected = (86_400 + pullsThatFit - 1) / pullsThatFit
    #expect(requests > 4)
    #expect(first == .seconds(expected))
    #expect(second == first)
    let notes = fixture.logs.records.filter { $0.message.hasPrefix("Inventory interval") }
    #expect(notes.count == 1)
    #expect(notes.first?.metadata["inventory.requests_per_pull"] == String(requests))
    #expect(notes.first?.metadata["inventory.lengthened_seconds"] == String(expected))
  }
}
