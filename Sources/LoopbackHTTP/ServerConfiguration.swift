/// The address, limits and timeouts of a `LoopbackServer`.
package struct ServerConfiguration: Sendable {
  /// The address to bind: `127.0.0.1` or `::1`, checked by `LoopbackAddress`.
  package var bindAddress: String = "127.0.0.1"

  /// The TCP port; 0 lets the kernel pick a free one, which `LoopbackServer.port` returns.
  package var port: UInt16 = 0

  /// The maximum size in bytes of a request line and headers, their final blank line
  /// included; a larger head gets 431 and the connection closes.
  package var maxHeaderBytes: Int = 16 * 1024

  /// The maximum `Content-Length` in bytes; a larger one gets 413 before the body is read.
  package var maxBodyBytes: Int = 1024 * 1024

  /// How long a request may take from its first byte to its last body byte. A client that
  /// has not sent the whole head by then gets 408; one that stops inside the body has its
  /// request dropped unanswered. Both connections close.
  package var requestTimeout: Duration = .seconds(10)

  /// How long a kept-alive connection may wait for the first byte of its next request.
  package var idleTimeout: Duration = .seconds(30)

  /// How long one write of a response may block on a client that does not read.
  package var writeTimeout: Duration = .seconds(10)

  /// The maximum number of connections open at once; the server closes any beyond it at
  /// once, without a response.
  package var maxConnections: Int = 64

  package init() {}
}
