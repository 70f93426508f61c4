/// The errors of the order journal, each with the order or line it concerns.
package enum OrderJournalError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No order with this number is journaled.
  case orderNotFound(orderNumber: String)
  /// No line with this number is journaled for the order.
  case lineNotFound(LineKey)
  /// No web-order group with this ID is journaled.
  case groupNotFound(id: Int64)
  /// The change is not allowed from the line's current state.
  case invalidLineState(LineKey, state: LineState, expected: [LineState])
  /// The change is not allowed from the group's current state.
  case invalidGroupState(id: Int64, state: GroupState, expected: [GroupState])
  /// The checkout change is not allowed from the group's current checkout state.
  case invalidCheckoutState(group: Int64, state: CheckoutState, expected: [CheckoutState])
  /// The order repeats a line number.
  case repeatedLineNumber(orderNumber: String, lineNumber: Int)
  /// A stored value could not be read back, which means the database was edited by hand.
  case corruptRow(table: String, detail: String)

  package var description: String {
    switch self {
    case .orderNotFound(let number):
      return "order \(number) not found in the journal"
    case .lineNotFound(let key):
      return "\(key) not found in the journal"
    case .groupNotFound(let id):
      return "web-order group \(id) not found in the journal"
    case .invalidLineState(let key, let state, let expected):
      let names = expected.map(\.rawValue).joined(separator: " or ")
      return "\(key) is \(state.rawValue); this change needs a line that is \(names)"
    case .invalidGroupState(let id, let state, let expected):
      let names = expected.map(\.rawValue).joined(separator: " or ")
      return "web-order group \(id) is \(state.rawValue); this change needs one that is \(names)"
    case .invalidCheckoutState(let id, let state, let expected):
      let names = expected.map(\.rawValue).joined(separator: " or ")
      return "the checkout of web-order group \(id) is \(state.rawValue); this change needs"
        + " one that is \(names)"
    case .repeatedLineNumber(let number, let line):
      return "order \(number) repeats line number \(line); give each line its own number"
    case .corruptRow(let table, let detail):
      return "invalid row in \(table): \(detail); the state database was changed by hand"
    }
  }
}
