/// The interval that keeps inventory reads within the daily request limit.
///
/// Reads per day are 86,400 s divided by the interval, rounded up, and each takes the requests
/// the last read took. Their product must leave `reserveForOrders` of `dailyLimit`. When it
/// does not, the interval becomes 86,400 s divided by the reads that fit, rounded up.
struct QuotaBudget: Equatable {
  static let secondsPerDay = 86_400

  var intervalSeconds: Int
  var requestsPerPull: Int
  var dailyLimit: Int
  var reserveForOrders: Int

  var available: Int { dailyLimit - reserveForOrders }

  var pullsPerDay: Int {
    let interval = max(1, intervalSeconds)
    return (Self.secondsPerDay + interval - 1) / interval
  }

  var requestsPerDay: Int { pullsPerDay * requestsPerPull }

  /// The interval in seconds, lengthened when the reads would eat into the reserve. When not
  /// even one read a day fits, it is one day, and the client's quota check stops the rest.
  var budgetedSeconds: Int {
    guard requestsPerPull > 0, requestsPerDay > available else { return intervalSeconds }
    let pullsThatFit = max(0, available) / requestsPerPull
    guard pullsThatFit > 0 else { return Self.secondsPerDay }
    let needed = (Self.secondsPerDay + pullsThatFit - 1) / pullsThatFit
    return max(intervalSeconds, needed)
  }
}
