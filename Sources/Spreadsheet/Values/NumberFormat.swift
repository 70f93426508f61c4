/// How a number format shows a number, as far as the value's type goes.
enum NumberFormatKind: Sendable, Equatable {
  case number
  /// A date or a date and time.
  case date
  case timeOfDay
  /// Elapsed time such as `[h]:mm:ss`.
  case elapsed
}

/// Sorts number formats into kinds: built-in ids by Excel's table, custom codes by their tokens.
enum NumberFormatClassifier {
  /// Returns the kind of built-in format `id`, for ids the file does not define itself.
  ///
  /// Ids 27-31, 34-36 and 50-58 are the East Asian date formats, and 22 (`m/d/yyyy h:mm`) is a
  /// date and time, which `NumberFormatKind.date` covers.
  static func kind(ofBuiltInID id: Int) -> NumberFormatKind {
    switch id {
    case 14...17, 22, 27...31, 34...36, 50...58: return .date
    case 18...21, 32, 33, 45, 47: return .timeOfDay
    case 46: return .elapsed
    default: return .number
    }
  }

  /// Returns the kind of a custom format code such as `yyyy-mm-dd` or `[h]:mm`.
  ///
  /// Only the first section, up to the first `;` outside quotes, decides. That section formats
  /// every positive number (and every number when it is the only one), while the others format
  /// negative numbers, zero and text, and a negative serial stays a number under any format.
  ///
  /// Letters count in any case, and none count inside double-quoted text, after a backslash,
  /// as the character after `_` or `*`, inside brackets, or in `AM/PM` and `A/P`. A bracket
  /// holding only `h`, `m` or `s` letters, such as `[h]` or `[mm]`, makes the format elapsed
  /// time. Otherwise `d`, `y` or a month makes a date, and `h`, `s` or a minute a time of day.
  /// As in Excel, an `m` run is minutes when the nearest date or time letter before it is `h`
  /// or the nearest one after it is `s`. Any other `m` is months, so `"YYYY"-mm-"DD"` (a month
  /// between two quoted literals) is a date.
  // NOTE: a format whose first section has a condition such as `[<1]` formats some numbers with
  // a later section, and that section's kind is ignored.
  static func kind(ofCode code: String) -> NumberFormatKind {
    let tokens = FormatCodeTokens(firstSectionOf: code)

    if tokens.hasElapsedBracket { return .elapsed }
    if tokens.hasDatePart { return .date }
    if tokens.hasTimePart { return .timeOfDay }
    return .number
  }
}

/// The date and time letters of a format code's first section, outside literals and brackets.
private struct FormatCodeTokens {
  /// A date or time letter, where `m` is months or minutes depending on its neighbours.
  private enum Letter {
    case year, monthOrMinute, day, hour, second
  }

  private(set) var hasElapsedBracket = false
  private var letters: [Letter] = []

  init(firstSectionOf code: String) {
    let bytes = Array(code.utf8)
    var index = 0

    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: ";"):
        return
      case UInt8(ascii: "\""):
        while index < bytes.count && bytes[index] != UInt8(ascii: "\"") { index += 1 }
        index += 1
      case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
        index += 1
      case UInt8(ascii: "["):
        let contentStart = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "]") { index += 1 }
        if FormatCodeTokens.isElapsedBracket(bytes[contentStart..<index]) {
          hasElapsedBracket = true
        }
        index += 1
      case UInt8(ascii: "a"), UInt8(ascii: "A"):
        index += FormatCodeTokens.lengthOfMeridiem(in: bytes[(index - 1)...]) - 1
      default:
        if let letter = FormatCodeTokens.letter(byte) { letters.append(letter) }
      }
    }
  }

  var hasDatePart: Bool {
    letters.indices.contains { position in
      switch letters[position] {
      case .year, .day: return true
      case .monthOrMinute: return !isMinute(at: position)
      case .hour, .second: return false
      }
    }
  }

  var hasTimePart: Bool {
    letters.indices.contains { position in
      switch letters[position] {
      case .hour, .second: return true
      case .monthOrMinute: return isMinute(at: position)
      case .year, .day: return false
      }
    }
  }

  /// Tells whether the `m` at `position` is minutes, because the nearest other letter before it
  /// is an hour or the nearest one after it is a second.
  private func isMinute(at position: Int) -> Bool {
    let previous = letters[..<position].last { $0 != .monthOrMinute }
    let next = letters[(position + 1)...].first { $0 != .monthOrMinute }
    return previous == .hour || next == .second
  }

  private static func letter(_ byte: UInt8) -> Letter? {
    switch byte | 0x20 {
    case UInt8(ascii: "y"): return .year
    case UInt8(ascii: "m"): return .monthOrMinute
    case UInt8(ascii: "d"): return .day
    case UInt8(ascii: "h"): return .hour
    case UInt8(ascii: "s"): return .second
    default: return nil
    }
  }

  /// Returns 5 for `AM/PM`, 3 for `A/P` (any case) at the start of `bytes`, and 1 otherwise.
  private static func lengthOfMeridiem(in bytes: ArraySlice<UInt8>) -> Int {
    let lowered = bytes.prefix(5).map { $0 | 0x20 }
    if lowered.starts(with: Array("am/pm".utf8)) { return 5 }
    if lowered.starts(with: Array("a/p".utf8)) { return 3 }
    return 1
  }

  /// Tells whether bracket content such as `h`, `HH` or `ss` is an elapsed-time unit.
  private static func isElapsedBracket(_ content: ArraySlice<UInt8>) -> Bool {
    guard let first = content.first.map({ $0 | 0x20 }) else { return false }
    guard first == UInt8(ascii: "h") || first == UInt8(ascii: "m") || first == UInt8(ascii: "s")
    else { return false }
    return content.allSatisfy { $0 | 0x20 == first }
  }
}
