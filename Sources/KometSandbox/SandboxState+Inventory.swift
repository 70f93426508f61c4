import Foundation

extension SandboxState {
  private struct Product {
    var id: String
    var code: String
    var description: String
    var category: String
    var grade: String
    var unitType: String
    var stemsBunch: Int
    var basePriceCents: Int
  }

  private static let products: [Product] = [
    Product(
      id: "90011", code: "RFRE50", description: "Rose Freedom 50cm", category: "Roses",
      grade: "50cm", unitType: "Stem", stemsBunch: 25, basePriceCents: 45),
    Product(
      id: "90012", code: "RFRE60", description: "Rose Freedom 60cm", category: "Roses",
      grade: "60cm", unitType: "Stem", stemsBunch: 25, basePriceCents: 55),
    Product(
      id: "90013", code: "RMON50", description: "Rose Mondial 50cm", category: "Roses",
      grade: "50cm", unitType: "Stem", stemsBunch: 25, basePriceCents: 50),
    Product(
      id: "90014", code: "RPLA60", description: "Rose Playa Blanca 60cm", category: "Roses",
      grade: "60cm", unitType: "Stem", stemsBunch: 25, basePriceCents: 60),
    Product(
      id: "90021", code: "CSPR", description: "Carnation Spray Assorted", category: "Carnations",
      grade: "Select", unitType: "Bunch", stemsBunch: 10, basePriceCents: 325),
    Product(
      id: "90022", code: "CFAN", description: "Carnation Fancy White", category: "Carnations",
      grade: "Fancy", unitType: "Bunch", stemsBunch: 20, basePriceCents: 410),
    Product(
      id: "90031", code: "ALST", description: "Alstroemeria Assorted", category: "Alstroemeria",
      grade: "Select", unitType: "Bunch", stemsBunch: 10, basePriceCents: 380),
    Product(
      id: "90041", code: "HYDW", description: "Hydrangea White Premium", category: "Hydrangea",
      grade: "Premium", unitType: "Stem", stemsBunch: 1, basePriceCents: 135),
    Product(
      id: "90051", code: "GYPX", description: "Gypsophila Xlence", category: "Fillers",
      grade: "750g", unitType: "Bunch", stemsBunch: 1, basePriceCents: 520),
  ]

  /// Builds the seeded inventory lines, on hand from `today` and future weeks after it.
  static func seededInventory(today: Date) -> [InventoryLine] {
    var lines: [InventoryLine] = []
    var onHandId = 5_100_001
    var futureId = 7_300_001

    for index in 0..<40 {
      let locationId = index < 36 ? "200101" : "200102"
      let isFuture = index < 36 ? index >= 26 : index >= 38
      let product = products[index % products.count]
      let boxType = index % 3 == 0 ? ("1057", "HB") : ("1058", "QB")
      let bunches = boxType.1 == "HB" ? 12 : 6
      let unitsPerBox = product.unitType == "Stem" ? bunches * product.stemsBunch : bunches
      let cents = product.basePriceCents + (index % 4) * 5
      let day = isFuture ? 7 * (index % 4 + 1) : 0

      let id: Int
      if isFuture {
        id = futureId
        futureId += 1
      } else {
        id = onHandId
        onHandId += 1
      }
      lines.append(
        InventoryLine(
          inventoryId: String(id), origin: isFuture ? .future : .onHand, locationId: locationId,
          companyProductId: product.id, productCode: product.code,
          productDescription: product.description, category: product.category,
          grade: product.grade, boxTypeId: boxType.0, boxTypeCode: boxType.1,
          unitType: product.unitType, bunches: bunches, stemsBunch: product.stemsBunch,
          unitsPerBox: unitsPerBox, price: DecimalText.format(cents: cents),
          availableBoxes: seededBoxes(index: index),
          availableDate: DateText.format(today, plusDays: day)))
    }
    return lines
  }

  private static func seededBoxes(index: Int) -> Int {
    switch index {
    case 2: 2
    case 3: 0
    default: 10 + (index * 7) % 31
    }
  }
}
