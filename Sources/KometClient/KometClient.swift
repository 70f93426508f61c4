import Foundation
import Komet
import Logging
import StateStore

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Calls Komet's API over HTTPS: one async function per method, with retries for reads, the
/// daily quota, dry runs, and errors that never carry a token.
///
/// Each function builds the request, counts it in the quota ledger, sends it and decodes the
/// typed response. A GET is sent again after a transport failure, HTTP 5xx or 429, waiting with
/// exponential backoff and full jitter. A POST is never sent again. Any failure of one without
/// a response is `outcomeUnknown` and left to the caller, a refused connection included,
/// because libcurl may have delivered the request on a reused connection before its retry on
/// a new connection was refused.
package actor KometClient {
  package let configuration: KometClientConfiguration
  private let context: KometRequestContext
  private let exchange: HTTPExchange
  private let logger: Logger
  private let clock: any RetryClock
  private let jitter: any JitterSource
  private var quota: QuotaGate
  private var outbox: DryRunOutbox?

  /// Creates a client that counts requests in `database`, the migrated state database.
  ///
  /// `clock` and `jitter` exist for tests of the retry timing. Leave them at their defaults.
  ///
  /// - Throws: `insecureBaseURL` or `invalidBaseURL` for a base URL the client will not use,
  ///   and `dryRunWriteFailed` when the dry-run folder cannot be made.
  package init(
    configuration: KometClientConfiguration, database: sending Database, logger: Logger,
    clock: any RetryClock = TaskSleepClock(), jitter: any JitterSource = SystemJitter()
  ) throws(KometClientError) {
    let baseURL = try BaseURLCheck.validated(configuration.baseURL)
    self.configuration = configuration
    context = KometRequestContext(
      baseURL: baseURL, companyId: configuration.companyId, tokens: configuration.tokens,
      choices: configuration.choices)
    exchange = HTTPExchange(
      requestTimeout: configuration.requestTimeout,
      resourceTimeout: configuration.resourceTimeout)
    self.logger = logger
    self.clock = clock
    self.jitter = jitter
    quota = QuotaGate(database: database, policy: configuration.quota, logger: logger)
    outbox = try configuration.dryRunFolder.map { (folder) throws(KometClientError) in
      try DryRunOutbox(folder: folder)
    }
  }

  /// Whether writes go to the dry-run folder instead of Komet.
  package var isDryRun: Bool { outbox != nil }

  /// Tells whether the daily quota of the token that `method` would use has room for one more
  /// request now, without counting one. False when no token fits the method.
  package func hasQuotaLeft(for method: KometMethod) -> Bool {
    guard let token = try? configuration.tokens.token(for: method, choices: configuration.choices)
    else { return false }
    return quota.hasRoom(role: token.role.ledgerRole)
  }

  /// Sends a read, or a write outside a dry run, and decodes its response.
  func send<Call: KometCall>(_ call: Call) async throws(KometClientError) -> Call.Response {
    let request = try build(call)
    return try await transmit(request, as: Call.Response.self)
  }

  /// Sends a write, or in a dry run writes its file and returns `dryRunResponse`, which gets
  /// the outbox to allocate placeholder IDs from.
  func sendWrite<Call: KometCall>(
    _ call: Call, dryRunResponse: (inout DryRunOutbox) -> Call.Response
  ) async throws(KometClientError) -> Call.Response {
    let request = try build(call)
    guard var outbox else { return try await transmit(request, as: Call.Response.self) }

    let requestID = UUID()
    let path = try outbox.write(request, requestID: requestID)
    let response = dryRunResponse(&outbox)
    self.outbox = outbox
    logger.info(
      "Komet write recorded for the dry run instead of sent",
      [
        "komet.method": request.method.rawValue, "komet.request_id": requestID.uuidString,
        "dry_run.file": path,
      ])
    return response
  }

  private func build<Call: KometCall>(_ call: Call) throws(KometClientError) -> KometHTTPRequest {
    do {
      return try KometRequestBuilder.build(call, in: context)
    } catch {
      throw .komet(error)
    }
  }

  /// Sends `request`, retrying as its HTTP method allows, and decodes the response.
  private func transmit<Response: KometResponse>(
    _ request: KometHTTPRequest, as type: Response.Type
  ) async throws(KometClientError) -> Response {
    try rejectPlaceholders(in: request)
    let requestID = UUID()
    let urlRequest = makeURLRequest(request)
    let maxAttempts = configuration.retry.maxAttempts
    var attempt = 0

    while true {
      attempt += 1
      try quota.admit(role: request.token.role.ledgerRole)
      logger.debug("Komet request sending", metadata(request, requestID, attempt: attempt))

      let outcome = await exchange.perform(urlRequest)
      let step = nextStep(after: outcome, of: request, requestID: requestID, attempt: attempt)
      switch step {
      case .decode(let body):
        return try decode(body, as: type, for: request)
      case .fail(let error):
        var values = metadata(request, requestID, attempt: attempt)
        values["error"] = error.description
        logger.error("Komet request failed", values)
        throw error
      case .retry(let reason) where attempt < maxAttempts:
        try await waitBeforeRetry(attempt, of: request, requestID: requestID, reason: reason)
      case .retry:
        let error = exhausted(outcome, request: request, attempts: attempt)
        var values = metadata(request, requestID, attempt: attempt)
        values["error"] = error.description
        logger.error("Komet request failed on every attempt", values)
        throw error
      }
    }
  }

  private enum Step {
    case decode(Data)
    case retry(reason: String)
    case fail(KometClientError)
  }

  private func nextStep(
    after outcome: ExchangeOutcome, of request: KometHTTPRequest, requestID: UUID, attempt: Int
  ) -> Step {
    let isPost = request.httpMethod == .post
    switch outcome {
    case .response(let status, let body) where (200..<300).contains(status):
      return .decode(body)
    case .response(let status, let body) where status == 429 && isPost:
      // HTTP 429 means the request was turned away unprocessed, as the sandbox does at its
      // daily limit, so a write that met it was not applied and may be sent again later.
      return .fail(statusError(status, body: body, request: request, attempts: attempt))
    case .response(let status, _) where status >= 500 || status == 429:
      if isPost {
        return .fail(
          .outcomeUnknown(method: request.method, requestID: requestID, cause: .httpStatus(status)))
      }
      return .retry(reason: "HTTP \(status)")
    case .response(let status, let body):
      return .fail(statusError(status, body: body, request: request, attempts: attempt))
    case .failure(let domain, let code):
      let failure = TransportFailure(
        method: request.method, httpMethod: request.httpMethod, url: RedactedURL.text(request.url),
        domain: domain, code: code, attempts: attempt)
      if isPost {
        // A refused connection does not prove that nothing reached Komet: libcurl sends a
        // request again on a new connection when a reused one dies before the response, so
        // the refusal may follow a delivery. Only the caller can find out.
        return .fail(
          .outcomeUnknown(method: request.method, requestID: requestID, cause: .transport(failure)))
      }
      guard failure.isRetryableForReads else { return .fail(.transport(failure)) }
      return .retry(reason: failure.reason)
    }
  }

  /// Returns the error for a retryable outcome once no attempt is left.
  private func exhausted(
    _ outcome: ExchangeOutcome, request: KometHTTPRequest, attempts: Int
  ) -> KometClientError {
    switch outcome {
    case .response(let status, let body):
      return statusError(status, body: body, request: request, attempts: attempts)
    case .failure(let domain, let code):
      return .transport(
        TransportFailure(
          method: request.method, httpMethod: request.httpMethod,
          url: RedactedURL.text(request.url), domain: domain, code: code, attempts: attempts))
    }
  }

  /// Returns a rejection for a non-2xx response whose body is JSON with `status` 0, and
  /// otherwise an HTTP status error with the body's start, tokens masked. HTTP 429 and 5xx
  /// stay HTTP status errors whatever the body contains, because the request was not
  /// rejected on its merits and may succeed later.
  private func statusError(
    _ status: Int, body: Data, request: KometHTTPRequest, attempts: Int
  ) -> KometClientError {
    let tokens = configuration.tokens.all
    let isTemporary = status == 429 || status >= 500
    if !isTemporary, let object = try? KometResponseDecoder.topLevelObject(
      from: body, for: request.method, redacting: tokens)
    {
      do {
        try KometResponseDecoder.checkStatus(of: object)
      } catch {
        if case .rejected = error { return .komet(error) }
      }
    }
    return .httpStatus(
      method: request.method, status: status, attempts: attempts,
      bodyStart: BodyExcerpt.make(from: body, redacting: tokens))
  }

  private func decode<Response: KometResponse>(
    _ body: Data, as type: Response.Type, for request: KometHTTPRequest
  ) throws(KometClientError) -> Response {
    do {
      return try KometResponseDecoder.decode(
        type, from: body, for: request.method, redacting: configuration.tokens.all)
    } catch {
      logger.warning(
        "Komet response not accepted",
        ["komet.method": request.method.rawValue, "error": error.description])
      throw .komet(error)
    }
  }

  private func waitBeforeRetry(
    _ attempt: Int, of request: KometHTTPRequest, requestID: UUID, reason: String
  ) async throws(KometClientError) {
    let delay = configuration.retry.delay(beforeRetry: attempt, fraction: jitter.fraction())
    var values = metadata(request, requestID, attempt: attempt)
    values["komet.retry_delay_ms"] = String(Self.milliseconds(delay))
    values["komet.max_attempts"] = String(configuration.retry.maxAttempts)
    values["komet.retry_reason"] = reason
    logger.warning("Komet request failed, retrying", values)
    do {
      try await clock.sleep(for: delay)
    } catch {
      throw .transport(
        TransportFailure(
          method: request.method, httpMethod: request.httpMethod,
          url: RedactedURL.text(request.url), domain: NSURLErrorDomain, code: NSURLErrorCancelled,
          attempts: attempt))
    }
  }

  private func makeURLRequest(_ request: KometHTTPRequest) -> URLRequest {
    var urlRequest = URLRequest(
      url: request.urlWithToken, cachePolicy: .reloadIgnoringLocalCacheData,
      timeoutInterval: configuration.requestTimeout)
    urlRequest.httpMethod = request.httpMethod.rawValue
    urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
    for header in request.headersWithToken {
      urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
    }
    urlRequest.httpBody = request.bodyWithToken
    return urlRequest
  }

  private func rejectPlaceholders(in request: KometHTTPRequest) throws(KometClientError) {
    let queryValues =
      URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems?
      .compactMap(\.value) ?? []
    var values = queryValues.map(JSONValue.string)
    if let body = request.body { values.append(body) }
    if let found = values.lazy.compactMap(Self.placeholder(in:)).first {
      throw .placeholderID(method: request.method, id: found)
    }
  }

  private static func placeholder(in value: JSONValue) -> String? {
    switch value {
    case .string(let text), .number(let text):
      return text.hasPrefix(KometID.dryRunPrefix) ? text : nil
    case .array(let elements):
      return elements.lazy.compactMap(placeholder(in:)).first
    case .object(let members):
      return members.lazy.compactMap { placeholder(in: $0.value) }.first
    default:
      return nil
    }
  }

  private func metadata(
    _ request: KometHTTPRequest, _ requestID: UUID, attempt: Int
  ) -> LogMetadata {
    [
      "komet.method": request.method.rawValue, "komet.request_id": requestID.uuidString,
      "http.method": request.httpMethod.rawValue, "komet.url": RedactedURL.text(request.url),
      "komet.attempt": String(attempt), "komet.token_role": request.token.role.rawValue,
    ]
  }

  private static func milliseconds(_ duration: Duration) -> Int64 {
    let parts = duration.components
    return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
  }
}
