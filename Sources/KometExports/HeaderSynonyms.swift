import Foundation

/// The accepted headers of each export, listed field by field in docs/exports.md.
///
/// Komet documents neither export's columns, so these lists are assumptions built from the
/// integration guide and from common spreadsheet spellings. Within a field, earlier entries win
/// when a row has several of them (except for the ID, where several candidates are an error).
package enum HeaderSynonyms {
  /// Returns the accepted headers of one kind of export, field by field, in priority order.
  package static func headers(of kind: ExportKind) -> [(field: ExportField, headers: [String])] {
    switch kind {
    case .customers: return customerHeaders
    case .locations: return locationHeaders
    }
  }

  /// Returns the field a header names in an export of `kind`, or nil when it names none.
  package static func field(forHeader header: String, in kind: ExportKind) -> ExportField? {
    lookup[kind]?[normalize(header)]?.field
  }

  /// Returns the header's place in its field's list, 0 for the first. Lower places win.
  static func priority(ofHeader header: String, in kind: ExportKind) -> Int {
    lookup[kind]?[normalize(header)]?.priority ?? Int.max
  }

  /// Returns whether the header names the export's kind, such as `Customer ID` or `Location ID`.
  static func isTyped(_ header: String, for kind: ExportKind) -> Bool {
    normalize(header).hasPrefix(kind.recordNoun)
  }

  /// Reduces a header to lowercase letters and digits, so `Customer-ID` matches `customer id`.
  ///
  /// A `#` becomes `number` before punctuation is dropped, so `Customer #` does not turn into
  /// `Customer`, which is a name header.
  package static func normalize(_ header: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in header.lowercased().unicodeScalars {
      if scalar == "#" {
        result.append(contentsOf: "number".unicodeScalars)
      } else if CharacterSet.alphanumerics.contains(scalar) {
        result.append(scalar)
      }
    }
    return String(result)
  }

  // MARK: Tables

  private static let activityHeaders: [(field: ExportField, headers: [String])] = [
    (.active, ["Active", "Is Active", "Enabled"]),
    (.inactive, ["Inactive", "Is Inactive", "Disabled"]),
  ]

  private static let customerHeaders: [(field: ExportField, headers: [String])] =
    [
      (
        .id,
        [
          "Id", "Customer Id", "Cust Id", "Client Id", "Account Id", "Customer Record Id",
          "Record Id", "Komet Id",
        ]
      ),
      (
        .name,
        [
          "Customer Name", "Name", "Customer", "Company Name", "Company", "Client Name", "Client",
          "Account Name", "Business Name",
        ]
      ),
      (.code, ["Customer Code", "Code", "Cust Code", "Client Code", "Account Code"]),
    ] + activityHeaders + [
      (.status, ["Status", "Customer Status", "Account Status"]),
      (
        .distinctive,
        [
          "Customer Type", "Customer Group", "Sales Person", "Sales Rep", "Account Manager",
          "Payment Terms", "Terms", "Credit Limit", "Price List", "Carrier", "Default Carrier",
          "Ship Via",
        ]
      ),
    ]

  private static let locationHeaders: [(field: ExportField, headers: [String])] =
    [
      (.id, ["Id", "Location Id", "Loc Id", "Warehouse Id", "Site Id"]),
      (
        .name,
        [
          "Location Name", "Name", "Location", "Warehouse Name", "Warehouse", "Site Name", "Site",
        ]
      ),
      (.code, ["Location Code", "Code", "Loc Code", "Warehouse Code", "Site Code"]),
    ] + activityHeaders + [
      (.status, ["Status", "Location Status"]),
      (
        .distinctive,
        [
          "Address", "Address 1", "Address 2", "Address Line 1", "Address Line 2", "Street", "City",
          "State", "Province", "State/Province", "Zip", "Zip Code", "Postal Code", "Postcode",
          "Country", "Phone", "Phone Number", "Telephone", "Fax", "Time Zone",
        ]
      ),
    ]

  private struct Entry {
    var field: ExportField
    var priority: Int
  }

  private static let lookup: [ExportKind: [String: Entry]] = {
    var result: [ExportKind: [String: Entry]] = [:]
    for kind in ExportKind.allCases {
      var entries: [String: Entry] = [:]
      for (field, headers) in headers(of: kind) {
        for (priority, header) in headers.enumerated() {
          let key = normalize(header)
          precondition(entries[key] == nil, "header \(header) is listed twice for \(kind)")
          entries[key] = Entry(field: field, priority: priority)
        }
      }
      result[kind] = entries
    }
    return result
  }()
}
