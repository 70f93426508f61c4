import Komet
import KometClient

extension OrderPlacer {
  /// Returns the stop for a call that the token or the configuration kept from succeeding.
  /// The reason names the token Komet rejected and its source, because a token rotated or
  /// expired in Komet is the usual cause and the grower has to replace it.
  func configurationStop(for error: KometClientError) async -> PlacementStop {
    guard let method = error.tokenRejectionMethod else {
      return PlacementStop(
        .configurationUnusable,
        reason: "\(error.description) Fix the Komet settings. No line was rejected for it.")
    }

    let configuration = await client.configuration
    let role = (try? configuration.tokens.token(for: method, choices: configuration.choices))?
      .role
    guard let role else {
      return PlacementStop(
        .configurationUnusable,
        reason: "\(error.description) Komet rejected the token of \(method), so check the"
          + " configured tokens. No line was rejected for it.")
    }
    let source = settings.tokenSources[role] ?? Self.tokenSetting(of: role)
    return PlacementStop(
      .configurationUnusable,
      reason: "\(error.description) Komet rejected the \(role) token, so check it (\(source))."
        + " No line was rejected for it, and a later pass sends the lines once Komet accepts"
        + " the token.")
  }

  /// Returns the settings that can hold the token of `role`, as `docs/configuration.md`
  /// names them.
  static func tokenSetting(of role: TokenRole) -> String {
    switch role {
    case .company, .vendor:
      return "komet.tokenFiles.company or KOMET_COMPANY_TOKEN"
    case .customer:
      return "komet.tokenFiles.customer or KOMET_CUSTOMER_TOKEN"
    case .user:
      return "komet.tokenFiles.user or KOMET_USER_TOKEN"
    }
  }
}
