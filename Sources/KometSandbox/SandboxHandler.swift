import Foundation
import LoopbackHTTP
import Synchronization

/// The HTTP handler of the sandbox: checks each request as Komet would, runs its method on
/// the state, and logs it with its tokens masked.
///
/// Failure responses, all JSON with `status` "0" and a `message`:
/// - unknown path: HTTP 404; wrong HTTP method: HTTP 405;
/// - body over the size limit: HTTP 413, logged without its body and not counted;
/// - missing, unknown or wrong-type token, a Customer token used for another customer, or an
///   `X-ACCOUNT` that is not the company's: HTTP 401;
/// - missing or malformed `X-ACCOUNT`, or a POST body that is not a JSON object: HTTP 400;
/// - daily limit reached for the token: HTTP 429, not counted;
/// - an invalid parameter, unknown or sold-out inventory and other business rejections:
///   HTTP 200, as Komet's own failure samples are plain responses.
///
/// Komet documents none of these statuses; they are the sandbox's choice.
final class SandboxHandler: HTTPHandler {
  let state: Mutex<SandboxState>
  let configuration: SandboxConfiguration

  init(state: SandboxState, configuration: SandboxConfiguration) {
    self.state = Mutex(state)
    self.configuration = configuration
  }

  func reply(to request: HTTPRequest) -> HTTPReply {
    state.withLock { state in
      let (status, body) = respond(to: request, in: &state)
      let entry = RequestLogger.entry(
        for: request, httpStatus: status, body: body, tokens: state.tokens,
        isBodyKept: request.body.count <= configuration.maxRequestBytes)
      state.requestLog.append(entry)

      var response = HTTPResponse(status: status, body: body.encoded())
      response.headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
      return .respond(response)
    }
  }

  /// Runs every check and the method, and returns the HTTP status and the JSON body.
  private func respond(
    to request: HTTPRequest, in state: inout SandboxState
  ) -> (Int, JSONValue) {
    do {
      let spec = try checkedSpec(for: request)
      let parameters = try RequestParameters(parsing: request, for: spec)
      let token = try authenticate(request, spec: spec, parameters: parameters, state: state)
      try countRequest(by: token, in: &state)
      try checkToken(token, for: spec)
      if spec.requiresAccount {
        try checkAccount(request, state: state)
      }

      let context = MethodContext(
        parameters: parameters, token: token, now: configuration.clock())
      let fields = try context.run(spec.name, on: &state)
      return (200, .object(fields))
    } catch {
      var fields = error.extra
      fields["status"] = .string("0")
      fields["message"] = .string(error.message)
      return (error.httpStatus, .object(fields))
    }
  }

  private func checkedSpec(for request: HTTPRequest) throws(Rejection) -> MethodSpec {
    guard let spec = MethodSpec.find(path: request.path) else {
      throw Rejection(httpStatus: 404, message: "Unknown API method \(request.path).")
    }
    guard request.body.count <= configuration.maxRequestBytes else {
      throw Rejection(
        httpStatus: 413,
        message: "The request of \(request.body.count) bytes is over the 64 KB limit.")
    }
    guard spec.placements[request.method] != nil else {
      let allowed = spec.placements.keys.sorted().joined(separator: ", ")
      throw Rejection(
        httpStatus: 405, message: "\(spec.name) takes \(allowed), not \(request.method).")
    }
    return spec
  }

  /// Finds the token the request carries where its method takes it.
  private func authenticate(
    _ request: HTTPRequest, spec: MethodSpec, parameters: RequestParameters,
    state: SandboxState
  ) throws(Rejection) -> TokenRecord {
    let text: String?
    switch spec.placements[request.method] {
    case .header:
      text = request.headers["authenticationToken"]
    case .query, .jsonBody, nil:
      if case .string(let value) = parameters.values["authenticationToken"] {
        text = value
      } else {
        text = nil
      }
    }
    guard let text, !text.isEmpty else {
      let place = spec.placements[request.method].map(\.description) ?? "request"
      throw Rejection(
        httpStatus: 401, message: "The authenticationToken is missing from the \(place).")
    }
    guard let token = state.tokens.first(where: { $0.value == text }) else {
      throw Rejection(httpStatus: 401, message: "The authentication token is not valid.")
    }
    return token
  }

  private func countRequest(by token: TokenRecord, in state: inout SandboxState)
    throws(Rejection)
  {
    let day = DateText.format(configuration.clock())
    let count = state.dailyRequestCounts[day]?[token.type.rawValue] ?? 0
    guard count < configuration.dailyLimit else {
      throw Rejection(
        httpStatus: 429,
        message: "The daily limit of \(configuration.dailyLimit) requests for this token "
          + "was reached on \(day) (UTC).")
    }
    state.dailyRequestCounts[day, default: [:]][token.type.rawValue] = count + 1
  }

  private func checkToken(_ token: TokenRecord, for spec: MethodSpec) throws(Rejection) {
    guard spec.allowedTokens.contains(token.type) else {
      throw Rejection(
        httpStatus: 401,
        message: "A \(token.type.rawValue) token is not allowed to call \(spec.name).")
    }
  }

  private func checkAccount(_ request: HTTPRequest, state: SandboxState) throws(Rejection) {
    guard let account = request.headers["X-ACCOUNT"], !account.isEmpty else {
      throw Rejection(httpStatus: 400, message: "The X-ACCOUNT header is required.")
    }
    guard account.count <= 20, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw Rejection(
        httpStatus: 400, message: "The X-ACCOUNT header must be an integer of at most 20 digits.")
    }
    guard account == state.companyId else {
      throw Rejection(
        httpStatus: 401, message: "X-ACCOUNT \(account) is not the company of this token.")
    }
  }
}

extension TokenPlacement: CustomStringConvertible {
  var description: String {
    switch self {
    case .query: "query string"
    case .header: "headers"
    case .jsonBody: "JSON body"
    }
  }
}

extension RequestParameters {
  /// Reads the query of a GET, or the JSON object body of any other method.
  init(parsing request: HTTPRequest, for spec: MethodSpec) throws(Rejection) {
    if request.method == "GET" {
      var values: [String: JSONValue] = [:]
      for item in request.queryItems where values[item.name] == nil {
        values[item.name] = .string(item.value)
      }
      self.init(values: values)
      return
    }
    guard
      let value = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body)),
      case .object(let object) = value
    else {
      throw Rejection(httpStatus: 400, message: "The request body must be a JSON object.")
    }
    self.init(values: object)
  }
}
