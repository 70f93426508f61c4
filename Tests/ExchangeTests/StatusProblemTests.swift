import Testing

@testable import Exchange

struct StatusProblemTests {
  @Test func staleDropNamesMinutes() {
    let problem = StatusProblem.staleDrop(ageMinutes: 1, maxAgeMinutes: 30)

    #expect(
      problem.description
        == "the inventory drop is stale: its data is 1 minute old (limit 30 minutes)")
  }

  @Test(arguments: [(0, "0 minutes"), (1, "1 minute"), (2, "2 minutes")])
  func minutesMatchesCount(count: Int, expected: String) {
    #expect(StatusProblem.minutes(count) == expected)
  }
}
