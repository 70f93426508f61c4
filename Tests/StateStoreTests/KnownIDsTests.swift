import Foundation
import StateStore
import Testing

@Suite("Known IDs")
struct KnownIDsTests {
  private let sha = String(repeating: "ab", count: 32)

  private func location(_ id: String, file: String = "Locations.xlsx") -> KnownID {
    KnownID(
      kind: .location, id: id, name: "Farm \(id)", code: nil, sourceFile: file,
      sourceSHA256: sha, recordedAt: Date(timeIntervalSince1970: 1_700_000_000))
  }

  @Test("a newer export replaces every ID of its kind and leaves the other kind")
  func replaceKeepsOtherKind() throws {
    let folder = try TemporaryFolder()
    let database = try StateSchema.open(path: folder.file("state.sqlite"))
    let store = KnownIDs(database: database)
    let customer = KnownID(
      kind: .dwfCustomer, id: "10012", name: "DWF Wholesale Florists", code: "DWF",
      sourceFile: "Customers.xlsx", sourceSHA256: sha, recordedAt: Date())

    try database.transaction {
      try store.replace(.dwfCustomer, with: [customer])
      try store.replace(.location, with: [location("200102"), location("99"), location("200101")])
    }
    try database.transaction {
      try store.replace(.location, with: [location("200104", file: "Locations (2).xlsx")])
    }

    #expect(try store.ids(.location).map(\.id) == ["200104"])
    #expect(try store.ids(.location).first?.sourceFile == "Locations (2).xlsx")
    let customers = try store.ids(.dwfCustomer)
    #expect(customers.map(\.id) == ["10012"])
    #expect(customers.first?.code == "DWF")
  }

  @Test("IDs come back in numeric order")
  func numericOrder() throws {
    let folder = try TemporaryFolder()
    let database = try StateSchema.open(path: folder.file("state.sqlite"))
    let store = KnownIDs(database: database)

    try store.replace(.location, with: ["1000", "20", "3"].map { location($0) })

    #expect(try store.ids(.location).map(\.id) == ["3", "20", "1000"])
  }

  @Test("the table refuses an ID that is not all digits")
  func rejectsNonDigits() throws {
    let folder = try TemporaryFolder()
    let database = try StateSchema.open(path: folder.file("state.sqlite"))
    let store = KnownIDs(database: database)

    #expect(throws: StateStoreError.self) {
      try store.replace(.location, with: [location("12a")])
    }
  }
}
