import Foundation

/// The way a customer matched the query.
package enum CustomerMatchKind: String, Sendable, Codable {
  /// The whole name, the whole code or the ID equals the query, ignoring case.
  case exact
  /// The query is a whole word of the name or the code, ignoring case.
  case word
}

/// A customer that matched the query.
package struct CustomerCandidate: Sendable, Equatable {
  package var record: ExportRecord
  package var match: CustomerMatchKind

  package init(record: ExportRecord, match: CustomerMatchKind) {
    self.record = record
    self.match = match
  }
}

/// The outcome of looking for the DWF customer.
package enum CustomerMatchOutcome: Sendable, Equatable {
  case one(CustomerCandidate)
  /// Several customers match equally well, so the user has to choose one.
  case several([CustomerCandidate])
  case none
}

/// Finds the customer record that is DWF.
package struct CustomerMatcher: Sendable, Equatable {
  /// The name, code or ID to look for, `DWF` unless the user passes another.
  package var query: String
  package var includesInactive: Bool

  package init(query: String = "DWF", includesInactive: Bool = false) {
    self.query = query.trimmingCharacters(in: .whitespacesAndNewlines)
    self.includesInactive = includesInactive
  }

  /// The result of matching every customer of an export.
  package struct Result: Sendable, Equatable {
    package var outcome: CustomerMatchOutcome
    /// Every customer that matched, exact matches first, then in sheet order.
    package var candidates: [CustomerCandidate]
    /// Inactive customers that would have matched, left out because inactive rows were skipped.
    package var skippedInactive: [CustomerCandidate]
  }

  /// Matches the customers against the query.
  ///
  /// Exact matches win: one exact match is the result even when other customers match by word,
  /// which lets a user settle a tie by passing a whole name or an ID. Without an exact match,
  /// the word matches decide. A customer whose activity is unknown counts as active.
  package func match(_ customers: [ExportRecord]) -> Result {
    var exact: [CustomerCandidate] = []
    var word: [CustomerCandidate] = []
    var skipped: [CustomerCandidate] = []

    for record in customers {
      guard let kind = matchKind(of: record) else { continue }
      let candidate = CustomerCandidate(record: record, match: kind)
      if record.isActive == false, !includesInactive {
        skipped.append(candidate)
      } else if kind == .exact {
        exact.append(candidate)
      } else {
        word.append(candidate)
      }
    }

    let deciding = exact.isEmpty ? word : exact
    let outcome: CustomerMatchOutcome
    switch deciding.count {
    case 0: outcome = .none
    case 1: outcome = .one(deciding[0])
    default: outcome = .several(deciding)
    }
    return Result(outcome: outcome, candidates: exact + word, skippedInactive: skipped)
  }

  /// Returns how a record matches the query, or nil when it does not.
  package func matchKind(of record: ExportRecord) -> CustomerMatchKind? {
    guard !query.isEmpty else { return nil }
    let fields = [record.name, record.code].compactMap { $0 }
    if record.id == query || fields.contains(where: { isEqualIgnoringCase($0, query) }) {
      return .exact
    }
    if fields.contains(where: { Self.containsWholeWord(query, in: $0) }) {
      return .word
    }
    return nil
  }

  /// Returns whether `phrase` occurs in `text`, ignoring case, with no letter or digit on either
  /// side.
  ///
  /// So `DWF` is found in `DWF Wholesale` and `Florists (DWF)`, but not in `DWFX` or `Dwfield`.
  package static func containsWholeWord(_ phrase: String, in text: String) -> Bool {
    guard !phrase.isEmpty else { return false }
    var searchStart = text.startIndex
    while let found = text.range(
      of: phrase, options: .caseInsensitive, range: searchStart..<text.endIndex)
    {
      let isStartBounded =
        found.lowerBound == text.startIndex
        || !isWordCharacter(text[text.index(before: found.lowerBound)])
      let isEndBounded =
        found.upperBound == text.endIndex || !isWordCharacter(text[found.upperBound])
      if isStartBounded, isEndBounded {
        return true
      }
      searchStart = text.index(after: found.lowerBound)
    }
    return false
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
  }

  /// Compares ignoring case and with each run of white space taken as one space, so the query
  /// `DWF Wholesale` matches a name stored as `DWF`, a line break and `Wholesale`.
  private func isEqualIgnoringCase(_ text: String, _ other: String) -> Bool {
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let otherWords = other.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return words.compare(otherWords, options: .caseInsensitive) == .orderedSame
  }
}
