import Foundation
import Logging
import StateStore

/// Counts each request in the quota ledger before it is sent, and stops requests once the
/// day's allowance is used up.
///
/// Roles with a limit of their own are checked against their own count, and every other role
/// against the sum of the counts of all roles.
struct QuotaGate {
  let ledger: QuotaLedger
  let policy: QuotaPolicy
  let logger: Logger
  /// The days and roles already warned about, so the 80% warning comes once per day and role.
  private var warned: Set<String> = []

  init(database: Database, policy: QuotaPolicy, logger: Logger) {
    ledger = QuotaLedger(database: database, timeZone: policy.timeZone)
    self.policy = policy
    self.logger = logger
  }

  /// Records one request for `role`, or throws `quotaExhausted` without recording it.
  mutating func admit(role: StateStore.TokenRole, at date: Date = Date())
    throws(KometClientError)
  {
    let limit: Int
    let count: Int
    do {
      // NOTE: the read and the increment are two statements, so two processes sharing the
      // database can each pass the check with one request left.
      (count, limit) = try usage(role: role, at: date)
      guard count < limit else {
        throw KometClientError.quotaExhausted(
          role: role, limit: limit, count: count, dayEnds: dayEnd(after: date))
      }
      try ledger.recordRequest(role: role, at: date)
    } catch let error as KometClientError {
      throw error
    } catch {
      throw .quotaLedgerFailed(String(describing: error))
    }

    warnIfNearLimit(role: role, count: count + 1, limit: limit, date: date)
  }

  /// Tells whether one more request for `role` would be admitted now. A ledger that cannot be
  /// read counts as no room, so nothing is sent on a guess.
  func hasRoom(role: StateStore.TokenRole, at date: Date = Date()) -> Bool {
    guard let (count, limit) = try? usage(role: role, at: date) else { return false }
    return count < limit
  }

  /// Returns the day's count that `role`'s limit applies to, and that limit: the role's own
  /// count for a role with a limit of its own, otherwise the sum over all roles.
  private func usage(role: StateStore.TokenRole, at date: Date) throws -> (Int, Int) {
    guard let own = policy.perRoleLimits[role] else {
      return (Int(try ledger.totalCount(at: date)), policy.dailyLimit)
    }
    return (Int(try ledger.count(role: role, at: date)), own)
  }

  /// Returns the start of the next day in the policy's time zone.
  func dayEnd(after date: Date) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = policy.timeZone
    let start = calendar.startOfDay(for: date)
    return calendar.date(byAdding: .day, value: 1, to: start) ?? date.addingTimeInterval(86_400)
  }

  private mutating func warnIfNearLimit(
    role: StateStore.TokenRole, count: Int, limit: Int, date: Date
  ) {
    let threshold = Int((Double(limit) * policy.warningFraction).rounded(.up))
    let day = ledger.day(of: date)
    guard count >= threshold, warned.insert(day + " " + role.rawValue).inserted else { return }
    logger.warning(
      "Komet daily allowance nearly used",
      [
        "quota.role": role.rawValue, "quota.count": String(count), "quota.limit": String(limit),
        "quota.day": day,
      ])
  }
}
