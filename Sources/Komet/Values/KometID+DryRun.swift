extension KometID {
  /// The text that starts every dry-run placeholder ID.
  package static let dryRunPrefix = "DRY-RUN-"

  /// Creates the placeholder `DRY-RUN-n` that a dry run returns for a web order it did not
  /// create, so later requests of the same run can refer to that order.
  ///
  /// The placeholder is the one `KometID` whose `digits` are not digits. It must never reach
  /// Komet: the client checks `isDryRunPlaceholder` before it sends a request.
  package init(dryRunSequence sequence: Int) {
    digits = Self.dryRunPrefix + String(sequence)
  }

  /// Tells whether the ID is a dry-run placeholder rather than one of Komet's IDs.
  package var isDryRunPlaceholder: Bool {
    digits.hasPrefix(Self.dryRunPrefix)
  }
}
