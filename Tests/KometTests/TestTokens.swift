import Foundation

@testable import Komet

/// Token texts long and distinctive enough that a leak of any of them is found by substring.
enum TestTokens {
  static let companyText = "c0mpanyT0kenAbCdEfGh123456"
  static let customerText = "cust0merT0kenQrStUvWx987654"
  static let userText = "us3rT0kenMnOpIjKl24680135"
  static let vendorText = "vend0rT0kenZyXwVuTs1357924"

  static let allTexts = [companyText, customerText, userText, vendorText]

  static func company() -> Token { try! Token(role: .company, secret: companyText) }
  static func customer() -> Token { try! Token(role: .customer, secret: customerText) }
  static func user() -> Token { try! Token(role: .user, secret: userText) }
  static func vendor() -> Token { try! Token(role: .vendor, secret: vendorText) }

  static func all() -> KometTokens {
    try! KometTokens(company: company(), customer: customer(), user: user())
  }

  static func context(
    tokens: KometTokens = all(), choices: DocumentationChoices = DocumentationChoices()
  ) -> KometRequestContext {
    KometRequestContext(companyId: KometID("1313")!, tokens: tokens, choices: choices)
  }

  /// Tells whether `text` contains any whole test token, raw or percent-encoded.
  static func leaks(in text: String) -> Bool {
    allTexts.contains { secret in
      let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
      return text.contains(secret) || text.contains(encoded)
    }
  }
}

extension KometID {
  /// Makes an ID from a literal in tests.
  static func test(_ digits: String) -> KometID { KometID(digits)! }
}
