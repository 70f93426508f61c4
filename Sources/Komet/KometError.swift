/// Everything that can go wrong while building a Komet request or reading its response.
///
/// No case contains a token's text. A token appears as a `Token`, which prints masked, and body
/// excerpts have every configured token masked before they are stored.
package enum KometError: Error, Equatable, Sendable {
  /// The problem with a token's text.
  package enum TokenProblem: Equatable, Sendable {
    case empty
    case tooLong(length: Int)
    /// White space, a control character or a non-ASCII character, which a header cannot carry.
    case invalidCharacter(length: Int)
  }

  case invalidToken(role: TokenRole, reason: TokenProblem)
  /// A token was configured in the slot of another role, such as a Customer token as Company.
  case tokenInWrongSlot(slot: TokenRole, token: Token)
  /// No configured token has a role that `method` accepts.
  case noTokenForMethod(method: KometMethod, validRoles: [TokenRole], configuredRoles: [TokenRole])
  /// A request field breaks a limit from Komet's page, such as `markCode` over 20 characters.
  case invalidParameter(method: KometMethod, name: String, value: String, reason: String)
  /// The request, line, headers and body together, is over Komet's size limit.
  case requestTooLarge(method: KometMethod, bytes: Int, limit: Int)
  case invalidBaseURL(String)
  /// The response body is an HTML page, such as a proxy's or a login page.
  case htmlResponse(method: KometMethod, bodyStart: String)
  /// The response body is neither JSON nor HTML, or is broken JSON.
  case invalidJSON(method: KometMethod, offset: Int, reason: String, bodyStart: String)
  /// The response is valid JSON of the wrong shape, such as an array at the top.
  case unexpectedResponse(method: KometMethod, reason: String)
  /// A field the method's page documents as part of every response is missing or null.
  case missingField(method: KometMethod, path: String)
  /// A field contains a value of the wrong kind, such as `"price": "abc"`.
  case invalidField(method: KometMethod, path: String, expected: String, found: String)
  /// Komet returned `status` 0, a business rejection that sending again does not change.
  case rejected(KometRejection)
}

/// A response with `status` 0, kept whole: Komet's `message` and any data beside it.
package struct KometRejection: Equatable, Sendable {
  package let method: KometMethod
  /// Komet's `message` as it came, with tokens masked, or nil when the response had none.
  package let message: String?
  /// Every member of the response object, `status` and `message` included.
  package let members: [JSONMember]

  package init(method: KometMethod, message: String?, members: [JSONMember]) {
    self.method = method
    self.message = message
    self.members = members
  }

  /// The `availableBoxes` count that some failures carry, as a number or digit string.
  package var availableBoxes: Int? {
    switch JSONValue.object(members)["availableBoxes"] {
    case .number(let text), .string(let text): return Int(text)
    default: return nil
    }
  }
}

extension KometError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .invalidToken(let role, let reason):
      return "the \(role) token is invalid: \(tokenProblemText(reason)). Copy the token again"
        + " from Komet (Setup > Settings > Tokens)."
    case .tokenInWrongSlot(let slot, let token):
      return "the \(slot) token setting holds a \(token). Configure each token under its own"
        + " role."
    case .noTokenForMethod(let method, let validRoles, let configuredRoles):
      let configured = configuredRoles.isEmpty ? "none" : list(configuredRoles)
      return "\(method) accepts \(list(validRoles)) tokens, but the configured tokens are"
        + " \(configured). Configure a token of one of the accepted roles."
    case .invalidParameter(let method, let name, let value, let reason):
      return "\(method): parameter \(name) \"\(value)\" is invalid: \(reason)."
    case .requestTooLarge(let method, let bytes, let limit):
      return "\(method): the request is \(bytes) bytes, over Komet's limit of \(limit) bytes,"
        + " so it was not sent. Split it into smaller requests."
    case .invalidBaseURL(let text):
      return "the Komet base URL \"\(text)\" is invalid. Use an absolute URL such as"
        + " https://api.kometsales.com/api/."
    case .htmlResponse(let method, let bodyStart):
      return "\(method): Komet answered with an HTML page instead of JSON, which usually means"
        + " a wrong base URL or a proxy error page. The body begins: \(bodyStart)"
    case .invalidJSON(let method, let offset, let reason, let bodyStart):
      return "\(method): the response is not valid JSON (\(reason) at byte \(offset))."
        + " The body begins: \(bodyStart)"
    case .unexpectedResponse(let method, let reason):
      return "\(method): the response has an unexpected shape: \(reason)."
    case .missingField(let method, let path):
      return "\(method): the response lacks the field \(path)."
    case .invalidField(let method, let path, let expected, let found):
      return "\(method): the response field \(path) should be \(expected), but is \(found)."
    case .rejected(let rejection):
      let message = rejection.message.map { "\"\($0)\"" } ?? "no message"
      return "\(rejection.method): Komet rejected the request (status 0) with \(message)."
    }
  }

  private func tokenProblemText(_ problem: TokenProblem) -> String {
    switch problem {
    case .empty: return "it is empty"
    case .tooLong(let length):
      return "it has \(length) characters, more than Komet's \(Token.maxLength)"
    case .invalidCharacter(let length):
      return "its \(length) characters include white space, a control character or a"
        + " non-ASCII character"
    }
  }

  private func list(_ roles: [TokenRole]) -> String {
    roles.map(\.description).joined(separator: " or ")
  }
}
