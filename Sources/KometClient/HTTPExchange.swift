import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The result of one attempt: a response with its status and body, or a transport error
/// reduced to its domain and code.
enum ExchangeOutcome: Sendable {
  case response(status: Int, body: Data)
  case failure(domain: String, code: Int)
}

/// Sends requests over one `URLSession` that follows no redirects and stores nothing.
final class HTTPExchange: Sendable {
  private let session: URLSession

  init(requestTimeout: TimeInterval, resourceTimeout: TimeInterval) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = requestTimeout
    configuration.timeoutIntervalForResource = max(requestTimeout, resourceTimeout)
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    session = URLSession(
      configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
  }

  deinit {
    session.finishTasksAndInvalidate()
  }

  /// Sends `request` once. The error, whose description contains the whole URL, is dropped
  /// here.
  func perform(_ request: URLRequest) async -> ExchangeOutcome {
    do {
      let (data, response) = try await session.data(for: request)
      guard let http = response as? HTTPURLResponse else {
        return .failure(domain: NSURLErrorDomain, code: NSURLErrorBadServerResponse)
      }
      return .response(status: http.statusCode, body: data)
    } catch {
      let nsError = error as NSError
      return .failure(domain: nsError.domain, code: nsError.code)
    }
  }
}

/// Refuses every redirect, so a token is never sent on to a host or scheme the base URL check
/// did not see. The 3xx response then reaches the client as it came.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}
