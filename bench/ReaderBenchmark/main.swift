// Reads every cell of a workbook with komet-dwf's reader and prints the benchmark checksum
// (defined in bench/README.md) as JSON, so that its work can be compared with other readers'.

import CZlib
import Spreadsheet

#if canImport(Glibc)
  import Glibc
#endif

struct Checksum {
  var cells = 0
  var textCells = 0
  var textBytes = 0
  var textCRC32: UInt = 0
  var numberCells = 0
  var numberSum = 0.0
  var booleanCells = 0
  var trueCells = 0

  mutating func add(_ value: CellValue) {
    switch value {
    case .empty:
      return
    case .text(let text):
      if text.isEmpty { return }
      var copy = text
      copy.withUTF8 { bytes in
        textBytes += bytes.count
        textCRC32 = crc32(textCRC32, bytes.baseAddress, uInt(bytes.count))
      }
      var terminator: UInt8 = 0xFF
      textCRC32 = crc32(textCRC32, &terminator, 1)
      textCells += 1
    case .number(let number):
      numberCells += 1
      numberSum += number
    case .boolean(let flag):
      booleanCells += 1
      if flag { trueCells += 1 }
    default:
      fatalError("the benchmark data has no \(value)")
    }
    cells += 1
  }

  var json: String {
    let crc = String(textCRC32, radix: 16)
    return "{\"cells\": \(cells), \"textCells\": \(textCells), \"textBytes\": \(textBytes), "
      + "\"textCRC32\": \"\(String(repeating: "0", count: 8 - crc.count) + crc)\", "
      + "\"numberCells\": \(numberCells), \"numberSum\": \(numberSum), "
      + "\"booleanCells\": \(booleanCells), \"trueCells\": \(trueCells)}"
  }
}

func writeError(_ message: String) {
  var bytes = Array(message.utf8)
  _ = write(2, &bytes, bytes.count)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
  writeError("usage: reader-bench FILE\n")
  exit(64)
}

do {
  let document = try SpreadsheetDocument(path: arguments[1])
  var checksum = Checksum()
  for sheet in document.sheets.indices where document.sheets[sheet].hasRows {
    try document.readRows(sheetAt: sheet) { row in
      for index in 0..<row.count {
        checksum.add(try row.value(at: index))
      }
    }
  }
  print(checksum.json)
} catch {
  writeError("reader-bench: \(error)\n")
  exit(1)
}
