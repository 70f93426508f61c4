import Komet

extension KometClientError {
  /// The method whose request Komet rejected because of its token, or nil when the error is
  /// not about the token.
  ///
  /// A token counts as rejected on an HTTP 401 or 403 response, and on a `status` 0 response
  /// whose message mentions the token, its authentication or a permission, whatever the HTTP
  /// status. The client keeps a 401 with a `status` 0 body as `.komet(.rejected)`,
  /// so the message is what shows the cause there. The sandbox answers a missing, unknown or
  /// wrong-role token, a Customer token used for another customer, and an `X-ACCOUNT` that is
  /// not the token's company with HTTP 401 and such a message.
  ///
  /// NOTE: Komet's pages document no answer for an invalid token. A Komet that answers
  /// HTTP 200 with a message in other words is taken as rejecting the request itself.
  package var tokenRejectionMethod: KometMethod? {
    switch self {
    case .httpStatus(let method, let status, _, _) where status == 401 || status == 403:
      return method
    case .komet(.rejected(let rejection)):
      guard let message = rejection.message?.lowercased() else { return nil }
      // "The daily limit of 1000 requests for this token was reached" names the token, but
      // the token is fine: the request waits for the quota.
      let isAboutLimit = Self.limitWords.contains { message.contains($0) }
      let isAboutToken = Self.tokenWords.contains { message.contains($0) }
      return isAboutToken && !isAboutLimit ? rejection.method : nil
    default:
      return nil
    }
  }

  /// Lower-cased words that mark a `status` 0 message as one about a request limit, which is
  /// no rejection of the token even when the message names it.
  private static let limitWords = ["limit", "quota", "too many requests"]

  /// Lower-cased words that mark a `status` 0 message as one about the token or its rights.
  private static let tokenWords = [
    "token", "authentic", "unauthori", "not authori", "permission", "forbidden",
  ]
}
