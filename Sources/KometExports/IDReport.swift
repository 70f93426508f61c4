/// The result of `komet-dwf ids`: every customer, the DWF customer and every location.
package struct IDReport: Sendable, Equatable {
  /// The customers export, or nil when none was given.
  package var customers: ExportTable?
  /// The locations export, or nil when none was given.
  package var locations: ExportTable?
  package var matcher: CustomerMatcher
  /// The search for the DWF customer, or nil without a customers export.
  package var dwf: CustomerMatcher.Result?

  /// Builds the report from the tables read from the files given, at most one of each kind.
  ///
  /// - Throws: `ExportError.duplicateExport` when two tables have the same kind.
  package init(tables: [ExportTable], matcher: CustomerMatcher = CustomerMatcher())
    throws(ExportError)
  {
    var customers: ExportTable?
    var locations: ExportTable?
    for table in tables {
      let existing = table.kind == .customers ? customers : locations
      if let existing {
        throw .duplicateExport(
          kind: table.kind, first: Self.source(of: existing), second: Self.source(of: table))
      }
      if table.kind == .customers {
        customers = table
      } else {
        locations = table
      }
    }

    self.customers = customers
    self.locations = locations
    self.matcher = matcher
    self.dwf = customers.map { matcher.match($0.records) }
  }

  /// The DWF customer when exactly one customer matched, otherwise nil.
  package var dwfCustomer: CustomerCandidate? {
    guard case .one(let candidate) = dwf?.outcome else { return nil }
    return candidate
  }

  /// Whether several customers matched, so the user has to choose one.
  package var isAmbiguous: Bool {
    guard case .several = dwf?.outcome else { return false }
    return true
  }

  /// The warnings of both tables, customers first.
  package var warnings: [ExportError] {
    (customers?.warnings ?? []) + (locations?.warnings ?? [])
  }

  /// Returns `file, sheet "name"` for messages.
  static func source(of table: ExportTable) -> String {
    "\(table.file), sheet \"\(table.sheet)\""
  }
}
