import Foundation
import Inventory
import Testing
import Workspace

@testable import InventoryFeed

struct ColumnTests {
  @Test(arguments: [
    ("2.5", "2.50"), ("3", "3.00"), ("0.125", "0.125"), ("12345678.99", "12345678.99"),
    ("1E+2", "100.00"), ("0.05", "0.05"),
  ])
  func priceTextIsExact(input: String, expected: String) throws {
    let price = try #require(Decimal(string: input, locale: Locale(identifier: "en_US_POSIX")))
    #expect(InventoryColumns.priceText(price) == expected)
  }

  @Test func columnListsMatch() {
    #expect(InventoryColumns.csvNames.count == InventoryColumns.jsonKeys.count)
    #expect(InventoryColumns.csvNames.count == 14)
  }
}

/// The example rows of `docs/formats.md`, written by the drop writer.
struct FormatExampleTests {
  static let items = [
    InventoryItem(
      inventoryId: "5100001", origin: .onHand, productCode: "RFRE50",
      productDescription: "Rose Freedom 50cm", grade: "50cm", category: "Roses", boxType: "HB",
      unitsPerBox: 300, unitType: "Stem", boxesAvailable: 10,
      unitPrice: Decimal(string: "0.35")!, locationId: "200101"),
    InventoryItem(
      inventoryId: "7300003", origin: .future, productCode: "CARSEL",
      productDescription: "Carnation \"Select\", White", grade: "Select",
      category: "Carnations", boxType: "QB", unitsPerBox: 150, unitType: "Stem",
      boxesAvailable: 24, unitPrice: Decimal(string: "0.22")!, locationId: "200101",
      availableFrom: "2026-12-11"),
  ]

  @Test func csvAndJSONMatchDocumentedExample() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("format-example-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = Workspace(root: root)
    let folder = InventoryPublisher.folder(in: workspace)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let writer = InventoryDropWriter(folder: folder, writer: AtomicFileWriter(workspace: workspace))
    let time = Date(timeIntervalSince1970: 1_796_398_801)

    let digests = try writer.writeDrop(
      Self.items, sequence: 42, source: .ecommerce, asOf: time, writtenAt: time)

    let csv = try String(contentsOf: folder.appendingPathComponent(digests.csv.name), encoding: .utf8)
    let json = try String(
      contentsOf: folder.appendingPathComponent(digests.json.name), encoding: .utf8)
    let docs = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/formats.md").standardizedFileURL,
      encoding: .utf8)
    let csvLines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let jsonLines = json.components(separatedBy: "\n").filter { !$0.isEmpty }
    #expect(csvLines.count == 3)
    #expect(jsonLines.count == 4)
    for line in csvLines + jsonLines {
      #expect(docs.contains(line + "\n"), "docs/formats.md lacks \(line)")
    }
    #expect(digests.csv.name == "inventory-20261204T154001Z.csv")
  }
}
