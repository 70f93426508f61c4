/// The type of a stored cell, from its `t` attribute.
enum StoredCellType: UInt8 {
  case number
  case sharedString
  case inlineString
  /// `t="str"`: the cached text result of a formula.
  case formulaString
  case boolean
  case error
  /// `t="d"`: an ISO 8601 date in the value.
  case date
}

/// The cells of the row being parsed, in storage reused from row to row, so the hot path
/// allocates nothing per cell.
///
/// Value bytes of all cells sit in one buffer, each followed by a NUL so that `strtod` can read
/// numbers in place.
struct WorksheetRowBuffer {
  private(set) var count = 0
  private var capacity = 0
  private var columns: UnsafeMutablePointer<Int32>
  private var types: UnsafeMutablePointer<StoredCellType>
  private var styles: UnsafeMutablePointer<Int32>
  private var starts: UnsafeMutablePointer<Int32>
  private var lengths: UnsafeMutablePointer<Int32>
  private(set) var text: UnsafeMutablePointer<UInt8>
  private(set) var textCount = 0
  private var textCapacity = 0
  /// Whether every cell so far has a larger column than the one before it.
  private(set) var isAscending = true

  init() {
    capacity = 64
    columns = .allocate(capacity: capacity)
    types = .allocate(capacity: capacity)
    styles = .allocate(capacity: capacity)
    starts = .allocate(capacity: capacity)
    lengths = .allocate(capacity: capacity)
    textCapacity = 4096
    text = .allocate(capacity: textCapacity)
  }

  /// Frees the storage; call once, when the parse is over.
  func deallocate() {
    columns.deallocate()
    types.deallocate()
    styles.deallocate()
    starts.deallocate()
    lengths.deallocate()
    text.deallocate()
  }

  mutating func removeAll() {
    count = 0
    textCount = 0
    isAscending = true
  }

  @inline(__always)
  mutating func appendText(_ bytes: UnsafePointer<UInt8>, count byteCount: Int) {
    if textCount + byteCount + 1 > textCapacity {
      growText(toAtLeast: textCount + byteCount + 1)
    }
    (text + textCount).update(from: bytes, count: byteCount)
    textCount += byteCount
  }

  /// Stores a cell whose value bytes run from `start` to the current end of the text.
  @inline(__always)
  mutating func appendCell(column: Int, type: StoredCellType, style: Int, start: Int) {
    if count == capacity { growCells() }
    if count > 0, Int32(truncatingIfNeeded: column) <= columns[count - 1] { isAscending = false }
    columns[count] = Int32(truncatingIfNeeded: column)
    types[count] = type
    styles[count] = Int32(truncatingIfNeeded: style)
    starts[count] = Int32(truncatingIfNeeded: start)
    lengths[count] = Int32(truncatingIfNeeded: textCount - start)
    count += 1

    if textCount + 1 > textCapacity { growText(toAtLeast: textCount + 1) }
    text[textCount] = 0
    textCount += 1
  }

  /// Puts the cells in ascending column order, keeping the last of cells that share a column,
  /// because readers of a row rely on that order and Excel keeps the last value written.
  mutating func sortByColumn() {
    guard !isAscending else { return }
    let order = (0..<count).sorted {
      columns[$0] < columns[$1] || (columns[$0] == columns[$1] && $0 < $1)
    }
    var kept: [Int] = []
    for index in order {
      if let last = kept.last, columns[last] == columns[index] { kept.removeLast() }
      kept.append(index)
    }
    permute(columns, by: kept)
    permute(types, by: kept)
    permute(styles, by: kept)
    permute(starts, by: kept)
    permute(lengths, by: kept)
    count = kept.count
    isAscending = true
  }

  private func permute<T>(_ pointer: UnsafeMutablePointer<T>, by order: [Int]) {
    let values = order.map { pointer[$0] }
    for (position, value) in values.enumerated() { pointer[position] = value }
  }

  func column(at index: Int) -> Int { Int(columns[index]) }
  func type(at index: Int) -> StoredCellType { types[index] }
  func style(at index: Int) -> Int { Int(styles[index]) }

  /// The value bytes of cell `index`, without the trailing NUL.
  func valueBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: text + Int(starts[index]), count: Int(lengths[index]))
  }

  private mutating func growCells() {
    let newCapacity = capacity * 2
    columns = grow(columns, from: capacity, to: newCapacity)
    types = grow(types, from: capacity, to: newCapacity)
    styles = grow(styles, from: capacity, to: newCapacity)
    starts = grow(starts, from: capacity, to: newCapacity)
    lengths = grow(lengths, from: capacity, to: newCapacity)
    capacity = newCapacity
  }

  private mutating func growText(toAtLeast needed: Int) {
    var newCapacity = textCapacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    text = grow(text, from: textCount, to: newCapacity)
    textCapacity = newCapacity
  }

  private func grow<T>(_ pointer: UnsafeMutablePointer<T>, from used: Int, to newCapacity: Int)
    -> UnsafeMutablePointer<T>
  {
    let grown = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
    grown.moveInitialize(from: pointer, count: used)
    pointer.deallocate()
    return grown
  }
}
