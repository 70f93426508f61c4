import Foundation

extension IDReport {
  /// Encodes the report as JSON with sorted keys, ending in a newline.
  ///
  /// The keys are `customers` (`id`, `name`, `code`, `active`, `row`), `dwfCustomer` (the
  /// match or null), `dwfCandidates` (every customer that matched, with `match` set to `exact`
  /// or `word`), `locations` (`id`, `name`, `code`, `row`) and `warnings` (messages). A name,
  /// code or activity the file does not have is null.
  package func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(JSONReport(self))
    data.append(UInt8(ascii: "\n"))
    return data
  }
}

private struct JSONReport: Encodable {
  var customers: [JSONRecord]
  var dwfCustomer: JSONRecord?
  var dwfCandidates: [JSONRecord]
  var locations: [JSONRecord]
  var warnings: [String]

  init(_ report: IDReport) {
    customers = report.customers?.records.map { JSONRecord($0, kind: .customers) } ?? []
    dwfCustomer = report.dwfCustomer.map { JSONRecord($0) }
    dwfCandidates = report.dwf?.candidates.map { JSONRecord($0) } ?? []
    locations = report.locations?.records.map { JSONRecord($0, kind: .locations) } ?? []
    warnings = report.warnings.map(\.description)
  }

  enum CodingKeys: String, CodingKey {
    case customers, dwfCustomer, dwfCandidates, locations, warnings
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(customers, forKey: .customers)
    // Encoding the optional itself writes null, which `encodeIfPresent` would leave out.
    try container.encode(dwfCustomer, forKey: .dwfCustomer)
    try container.encode(dwfCandidates, forKey: .dwfCandidates)
    try container.encode(locations, forKey: .locations)
    try container.encode(warnings, forKey: .warnings)
  }
}

private struct JSONRecord: Encodable {
  var record: ExportRecord
  var kind: ExportKind
  var match: CustomerMatchKind?

  init(_ record: ExportRecord, kind: ExportKind) {
    self.record = record
    self.kind = kind
  }

  init(_ candidate: CustomerCandidate) {
    record = candidate.record
    kind = .customers
    match = candidate.match
  }

  enum CodingKeys: String, CodingKey {
    case id, name, code, active, row, match
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(record.id, forKey: .id)
    try container.encode(record.name, forKey: .name)
    try container.encode(record.code, forKey: .code)
    if kind == .customers {
      try container.encode(record.isActive, forKey: .active)
    }
    try container.encode(record.row, forKey: .row)
    if let match {
      try container.encode(match, forKey: .match)
    }
  }
}
