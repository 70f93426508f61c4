import Foundation
import Testing

@testable import Komet

struct TokenMaskingTests {
  @Test func tokenShowsFirstFourCharactersAndLength() throws {
    let token = try Token(role: .customer, secret: "abcdefghijklmnopqrstuvwxyz")

    #expect(token.masked == "abcd… (26 characters)")
    #expect(String(describing: token) == "Customer token abcd… (26 characters)")
    #expect(String(reflecting: token) == "Token(customer, abcd… (26 characters))")
  }

  @Test(arguments: [("abcdefg", "abc… (7 characters)"), ("ab", "a… (2 characters)")])
  func shortTokenShowsAtMostHalf(secret: String, masked: String) throws {
    #expect(try Token(role: .user, secret: secret).masked == masked)
  }

  @Test(arguments: KometMethod.allCases)
  func requestRenderingsHideToken(method: KometMethod) throws {
    var choices = DocumentationChoices()
    choices.futureInventoryHTTPMethod = .post
    let request = try build(method, in: TestTokens.context(choices: choices))

    for text in renderings(of: request) {
      #expect(!TestTokens.leaks(in: text), "\(text)")
      #expect(text.contains(request.token.masked))
    }
    if let masked = request.bodyWithMaskedToken {
      #expect(!TestTokens.leaks(in: String(decoding: masked, as: UTF8.self)))
    }
  }

  @Test func errorRenderingsHideToken() throws {
    let company = TestTokens.company()
    let htmlBody = Data(("<html>token " + TestTokens.companyText + "</html>").utf8)
    let jsonBody = Data(("oops ?authenticationToken=" + TestTokens.companyText).utf8)
    var errors: [KometError] = [
      .tokenInWrongSlot(slot: .customer, token: company),
      .invalidToken(role: .company, reason: .tooLong(length: 60)),
    ]
    for body in [htmlBody, jsonBody] {
      do {
        _ = try KometResponseDecoder.decode(
          CustomerListResponse.self, from: body, for: .customerList, redacting: [company])
      } catch {
        errors.append(error)
      }
    }
    do {
      _ = try KometTokens(company: TestTokens.customer())
    } catch {
      errors.append(error)
    }

    #expect(errors.count == 5)
    for error in errors {
      for text in renderings(of: error) {
        #expect(!TestTokens.leaks(in: text), "\(text)")
      }
    }
  }

  @Test func tokenSetRenderingsHideTokens() {
    for text in renderings(of: TestTokens.all()) {
      #expect(!TestTokens.leaks(in: text), "\(text)")
    }
  }

  @Test(arguments: [
    ("", KometError.TokenProblem.empty),
    (String(repeating: "a", count: 51), .tooLong(length: 51)),
    ("abcd efgh", .invalidCharacter(length: 9)),
    ("abcdefgh\n", .invalidCharacter(length: 9)),
    ("abcdéfgh", .invalidCharacter(length: 8)),
  ])
  func invalidTokenTextIsRejected(secret: String, problem: KometError.TokenProblem) {
    #expect(throws: KometError.invalidToken(role: .company, reason: problem)) {
      try Token(role: .company, secret: secret)
    }
  }

  /// Returns every way the value may end up as text: `String(describing:)`, interpolation,
  /// `String(reflecting:)`, `print` and `dump`.
  private func renderings(of value: some Any) -> [String] {
    var printed = ""
    print(value, to: &printed)
    var debugPrinted = ""
    debugPrint(value, to: &debugPrinted)
    var dumped = ""
    dump(value, to: &dumped)
    return [
      String(describing: value), "\(value)", String(reflecting: value), printed,
      debugPrinted, dumped,
    ]
  }
}
