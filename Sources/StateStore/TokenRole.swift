/// The kind of Komet token a request was sent with, which is what the quota ledger counts by.
/// The token's text is never stored.
package enum TokenRole: String, CaseIterable, Sendable {
  case company
  case customer
  case user
}
