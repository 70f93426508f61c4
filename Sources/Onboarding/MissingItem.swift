import Komet

/// A value the exchange needs that is not configured or stored yet, with how to get it.
package struct MissingItem: Equatable, Sendable {
  /// The kind of value that is missing.
  package enum Kind: String, Equatable, Sendable, CaseIterable {
    case companyId
    case companyToken
    case customerToken
    case dwfCustomerId
    case locationIds
    case defaultLocation
  }

  package var kind: Kind
  /// The value's name, such as `DWF customer ID`.
  package var name: String
  /// The steps that get the value, in the words of Komet's set-up guide.
  package var instructions: String

  package init(kind: Kind, name: String, instructions: String) {
    self.kind = kind
    self.name = name
    self.instructions = instructions
  }

  static let companyId = MissingItem(
    kind: .companyId, name: "Company ID",
    instructions:
      "Komet's team gives it out, and it is also shown in the grower's Komet settings. Set"
      + " KOMET_COMPANY_ID or komet.companyId in komet-dwf.json (docs/configuration.md).")

  static let companyToken = MissingItem(
    kind: .companyToken, name: "Company token",
    instructions: "Create it in the grower's Komet settings or ask Komet's team for it. Put it in a"
      + " token file (mode 0600) named by komet.tokenFiles.company, or in KOMET_COMPANY_TOKEN"
      + " (docs/configuration.md).")

  static let customerToken = MissingItem(
    kind: .customerToken, name: "Customer token (for the DWF customer)",
    instructions:
      "Create it for the DWF customer in the grower's Komet settings or ask Komet's team for"
      + " it. Put it in a token file (mode 0600) named by komet.tokenFiles.customer, or in"
      + " KOMET_CUSTOMER_TOKEN (docs/configuration.md).")

  static let dwfCustomerId = MissingItem(
    kind: .dwfCustomerId, name: "DWF customer ID",
    instructions: "In Komet, open Setup > Customers, click Export to Excel and drop the file into"
      + " inbox/; the Id column of DWF's row is the ID. The ID counts once `komet-dwf once`"
      + " (or a running `komet-dwf run`) has taken the file. Or set komet.dwfCustomerId in"
      + " komet-dwf.json.")

  static func ambiguousDWFCustomer(_ ids: [KometID]) -> MissingItem {
    MissingItem(
      kind: .dwfCustomerId, name: "DWF customer ID",
      instructions: "the customers export matched several customers ("
        + ids.map(\.digits).joined(separator: ", ")
        + "). Set komet.dwfCustomerId in komet-dwf.json to the one that is DWF.")
  }

  static let locationIds = MissingItem(
    kind: .locationIds, name: "Location IDs",
    instructions: "In Komet, open Setup > Locations, click Export to Excel and drop the file into"
      + " inbox/; the last column holds each location's ID. The IDs count once `komet-dwf once`"
      + " (or a running `komet-dwf run`) has taken the file.")

  static let defaultLocationWithoutLocations = MissingItem(
    kind: .defaultLocation, name: "Default location",
    instructions:
      "It follows from the locations export: a single location becomes the default. With"
      + " several, set komet.defaultLocationId in komet-dwf.json.")

  static func defaultLocationAmong(_ ids: [KometID]) -> MissingItem {
    MissingItem(
      kind: .defaultLocation, name: "Default location",
      instructions: "the locations export lists \(ids.count) locations ("
        + ids.map(\.digits).joined(separator: ", ")
        + "). Set komet.defaultLocationId in komet-dwf.json to the one DWF's orders ship from.")
  }
}
