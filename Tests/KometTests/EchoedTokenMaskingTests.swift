import Foundation
import Testing

@testable import Komet

/// Checks that a token a server echoes back in a JSON response never reaches an error.
struct EchoedTokenMaskingTests {
  /// A token with characters that the query encoding keeps (`-`) and escapes (`+`, `/`).
  static let punctuatedText = "pUnct-T0ken+AbCd/EfGh-123456"

  static func echoes(of secret: String) -> [String] {
    [
      secret, QueryText.encode(secret),
      secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
    ]
  }

  @Test(arguments: echoes(of: TestTokens.companyText) + echoes(of: punctuatedText))
  func rejectionMessageMasksToken(echo: String) throws {
    let secret = echo.hasPrefix("c0mp") ? TestTokens.companyText : Self.punctuatedText
    let token = try Token(role: .company, secret: secret)
    let body = #"{"status": "0", "message": "invalid token \#(echo)", "token": "\#(echo)"}"#

    let error = #expect(throws: KometError.self) {
      try KometResponseDecoder.decode(
        CustomerListResponse.self, from: Data(body.utf8), for: .customerList,
        redacting: [token])
    }

    guard case .rejected(let rejection) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(rejection.message == "invalid token " + token.masked)
    #expect(!String(describing: error).contains(echo))
    #expect(!String(describing: rejection.members).contains(echo))
  }

  @Test func invalidFieldPreviewMasksToken() throws {
    let token = TestTokens.company()
    let body = #"{"status": "\#(TestTokens.companyText)"}"#

    let error = #expect(throws: KometError.self) {
      try KometResponseDecoder.decode(
        CustomerListResponse.self, from: Data(body.utf8), for: .customerList,
        redacting: [token])
    }

    #expect(!TestTokens.leaks(in: String(describing: error)))
  }

  @Test func bodyExcerptMasksQueryEncodedToken() throws {
    let token = try Token(role: .company, secret: Self.punctuatedText)
    let body = "<html>?authenticationToken=" + QueryText.encode(Self.punctuatedText) + "</html>"

    let excerpt = BodyExcerpt.make(from: Data(body.utf8), redacting: [token])

    #expect(!excerpt.contains(QueryText.encode(Self.punctuatedText)))
    #expect(excerpt.contains(token.masked))
  }
}
