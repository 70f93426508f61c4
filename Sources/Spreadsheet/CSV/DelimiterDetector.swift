/// Chooses a CSV file's delimiter among `,` `;` tab and `|` from its first records.
///
/// For each candidate it counts the occurrences outside quotes in every non-blank record of the
/// sample and takes the count most records share (the larger count on a tie). A candidate whose
/// shared count is 0 is out. The winner is the candidate that the most records agree on, and on
/// a tie the earlier in the order above, so a header row decides between `;` and decimal commas.
/// With no candidate left the delimiter is `,`.
struct DelimiterDetector {
  static let candidates: [UInt8] = [
    UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
  ]

  /// The maximum number of records in the sample.
  static let maximumRecords = 100

  private var counts: [[Int]] = Array(repeating: [], count: candidates.count)
  private var current = Array(repeating: 0, count: candidates.count)
  private var isInQuotes = false
  private var isRecordBlank = true

  /// The number of records counted so far.
  var recordCount: Int { counts[0].count }

  /// Counts the candidates in `bytes`, a further piece of the UTF-8 text.
  ///
  /// Every quote toggles the quoted state, which is right for RFC 4180 fields, because an
  /// escaped quote is two quotes, and good enough for a sample with stray quotes.
  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    for byte in bytes {
      guard recordCount < Self.maximumRecords else { return }
      if byte == UInt8(ascii: "\"") {
        isInQuotes.toggle()
        isRecordBlank = false
      } else if isInQuotes {
        continue
      } else if byte == 0x0A || byte == 0x0D {
        endRecord()
      } else {
        isRecordBlank = false
        if let index = Self.candidates.firstIndex(of: byte) { current[index] += 1 }
      }
    }
  }

  /// Counts the last record when the sample is the whole file.
  mutating func finishFile() {
    endRecord()
  }

  /// Returns the delimiter that the records counted so far point to.
  func delimiter() -> UInt8 {
    var best: (agreement: Int, index: Int)?
    for (index, perRecord) in counts.enumerated() {
      var frequency: [Int: Int] = [:]
      for count in perRecord { frequency[count, default: 0] += 1 }
      let shared = frequency.max { ($0.value, $0.key) < ($1.value, $1.key) }
      guard let shared, shared.key > 0 else { continue }
      if best == nil || shared.value > best!.agreement {
        best = (shared.value, index)
      }
    }
    return best.map { Self.candidates[$0.index] } ?? Self.candidates[0]
  }

  private mutating func endRecord() {
    if !isRecordBlank {
      for index in counts.indices { counts[index].append(current[index]) }
    }
    current = Array(repeating: 0, count: Self.candidates.count)
    isRecordBlank = true
  }
}
