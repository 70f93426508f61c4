import Dispatch

/// Runs `work` on Swift's concurrency pool and blocks the calling thread, which must not be
/// one of that pool's threads, until it returns.
func blockUntilDone<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
  let done = DispatchSemaphore(value: 0)
  let result = PipelineResult<Value>()
  Task {
    result.value = await work()
    done.signal()
  }
  done.wait()
  return result.value!
}

/// The value handed from the task to the blocked thread.
private final class PipelineResult<Value>: @unchecked Sendable {
  // @unchecked: the task writes once before `signal()`, and the thread reads after `wait()`.
  var value: Value?
}
