import Foundation

/// What every request needs besides its own parameters.
package struct KometRequestContext: Sendable {
  /// Komet's documented entry point.
  package static let defaultBaseURL = URL(string: "https://api.kometsales.com/api/")!

  /// The URL that method paths are appended to, such as `https://api.kometsales.com/api/`.
  package var baseURL: URL
  /// The Company ID, sent as `X-ACCOUNT` and as `companyId` in `web-order.create`.
  package var companyId: KometID
  package var tokens: KometTokens
  package var choices: DocumentationChoices
  package var maxRequestBytes: Int

  package init(
    baseURL: URL = Self.defaultBaseURL, companyId: KometID, tokens: KometTokens,
    choices: DocumentationChoices = DocumentationChoices(),
    maxRequestBytes: Int = KometLimits.maxRequestBytes
  ) {
    self.baseURL = baseURL
    self.companyId = companyId
    self.tokens = tokens
    self.choices = choices
    self.maxRequestBytes = maxRequestBytes
  }
}

/// Turns a typed request into a transport-free `KometHTTPRequest`.
package enum KometRequestBuilder {
  /// Builds the request for `call`: the method's row picks the token, its placement and the
  /// headers, and the parameters go to the URL query for GET and the JSON body for POST.
  ///
  /// - Throws: `KometError.noTokenForMethod` when no configured token fits the method,
  ///   `.invalidParameter` for a value over a documented limit, `.invalidBaseURL`, and
  ///   `.requestTooLarge` when the request is over `context.maxRequestBytes`, before it is sent.
  package static func build<Call: KometCall>(
    _ call: Call, in context: KometRequestContext
  ) throws(KometError) -> KometHTTPRequest {
    let method = Call.method
    let row = method.specification(with: context.choices)
    let token = try context.tokens.token(for: method, choices: context.choices)

    var list = ParameterList(method: method, choices: context.choices, companyId: context.companyId)
    try call.addParameters(to: &list)

    let url = try url(for: row, base: context.baseURL, parameters: list.parameters)
    let body: JSONValue? =
      row.parameterPlacement == .jsonBody
      ? .object(list.parameters.map { JSONMember($0.name, $0.json) }) : nil
    let request = KometHTTPRequest(
      method: method, httpMethod: row.httpMethod, url: url,
      headers: headers(for: row, context: context), body: body, token: token,
      tokenPlacement: row.tokenPlacement)

    let size = request.byteCount
    guard size <= context.maxRequestBytes else {
      throw .requestTooLarge(method: method, bytes: size, limit: context.maxRequestBytes)
    }
    return request
  }

  private static func url(
    for row: MethodSpecification, base: URL, parameters: [RequestParameter]
  ) throws(KometError) -> URL {
    guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false),
      components.scheme != nil, let host = components.host, !host.isEmpty
    else {
      throw .invalidBaseURL(base.absoluteString)
    }

    if row.usesAppHost, host.lowercased().hasPrefix("api.") {
      components.host = "app." + host.dropFirst(4)
    }
    let basePath = components.percentEncodedPath
    components.percentEncodedPath = (basePath.hasSuffix("/") ? basePath : basePath + "/") + row.path
    components.percentEncodedQuery = nil

    if row.parameterPlacement == .urlQuery, !parameters.isEmpty {
      components.percentEncodedQuery = parameters.map {
        QueryText.encode($0.name) + "=" + QueryText.encode($0.queryText)
      }.joined(separator: "&")
    }
    guard let url = components.url else { throw .invalidBaseURL(base.absoluteString) }
    return url
  }

  private static func headers(
    for row: MethodSpecification, context: KometRequestContext
  ) -> [HTTPHeader] {
    var headers: [HTTPHeader] = []
    if row.requiredHeaders.contains(KometHeader.account) {
      headers.append(HTTPHeader(KometHeader.account, context.companyId.digits))
    }
    if let channel = context.choices.salesChannel,
      row.optionalHeaders.contains(KometHeader.salesChannel)
    {
      headers.append(HTTPHeader(KometHeader.salesChannel, channel.rawValue))
    }
    if row.parameterPlacement == .jsonBody {
      headers.append(HTTPHeader(KometHeader.contentType, KometHeader.jsonContentType))
    }
    return headers
  }
}
