/// The tokens an integration is configured with: Company, Customer and an optional User token.
///
/// The Company slot may hold a Vendor token instead, which then serves only the methods whose
/// valid tokens include Vendor.
package struct KometTokens: Sendable, Equatable, CustomStringConvertible {
  package let company: Token?
  package let customer: Token?
  package let user: Token?

  /// Creates the set, rejecting a token whose role does not fit its slot.
  package init(company: Token? = nil, customer: Token? = nil, user: Token? = nil)
    throws(KometError)
  {
    if let company, company.role != .company, company.role != .vendor {
      throw .tokenInWrongSlot(slot: .company, token: company)
    }
    if let customer, customer.role != .customer {
      throw .tokenInWrongSlot(slot: .customer, token: customer)
    }
    if let user, user.role != .user {
      throw .tokenInWrongSlot(slot: .user, token: user)
    }
    self.company = company
    self.customer = customer
    self.user = user
  }

  /// The configured tokens, Company slot first.
  package var all: [Token] {
    [company, customer, user].compactMap { $0 }
  }

  /// Returns the first configured token whose role `method` accepts, in the order the method's
  /// row lists its roles.
  package func token(
    for method: KometMethod, choices: DocumentationChoices = DocumentationChoices()
  ) throws(KometError) -> Token {
    let validRoles = method.specification(with: choices).validRoles
    for role in validRoles {
      if let token = all.first(where: { $0.role == role }) { return token }
    }
    throw .noTokenForMethod(
      method: method, validRoles: validRoles, configuredRoles: all.map(\.role))
  }

  package var description: String {
    let listed = all.map(\.description)
    return listed.isEmpty ? "no tokens" : listed.joined(separator: ", ")
  }
}
