/// The part of a request that carries a method's `authenticationToken`.
enum TokenPlacement: String, Sendable {
  case query
  case header
  case jsonBody
}

/// The checks the sandbox runs for one API method before handling it: HTTP methods with the
/// token placement of each, whether `X-ACCOUNT` is required, and the token types allowed.
struct MethodSpec: Sendable {
  var name: String
  var placements: [String: TokenPlacement]
  var requiresAccount: Bool
  var allowedTokens: Set<TokenType>

  /// The methods served, with the token types of Komet's per-method table (newer pages).
  ///
  /// Company-token lists take the token in the query, the web-order and e-commerce methods
  /// in a header beside `X-ACCOUNT`. Komet's pages disagree on the future list: the newer one
  /// shows GET with URL parameters, the older POST with JSON, so both are served.
  static let all: [MethodSpec] = [
    headerMethod("ecommerce/inventory.list", "GET", [.company, .customer]),
    queryMethod("inventory.openmarket.list", [.company]),
    MethodSpec(
      name: "future.inventory.openmarket.list",
      placements: ["GET": .query, "POST": .jsonBody], requiresAccount: false,
      allowedTokens: [.company]),
    headerMethod("web-order.create", "POST", [.customer, .user]),
    headerMethod("web-order-item.add", "POST", [.customer, .user]),
    headerMethod("web-order-details.list", "GET", [.customer, .user]),
    headerMethod("web-order.delete", "POST", [.customer, .user]),
    headerMethod("web-order.checkout", "POST", [.user]),
    queryMethod("customer.list", [.company, .vendor]),
    queryMethod("location.list", [.company]),
    queryMethod("carrier.list", [.company, .vendor]),
    queryMethod("customer.shipto.list", [.company, .vendor]),
    queryMethod("boxtype.list", [.company, .vendor]),
  ]

  /// Other paths that Komet's own samples use for a method, mapped to its name.
  ///
  /// Documentation disagreement: the newer `web-order-details.list` sample uses `/api/v2/`,
  /// and one older sample spells the method `web.order.details.list`.
  static let aliases: [String: String] = [
    "v2/web-order-details.list": "web-order-details.list",
    "web.order.details.list": "web-order-details.list",
  ]

  /// Finds the method that `path` (such as `/api/customer.list`) names, or nil.
  static func find(path: String) -> MethodSpec? {
    guard path.hasPrefix("/api/") else { return nil }
    let name = String(path.dropFirst("/api/".count))
    let resolved = aliases[name] ?? name
    return all.first { $0.name == resolved }
  }

  private static func queryMethod(_ name: String, _ tokens: Set<TokenType>) -> MethodSpec {
    MethodSpec(
      name: name, placements: ["GET": .query], requiresAccount: false, allowedTokens: tokens)
  }

  private static func headerMethod(
    _ name: String, _ httpMethod: String, _ tokens: Set<TokenType>
  ) -> MethodSpec {
    MethodSpec(
      name: name, placements: [httpMethod: .header], requiresAccount: true,
      allowedTokens: tokens)
  }
}
