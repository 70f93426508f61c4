import Foundation

extension SandboxState {
  /// The company ID of the seeded state, sent as `X-ACCOUNT` and `companyId`.
  package static let seededCompanyId = "4242"

  /// The DWF customer of `Samples/komet-customers.xlsx`.
  package static let dwfCustomerId = "10012"

  /// Builds the seeded state: the customers and locations of the files in `Samples/`, DWF's
  /// ship-tos, carriers, box types, and on-hand and future inventory dated from `today`.
  ///
  /// Location 200101 holds 36 lines (26 on hand, 10 future), more than one default page of 30;
  /// location 200102 holds 4. Line 5100003 has 2 boxes and line 5100004 none, for sold-out
  /// cases.
  package static func seeded(today: Date = Date()) -> SandboxState {
    SandboxState(
      companyId: seededCompanyId, companyName: "Andes Sandbox Farms",
      tokens: [
        TokenRecord(type: .company, value: SandboxTokens.company),
        TokenRecord(type: .customer, value: SandboxTokens.customer, customerId: dwfCustomerId),
        TokenRecord(type: .user, value: SandboxTokens.user),
        TokenRecord(type: .vendor, value: SandboxTokens.vendor),
      ],
      customers: seededCustomers, shipTos: seededShipTos, carriers: seededCarriers,
      boxTypes: seededBoxTypes, locations: seededLocations,
      inventory: seededInventory(today: today))
  }

  private static let allLocationIds = ["200101", "200102", "200103", "200104"]

  // The rows of Samples/make-samples.py; sales person IDs are the sandbox's own.
  private static let seededCustomers: [Customer] = [
    customer("10001", "Bloom & Petal Co.", "BLOOM", "Wholesaler", "Ana Ruiz"),
    customer("10007", "Dwfield Farms", "DWFLD", "Grower", "Luis Mora"),
    customer(
      "10012", "DWF Wholesale Florists", "DWF", "Wholesaler", "Ana Ruiz",
      locationIds: allLocationIds),
    customer(
      "10015", "DWF Wholesale Florists (old account)", "DWF-OLD", "Wholesaler", "Ana Ruiz",
      isActive: false),
    customer("10020", "Fleurs Bogotá Importación", "FLEUR", "Importer", "Luis Mora"),
    customer("10024", "Green Valley Roses", "GVR", "Retailer", "Marta Gil"),
    customer("10031", "Miami Flower Exchange", "MFX", "Wholesaler", "Marta Gil"),
    customer("10036", "Petal Pushers Inc.", "PETAL", "Retailer", "Ana Ruiz"),
    customer("10042", "Sunrise Blooms", "SUNR", "Supermarket", "Luis Mora"),
    customer("10048", "Tulip Town Distributors", "TULIP", "Wholesaler", "Marta Gil"),
  ]

  private static func customer(
    _ id: String, _ name: String, _ code: String, _ type: String, _ salesPerson: String,
    isActive: Bool = true, locationIds: [String] = ["200101"]
  ) -> Customer {
    let salesPersonIds = ["Ana Ruiz": "501", "Luis Mora": "502", "Marta Gil": "503"]
    return Customer(
      id: id, name: name, code: code, accountingCode: "AC-\(id)", customerType: type,
      salesPerson: salesPerson, salesPersonId: salesPersonIds[salesPerson] ?? "500",
      isActive: isActive, locationIds: locationIds, updatedOn: "2024-01-15T09:00:00")
  }

  private static let seededLocations: [Location] = [
    Location(id: "200101", name: "Miami Warehouse", code: "MIA"),
    Location(id: "200102", name: "Bogota Farm", code: "BOG"),
    Location(id: "200103", name: "Quito Farm", code: "UIO"),
    Location(id: "200104", name: "Medellin Packhouse", code: "MDE"),
  ]

  private static let seededCarriers: [Carrier] = [
    Carrier(
      id: "3101", code: "ARM", name: "Armellini", isActive: true, street: "3446 SW Armellini Ave",
      city: "Palm City", state: "FL", zipCode: "34990", country: "USA", phone: "+1 772 555 0110"),
    Carrier(
      id: "3102", code: "FDX", name: "FedEx", isActive: true, street: "6075 Poplar Ave",
      city: "Memphis", state: "TN", zipCode: "38119", country: "USA", phone: "+1 800 555 0120"),
    Carrier(
      id: "3103", code: "UPS", name: "UPS", isActive: true, street: "55 Glenlake Pkwy",
      city: "Atlanta", state: "GA", zipCode: "30328", country: "USA", phone: "+1 800 555 0130"),
    Carrier(
      id: "3104", code: "OWN", name: "Own truck", isActive: false, street: "8400 NW 25th St",
      city: "Doral", state: "FL", zipCode: "33122", country: "USA", phone: "+1 305 555 0100"),
  ]

  private static let seededShipTos: [ShipTo] = [
    ShipTo(
      id: "61001", customerId: dwfCustomerId, shipToCode: "DWF-ATL", name: "DWF Atlanta",
      address: "1200 Fulton Industrial Blvd", city: "Atlanta", state: "GA", zipcode: "30336",
      country: "USA", phone: "+1 404 555 0141", carrierId: "3101", carrierAccount: "ARM-77120",
      updatedAsOf: "2024-01-15"),
    ShipTo(
      id: "61002", customerId: dwfCustomerId, shipToCode: "DWF-DAL", name: "DWF Dallas",
      address: "2900 Irving Blvd", city: "Dallas", state: "TX", zipcode: "75247",
      country: "USA", phone: "+1 214 555 0142", carrierId: "3102", carrierAccount: "FDX-88231",
      updatedAsOf: "2024-01-15"),
    ShipTo(
      id: "61003", customerId: dwfCustomerId, shipToCode: "DWF-ORL", name: "DWF Orlando",
      address: "4100 N Orange Blossom Trl", city: "Orlando", state: "FL", zipcode: "32804",
      country: "USA", phone: "+1 407 555 0143", carrierId: "3101", carrierAccount: "ARM-77121",
      updatedAsOf: "2024-02-01"),
    ShipTo(
      id: "61010", customerId: "10031", shipToCode: "MFX-MAIN", name: "Miami Flower Exchange",
      address: "7300 NW 35th Ter", city: "Miami", state: "FL", zipcode: "33122",
      country: "USA", phone: "+1 305 555 0150", carrierId: "3103", carrierAccount: "",
      updatedAsOf: "2024-01-15"),
  ]

  private static let seededBoxTypes: [BoxType] = [
    BoxType(id: "1056", code: "FB", kometNetworkId: 900, fbe: "1.00"),
    BoxType(id: "1057", code: "HB", kometNetworkId: 901, fbe: "0.50"),
    BoxType(id: "1058", code: "QB", kometNetworkId: 902, fbe: "0.25"),
    BoxType(id: "1059", code: "EB", kometNetworkId: 903, fbe: "0.13"),
  ]
}
