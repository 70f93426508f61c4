// drop-bench OUTPUT_FOLDER [ITEMS]
//
// Builds ITEMS inventory items in memory (100,000 by default) with the formulas that
// `bench/drop_peer.py` uses. Writes one inventory drop of them into
// OUTPUT_FOLDER/outbox/dwf/inventory/: CSV, JSON and manifest, each renamed into place and
// fsynced. Prints one JSON line with the write time, the peak resident set size and the data
// files' SHA-256.

import Foundation
import Inventory
import InventoryFeed
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: drop-bench OUTPUT_FOLDER [ITEMS]\n".utf8))
  exit(64)
}
let itemCount = arguments.count >= 3 ? Int(arguments[2]) ?? 100_000 : 100_000

/// Returns item `index` of the benchmark set; `drop_peer.py` has the same formulas.
func benchmarkItem(_ index: Int) -> InventoryItem {
  let species = ["Rose", "Carnation", "Alstroemeria", "Chrysanthemum", "Gypsophila", "Hydrangea"]
  let colours = ["Red", "White", "Pink", "Crème", "Bicolour Red, White", "Yellow \"Sun\""]
  let isFuture = index % 5 == 0
  let cents = 15 + (index * 37) % 236
  let day = 1 + index % 14
  return InventoryItem(
    inventoryId: String(5_000_000 + index), origin: isFuture ? .future : .onHand,
    productCode: "P\(index % 400)",
    productDescription: "\(species[index % 6]) \(colours[(index / 6) % 6]) \(40 + index % 4 * 10)cm",
    grade: index % 3 == 0 ? "Select" : "Fancy", category: species[index % 6],
    boxType: index % 2 == 0 ? "HB" : "QB", unitsPerBox: index % 2 == 0 ? 300 : 150,
    unitType: index % 4 == 0 ? "Bunch" : "Stem", boxesAvailable: (index * 7) % 400,
    unitPrice: Decimal(cents) / 100, locationId: index % 10 == 0 ? "200102" : "200101",
    availableFrom: isFuture ? String(format: "2026-01-%02d", day) : nil, availableTo: nil)
}

let items = (0..<itemCount).map(benchmarkItem)
let workspace = Workspace(root: URL(fileURLWithPath: arguments[1], isDirectory: true))
let folder = workspace.dwfOutbox.appendingPathComponent("inventory", isDirectory: true)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let writer = InventoryDropWriter(folder: folder, writer: AtomicFileWriter(workspace: workspace))
let fixedTime = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

let clock = ContinuousClock()
let start = clock.now
let digests = try writer.writeDrop(
  items, sequence: 1, source: .export, asOf: fixedTime, writtenAt: fixedTime)
let elapsed = start.duration(to: clock.now)

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
  "{\"writer\": \"drop-bench\", \"items\": \(items.count), \"writeSeconds\": "
    + String(format: "%.3f", seconds) + ", \"peakKB\": \(usage.ru_maxrss), "
    + "\"csvSha256\": \"\(digests.csv.sha256)\", \"jsonSha256\": \"\(digests.json.sha256)\"}")
