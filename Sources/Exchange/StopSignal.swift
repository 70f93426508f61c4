import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A request to stop the pipeline after the step in progress, set by SIGINT, SIGTERM or a
/// caller.
package final class StopSignal: Sendable {
  private struct State {
    var isRequested = false
    var listeners: [@Sendable () -> Void] = []
  }

  private let state = Mutex(State())
  /// The signal sources that `trapping` installed, kept alive while the object lives.
  private let sources = Mutex<[DispatchSourceSignal]>([])
  private let previousHandlers = Mutex<[(Int32, __sighandler_t?)]>([])

  package init() {}

  /// Returns a stop signal that SIGINT and SIGTERM set. The process ignores those signals
  /// until `restoreSignals()`, so the pipeline can finish its step instead of dying in it.
  package static func trapping(_ signals: [Int32] = [SIGINT, SIGTERM]) -> StopSignal {
    let stop = StopSignal()
    stop.sources.withLock { installed in
      for number in signals {
        let previous = signal(number, SIG_IGN)
        stop.previousHandlers.withLock { $0.append((number, previous)) }
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { stop.request() }
        source.resume()
        installed.append(source)
      }
    }
    return stop
  }

  /// Cancels the signal sources and gives each trapped signal its previous handler back.
  /// Calling it again does nothing.
  package func restoreSignals() {
    sources.withLock { list in
      for source in list { source.cancel() }
      list = []
    }
    previousHandlers.withLock { list in
      for (number, handler) in list { signal(number, handler) }
      list = []
    }
  }

  /// Whether a stop was requested.
  package var isRequested: Bool { state.withLock { $0.isRequested } }

  /// Requests the stop and tells the listeners once. Calling it again does nothing.
  package func request() {
    let listeners = state.withLock { state -> [@Sendable () -> Void] in
      guard !state.isRequested else { return [] }
      state.isRequested = true
      defer { state.listeners = [] }
      return state.listeners
    }
    for listener in listeners {
      listener()
    }
  }

  /// Calls `action` when the stop is requested, or at once when it already was.
  func onRequest(_ action: @escaping @Sendable () -> Void) {
    let isRequested = state.withLock { state in
      if !state.isRequested { state.listeners.append(action) }
      return state.isRequested
    }
    if isRequested { action() }
  }
}
