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
  static func kind(ofBuiltInID id: Int) -> NumberFormatKind {
    // TODO: placeholder until number formats land.
    (14...17).contains(id) || id == 22 ? .date : .number
  }

  /// Returns the kind of a custom format code such as `yyyy-mm-dd` or `[h]:mm`.
  static func kind(ofCode code: String) -> NumberFormatKind {
    // TODO: placeholder until number formats land.
    .number
  }
}
