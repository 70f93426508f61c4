import Foundation
import Intake
import Inventory
import KometSandbox
import Testing

struct InventoryExportTests {
  static let header =
    "Inventory ID,Origin,Product Code,Boxes Available,Unit Price,Location ID,Available From\n"

  @Test func sampleMatchesSandboxInventory() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Samples/komet-inventory.xlsx", to: "inbox/inventory.xlsx")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .processed(.inventoryExport, _, let summary) = outcome else {
      Issue.record("expected a processed inventory export, got \(outcome)")
      return
    }
    #expect(summary == "40 inventory lines (28 on hand, 12 future), sheet \"Inventory\"")
    let stored = try #require(try StoredInventoryExport(database: folder.database).latest())
    let seeded = SandboxState.seeded().inventory
    #expect(stored.items.map(\.inventoryId) == seeded.map(\.inventoryId))
    for (item, line) in zip(stored.items, seeded) {
      #expect(item.origin == (line.origin == .future ? .future : .onHand))
      #expect(item.unitPrice == Decimal(string: line.price))
      #expect(item.boxesAvailable == line.availableBoxes)
      #expect(item.unitsPerBox == line.unitsPerBox)
      #expect(item.locationId == line.locationId)
      #expect(item.productCode == line.productCode)
      #expect(item.boxType == line.boxTypeCode)
    }
    #expect(stored.sourceFile == "inventory.xlsx")
    #expect(stored.takenAt == IntakeWorkspace.now)
  }

  @Test func pricesKeepEveryDigit() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/inventory.csv",
      text: Self.header + "11,OH,R1,3,0.1,200101,2024-03-11\n12,FS,R2,4,1234567.123456789,,\n")

    _ = folder.makeIntake().take(path: path, area: .grower)

    let stored = try #require(try StoredInventoryExport(database: folder.database).latest())
    #expect(
      stored.items.map(\.unitPrice) == [
        Decimal(string: "0.1")!, Decimal(string: "1234567.123456789")!,
      ])
    #expect(stored.items.map(\.availableFrom) == ["2024-03-11", nil])
    #expect(stored.items.map(\.locationId) == ["200101", nil])
  }

  @Test func headerSynonymsAndOriginWords() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/stock.csv",
      text: "Note: weekly stock\nLine Id,Inventory Type,Available Boxes,Price,Box\n"
        + "21,On Hand,5,2.50,HB\n22,future sales,6,3,QB\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .processed(.inventoryExport, _, _) = outcome else {
      Issue.record("expected a processed inventory export, got \(outcome)")
      return
    }
    let stored = try #require(try StoredInventoryExport(database: folder.database).latest())
    #expect(stored.items.map(\.origin) == [.onHand, .future])
    #expect(stored.items.map(\.boxType) == ["HB", "QB"])
  }

  @Test func invalidCellsFailWholeFile() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/inventory.csv",
      text: Self.header
        + "11,OH,R1,3,0.45,,\n"
        + "AB-1,OH,R1,3,0.45,,\n"
        + "12,XX,R1,two,1,50,,\n"
        + "11,FS,R1,3,-2,,2024-02-30\n"
        + ",OH,R1,3,0.45,,\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(let errorFile, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(
      reason
        == "inventory.csv, sheet \"inventory\" has 7 invalid cells, so no line of the file was"
        + " stored:\n"
        + "  row 3, cell A3 (Inventory Id): \"AB-1\" is not an ID, which is a string of digits\n"
        + "  row 4, cell B4 (Origin): \"XX\" is not an origin; expected OH (on hand) or FS"
        + " (future)\n"
        + "  row 4, cell D4 (Boxes Available): \"two\" is not a whole number of 0 or more\n"
        + "  row 5, cell A5 (Inventory Id): the inventory ID 11 is also on row 2; each line must"
        + " appear once\n"
        + "  row 5, cell E5 (Unit Price): \"-2\" is not a price; expected a decimal number of 0"
        + " or more, such as 0.45\n"
        + "  row 5, cell G5 (Available From): \"2024-02-30\" is not a date; expected a date cell"
        + " or text such as 2024-03-10\n"
        + "  row 6, cell A6 (Inventory Id): the inventory ID is empty, but the row has other"
        + " values")
    let text = try folder.contents(of: errorFile)
    #expect(text.contains("Sheet: inventory\nRow: 3\nColumn: A\nValue: AB-1\n"))
    #expect(text.contains("Nothing from this file was stored."))
    #expect(try StoredInventoryExport(database: folder.database).latest() == nil)
  }

  @Test func errorListStopsAtFifty() throws {
    let folder = try IntakeWorkspace()
    let rows = (1...60).map { "\($0),XX,R1,3,0.45,,\n" }.joined()
    let path = try folder.write("inbox/inventory.csv", text: Self.header + rows)

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(_, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    let listed = reason.split(separator: "\n").filter { $0.hasPrefix("  row ") }
    #expect(listed.count == 50)
    #expect(reason.hasSuffix("\n  and 10 more"))
    #expect(reason.contains("has 60 invalid cells"))
  }

  @Test func missingPriceColumnFails() throws {
    let folder = try IntakeWorkspace()
    let path = try folder.write(
      "inbox/inventory.csv", text: "Inventory ID,Origin,Product Code,Boxes Available\n11,OH,R1,3\n")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(_, _, let reason) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(
      reason
        == "inventory.csv, sheet \"inventory\", row 1 looks like the header row of an inventory"
        + " export, but it has no column for: Unit Price. The headers are: A \"Inventory ID\","
        + " B \"Origin\", C \"Product Code\", D \"Boxes Available\".")
  }

  @Test func newerExportReplacesLinesWhole() throws {
    let folder = try IntakeWorkspace()
    let intake = folder.makeIntake()
    let first = try folder.write(
      "inbox/a.csv", text: Self.header + "11,OH,R1,3,0.45,,\n12,OH,R1,3,1,,\n")
    _ = intake.take(path: first, area: .grower)
    let second = try folder.write("inbox/b.csv", text: Self.header + "13,FS,R1,3,0.45,,\n")
    _ = intake.take(path: second, area: .grower)

    let stored = try #require(try StoredInventoryExport(database: folder.database).latest())
    #expect(stored.items.map(\.inventoryId) == ["13"])
    #expect(stored.sourceFile == "b.csv")
  }
}
