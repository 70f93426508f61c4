/// The kind of a Komet token, as the per-method table of valid tokens names it.
///
/// Company, Customer and Vendor tokens are made under Setup → Settings → Tokens. Komet's pages
/// also list User tokens without saying how one is made.
// NOTE: not confirmed by Komet: a User token is taken to be the per-user `apiKey` that `login`
// returns.
package enum TokenRole: String, CaseIterable, Sendable, CustomStringConvertible {
  case company
  case customer
  case user
  case vendor

  /// The role's name as Komet's pages write it, such as `Company`.
  package var description: String {
    rawValue.prefix(1).uppercased() + rawValue.dropFirst()
  }
}
