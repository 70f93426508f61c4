/// The kind of Komet Sales export a table comes from.
package enum ExportKind: String, Sendable {
  case customers
  case locations
}
