import Testing

@testable import KometExports

private func customer(
  _ id: String, _ name: String?, code: String? = nil, isActive: Bool? = true, row: Int = 2
) -> ExportRecord {
  ExportRecord(id: id, name: name, code: code, isActive: isActive, row: row)
}

struct CustomerMatcherTests {
  @Test(arguments: [
    ("DWF", "DWF Wholesale", true),
    ("DWF", "Florists (DWF)", true),
    ("DWF", "dwf wholesale florists", true),
    ("DWF", "DWF-East", true),
    ("DWF", "DWF's Miami branch", true),
    ("DWF", "Miami DWF", true),
    ("DWF", "DWFX", false),
    ("DWF", "Dwfield Farms", false),
    ("DWF", "XDWF", false),
    ("DWF", "DWF2", false),
    ("DWF", "D W F", false),
    ("DWF", "DWFX and DWF", true),
    ("DWF Wholesale", "The DWF Wholesale Co", true),
    ("DWF Wholesale", "DWF Wholesalers", false),
    ("DWF", "", false),
  ])
  func wholeWordMatch(phrase: String, text: String, expected: Bool) {
    #expect(CustomerMatcher.containsWholeWord(phrase, in: text) == expected)
  }

  @Test(arguments: [
    (
      customer("1", "DWF Wholesale Florists", code: "DWF"),
      CustomerMatchKind.exact as CustomerMatchKind?
    ),
    (customer("1", "dwf", code: "X"), .exact),
    (customer("1", "Florists (DWF)", code: "FLR"), .word),
    (customer("1", "Wholesale", code: "dwf-2"), .word),
    (customer("1", "Dwfield Farms", code: "DWFLD"), nil),
    (customer("1", nil, code: nil), nil),
  ])
  func matchKindOfRecord(record: ExportRecord, expected: CustomerMatchKind?) {
    #expect(CustomerMatcher().matchKind(of: record) == expected)
  }

  @Test func idQueryIsExact() {
    let matcher = CustomerMatcher(query: " 10012 ")

    #expect(matcher.matchKind(of: customer("10012", "DWF Wholesale")) == .exact)
    #expect(matcher.matchKind(of: customer("100120", "Other")) == nil)
  }

  @Test func singleExactMatchWinsOverWordMatches() {
    let exact = customer("10012", "DWF Wholesale Florists", code: "DWF", row: 6)
    let word = customer("10031", "Florists (DWF)", code: "FLR", row: 9)

    let result = CustomerMatcher().match([word, exact])

    #expect(result.outcome == .one(CustomerCandidate(record: exact, match: .exact)))
    #expect(result.candidates.map(\.record) == [exact, word])
  }

  @Test func singleWordMatchIsTheMatch() {
    let word = customer("10031", "Florists (DWF)")

    let result = CustomerMatcher().match([customer("1", "Dwfield Farms"), word])

    #expect(result.outcome == .one(CustomerCandidate(record: word, match: .word)))
  }

  @Test func severalWordMatchesAreAmbiguous() {
    let first = customer("1", "DWF East", row: 3)
    let second = customer("2", "DWF West", row: 4)

    let result = CustomerMatcher().match([first, second])

    #expect(
      result.outcome
        == .several([
          CustomerCandidate(record: first, match: .word),
          CustomerCandidate(record: second, match: .word),
        ]))
  }

  @Test func severalExactMatchesAreAmbiguous() {
    let first = customer("1", "DWF", row: 3)
    let second = customer("2", "Other", code: "dwf", row: 4)
    let word = customer("3", "DWF West", row: 5)

    let result = CustomerMatcher().match([first, second, word])

    #expect(
      result.outcome
        == .several([
          CustomerCandidate(record: first, match: .exact),
          CustomerCandidate(record: second, match: .exact),
        ]))
    #expect(result.candidates.count == 3)
  }

  @Test func exactNameSettlesTie() {
    let short = customer("1", "DWF Wholesale")
    let long = customer("2", "DWF Wholesale East")

    let result = CustomerMatcher(query: "dwf wholesale").match([long, short])

    #expect(result.outcome == .one(CustomerCandidate(record: short, match: .exact)))
  }

  @Test func inactiveSkippedUnlessIncluded() {
    let inactive = customer("1", "DWF Wholesale", code: "DWF", isActive: false)
    let active = customer("2", "Florists (DWF)", isActive: nil)

    let skipping = CustomerMatcher().match([inactive, active])
    let including = CustomerMatcher(includesInactive: true).match([inactive, active])

    #expect(skipping.outcome == .one(CustomerCandidate(record: active, match: .word)))
    #expect(skipping.skippedInactive == [CustomerCandidate(record: inactive, match: .exact)])
    #expect(including.outcome == .one(CustomerCandidate(record: inactive, match: .exact)))
    #expect(including.skippedInactive.isEmpty)
  }

  @Test func noMatchIsNone() {
    let result = CustomerMatcher().match([customer("1", "Dwfield Farms", code: "DWFX")])

    #expect(result.outcome == .none)
    #expect(result.candidates.isEmpty)
  }

  @Test func emptyQueryMatchesNothing() {
    let result = CustomerMatcher(query: "  ").match([customer("1", "DWF")])

    #expect(result.outcome == .none)
  }
}
