import OrderJournal

/// The texts the order handlers share.
enum OrderCommandMessage {
  static func notFound(_ number: String) -> String {
    "order \(number) is not in the journal; check the order number as DWF sent it"
      + " (its acknowledgement in outbox/dwf/acks/ names it)."
  }

  /// Lists the lines by state, the state of the lowest line number first, such as
  /// `line 1 accepted, lines 2, 3 review`.
  static func lineStates(_ lines: [LineSnapshot]) -> String {
    let byState = Dictionary(grouping: lines, by: \.state)
    let numbered = byState.map { state, group in
      (state: state, numbers: group.map(\.key.lineNumber).sorted())
    }
    return numbered.sorted { $0.numbers[0] < $1.numbers[0] }.map { entry in
      "\(RetryValidation.lineList(entry.numbers)) \(entry.state.rawValue)"
    }.joined(separator: ", ")
  }
}
