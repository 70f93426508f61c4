import Foundation

/// The port, limits and clock of a `KometSandbox`.
package struct SandboxConfiguration: Sendable {
  /// The TCP port on 127.0.0.1; 0 lets the kernel pick a free one.
  package var port: UInt16 = 0

  /// Requests allowed per token per UTC day. Komet allows 1,000 per paid user per day.
  package var dailyLimit: Int = 1000

  /// The largest body accepted, in bytes.
  ///
  /// NOTE: Komet states "64kb" per request without saying whether that is 64,000 or 65,536
  /// bytes, or whether headers count; the sandbox takes 65,536 bytes of body.
  package var maxRequestBytes: Int = 64 * 1024

  /// The clock that dates requests for the daily limit and seeds inventory dates.
  package var clock: @Sendable () -> Date = { Date() }

  /// How long a request may take to arrive, and how long a kept-alive connection may idle.
  package var requestTimeout: Duration = .seconds(10)
  package var idleTimeout: Duration = .seconds(30)

  package init() {}
}
