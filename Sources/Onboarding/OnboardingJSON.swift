import Foundation
import Komet

/// Builds the JSON documents of `outbox/dwf/onboarding/` and `outbox/onboarding/`.
///
/// Each document starts with `formatVersion` and `generatedAt`. IDs are strings of digits and
/// a missing value is `null`. `docs/onboarding.md` lists every member.
enum OnboardingJSON {
  /// The version of the documents' layout, raised when a member changes meaning or goes away.
  static let formatVersion = 1

  static func ids(_ ids: ResolvedIDs, generatedAt: Date) -> JSONValue {
    .object(
      header(generatedAt) + [
        JSONMember("companyId", id(ids.companyId?.id)),
        JSONMember("dwfCustomerId", id(ids.dwfCustomer?.id)),
        JSONMember("locationIds", .array(ids.locations.map { .string($0.id.digits) })),
        JSONMember("defaultLocationId", id(ids.defaultLocation?.id)),
      ])
  }

  static func carriers(_ carriers: [Carrier], generatedAt: Date) -> JSONValue {
    let rows = carriers.map { carrier -> JSONValue in
      .object([
        JSONMember("id", .string(carrier.id.digits)), JSONMember("code", text(carrier.code)),
        JSONMember("name", text(carrier.name)), JSONMember("active", boolean(carrier.active)),
        JSONMember("street", text(carrier.street)), JSONMember("city", text(carrier.city)),
        JSONMember("state", text(carrier.state)), JSONMember("zipCode", text(carrier.zipCode)),
        JSONMember("country", text(carrier.country)), JSONMember("phone", text(carrier.phone)),
      ])
    }
    return .object(
      header(generatedAt) + [
        JSONMember("source", .string(KometMethod.carrierList.rawValue)),
        JSONMember("carriers", .array(rows)),
      ])
  }

  static func shipTos(_ shipTos: [ShipTo], customer: KometID?, generatedAt: Date) -> JSONValue {
    let rows = shipTos.map { shipTo -> JSONValue in
      .object([
        JSONMember("id", .string(shipTo.id.digits)),
        JSONMember("shipToCode", text(shipTo.shipToCode)), JSONMember("name", text(shipTo.name)),
        JSONMember("address", text(shipTo.address)), JSONMember("city", text(shipTo.city)),
        JSONMember("state", text(shipTo.state)), JSONMember("zipcode", text(shipTo.zipcode)),
        JSONMember("country", text(shipTo.country)), JSONMember("phone", text(shipTo.phone)),
        JSONMember("carrierId", id(shipTo.carrierId)),
        JSONMember("carrierName", text(shipTo.carrierName)),
        JSONMember("carrierCode", text(shipTo.carrierCode)),
        JSONMember("carrierAccount", text(shipTo.carrierAccount)),
        JSONMember("updatedAsOf", text(shipTo.updatedAsOf?.description)),
      ])
    }
    return .object(
      header(generatedAt) + [
        JSONMember("source", .string(KometMethod.customerShipToList.rawValue)),
        JSONMember("customerId", id(customer)),
        JSONMember("shipTos", .array(rows)),
      ])
  }

  static func locations(_ locations: [Location], generatedAt: Date) -> JSONValue {
    let rows = locations.map { location -> JSONValue in
      .object([
        JSONMember("id", .string(location.id.digits)), JSONMember("name", text(location.name)),
        JSONMember("code", text(location.code)),
      ])
    }
    return .object(
      header(generatedAt) + [
        JSONMember("source", .string(KometMethod.locationList.rawValue)),
        JSONMember("locations", .array(rows)),
      ])
  }

  /// Builds the package of Komet's own set-up guide for its native DWF connector, whole
  /// tokens included. Only `ConnectorPackage` writes it, into the grower-only `outbox/onboarding/`.
  static func connectorPackage(_ contents: ConnectorPackage.Contents, generatedAt: Date)
    -> JSONValue
  {
    .object(
      header(generatedAt) + [
        JSONMember(
          "notice",
          .string(
            "This file contains whole Komet tokens. Send it to DWF by a safe channel and"
              + " delete it afterwards. Never put it where DWF's SFTP account can read.")),
        JSONMember("customerToken", .string(contents.customerToken.secret)),
        JSONMember("companyToken", .string(contents.companyToken.secret)),
        JSONMember("dwfCustomerId", .string(contents.dwfCustomerId.digits)),
        JSONMember("companyId", .string(contents.companyId.digits)),
        JSONMember("locationIds", .array(contents.locationIds.map { .string($0.digits) })),
      ])
  }

  private static func header(_ generatedAt: Date) -> [JSONMember] {
    [
      JSONMember("formatVersion", .number(String(formatVersion))),
      JSONMember("generatedAt", .string(OnboardingTime.text(generatedAt))),
    ]
  }

  private static func id(_ value: KometID?) -> JSONValue {
    value.map { .string($0.digits) } ?? .null
  }

  private static func text(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  private static func boolean(_ value: Bool?) -> JSONValue {
    value.map { .bool($0) } ?? .null
  }
}
