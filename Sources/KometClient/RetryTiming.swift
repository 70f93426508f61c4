/// Waits between attempts. Tests inject one that records the waits instead of sleeping.
package protocol RetryClock: Sendable {
  func sleep(for duration: Duration) async throws
}

/// Sleeps for real with `Task.sleep`.
package struct TaskSleepClock: RetryClock {
  package init() {}

  package func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// Picks the random share of the backoff cap that a retry waits.
package protocol JitterSource: Sendable {
  /// Returns a number from 0 to 1.
  func fraction() -> Double
}

/// Draws from the system's random number generator.
package struct SystemJitter: JitterSource {
  package init() {}

  package func fraction() -> Double {
    Double.random(in: 0...1)
  }
}
