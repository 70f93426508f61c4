extension CellValue {
  /// The value as `inspect --format csv` writes it, the form tests compare against.
  package var canonicalText: String {
    // TODO: placeholder until canonical text lands.
    switch self {
    case .empty: return ""
    case .text(let text): return text
    case .number(let number): return "\(number)"
    case .boolean(let flag): return flag ? "TRUE" : "FALSE"
    case .error(let literal): return literal
    default: return "\(self)"
    }
  }
}
