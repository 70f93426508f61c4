import Foundation

extension ZipArchive {
  /// Entries larger than this are inflated on a worker thread while the caller parses.
  static let pipelineThreshold: Int64 = 4 << 20

  /// Calls `body` with successive chunks of `entry`'s inflated bytes, in order.
  ///
  /// Large entries are inflated on a second thread into a small ring of buffers, so inflating
  /// and parsing overlap; memory stays at a few chunks whatever the entry's size.
  ///
  /// - Throws: the ZIP errors of `EntryCursor` (limits, CRC-32, truncation) and whatever
  ///   `body` throws.
  func stream(_ entry: ZipEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    let cursor = try EntryCursor(
      file: file, entry: entry, limits: limits,
      totalBudget: limits.maximumTotalSize - totalInflated)
    defer { totalInflated += cursor.produced }

    if entry.uncompressedSize >= ZipArchive.pipelineThreshold {
      try PipelinedEntryReader(cursor: cursor).run(body)
      return
    }

    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = try cursor.read(into: buffer)
      if count == 0 { return }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// Returns the whole inflated content of `entry`, for parts that are small by nature.
  func contents(of entry: ZipEntry) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try stream(entry) { bytes.append(contentsOf: $0) }
    return bytes
  }
}

/// Runs an `EntryCursor` on a worker thread that fills a ring of buffers, while the calling
/// thread hands each filled buffer to its consumer.
final class PipelinedEntryReader: @unchecked Sendable {
  // @unchecked: the slots are handed between the two threads only under `condition`, and the
  // cursor is touched by the worker alone.

  private let cursor: EntryCursor
  private let condition = NSCondition()
  private let slots: [UnsafeMutableRawBufferPointer]
  private var filled: [(slot: Int, count: Int)] = []
  private var freeSlots: [Int]
  private var failure: Error?
  private var isProducerDone = false
  private var isCancelled = false
  private let producerFinished = DispatchSemaphore(value: 0)

  private static let slotCount = 4
  private static let slotSize = 1 << 20

  init(cursor: EntryCursor) {
    self.cursor = cursor
    slots = (0..<PipelinedEntryReader.slotCount).map { _ in
      .allocate(byteCount: PipelinedEntryReader.slotSize, alignment: 16)
    }
    freeSlots = Array(slots.indices)
  }

  deinit {
    for slot in slots { slot.deallocate() }
  }

  /// Starts the worker and feeds `body` until the entry ends, an error occurs, or `body` throws.
  func run(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    let worker = Thread { [self] in produce() }
    worker.start()
    defer {
      cancel()
      producerFinished.wait()
    }

    while let (slot, count) = try nextFilled() {
      try body(UnsafeRawBufferPointer(rebasing: slots[slot][0..<count]))
      release(slot)
    }
  }

  private func produce() {
    defer { producerFinished.signal() }
    while true {
      condition.lock()
      while freeSlots.isEmpty && !isCancelled { condition.wait() }
      if isCancelled {
        condition.unlock()
        return
      }
      let slot = freeSlots.removeLast()
      condition.unlock()

      do {
        let count = try cursor.read(into: slots[slot])
        condition.lock()
        if count == 0 {
          isProducerDone = true
        } else {
          filled.append((slot, count))
        }
        condition.broadcast()
        condition.unlock()
        if count == 0 { return }
      } catch {
        condition.lock()
        failure = error
        isProducerDone = true
        condition.broadcast()
        condition.unlock()
        return
      }
    }
  }

  private func nextFilled() throws -> (Int, Int)? {
    condition.lock()
    defer { condition.unlock() }
    while filled.isEmpty && !isProducerDone { condition.wait() }
    if !filled.isEmpty { return filled.removeFirst() }
    if let failure { throw failure }
    return nil
  }

  private func release(_ slot: Int) {
    condition.lock()
    freeSlots.append(slot)
    condition.broadcast()
    condition.unlock()
  }

  private func cancel() {
    condition.lock()
    isCancelled = true
    condition.broadcast()
    condition.unlock()
  }
}
