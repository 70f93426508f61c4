import Foundation

/// The change-request kinds that `komet-dwf retry`, `review` and `cancel` queue.
package enum OrderChangeKind {
  package static let retry = "retry"
  package static let review = "review"
  package static let cancel = "cancel"
}

/// The decision of a `review` request, stored in the request's JSON `arguments` as
/// `{"added": true}` or `{"added": false}`.
package struct ReviewDecision: Sendable, Equatable {
  /// Whether the person found the line on the web order in Komet.
  package var isAdded: Bool

  package init(isAdded: Bool) {
    self.isAdded = isAdded
  }

  /// Reads the decision from a request's `arguments`, or returns nil when `added` is missing
  /// or not `true` or `false`.
  package init?(arguments: String) {
    struct Fields: Decodable {
      var added: Bool
    }
    guard let fields = try? JSONDecoder().decode(Fields.self, from: Data(arguments.utf8)) else {
      return nil
    }
    isAdded = fields.added
  }

  /// The JSON text for the request's `arguments`.
  package var arguments: String {
    isAdded ? #"{"added": true}"# : #"{"added": false}"#
  }
}
