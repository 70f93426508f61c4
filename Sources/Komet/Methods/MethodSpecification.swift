/// An HTTP request method as Komet's pages give it.
package enum HTTPMethod: String, Sendable {
  case get = "GET"
  case post = "POST"
}

/// The part of the request that carries a method's parameters.
package enum ParameterPlacement: Sendable {
  case urlQuery
  case jsonBody
}

/// The part of the request that carries a method's `authenticationToken`.
package enum TokenPlacement: Sendable {
  /// The URL query parameter `authenticationToken`.
  case queryParameter
  /// The member `authenticationToken` of the JSON body.
  case jsonBodyMember
  /// The header `authenticationToken`, beside `X-ACCOUNT`.
  case header
}

/// Header names Komet's pages use.
package enum KometHeader {
  package static let account = "X-ACCOUNT"
  package static let authenticationToken = "authenticationToken"
  package static let salesChannel = "X-SALES-CHANNEL"
  package static let contentType = "Content-Type"
  package static let jsonContentType = "application/json"
}

/// One row of the method table: how a method is called.
package struct MethodSpecification: Sendable {
  package let method: KometMethod
  /// The path below the base URL, such as `ecommerce/inventory.list`.
  package let path: String
  package let httpMethod: HTTPMethod
  package let tokenPlacement: TokenPlacement
  /// Headers the method's page marks as required, the token header included.
  package let requiredHeaders: [String]
  /// Headers the method's page lists as optional.
  package let optionalHeaders: [String]
  /// The token roles the method accepts, in the order its row lists them.
  package let validRoles: [TokenRole]
  /// Whether the path goes to the `app.` host in place of `api.`.
  package let usesAppHost: Bool

  /// URL query parameters for GET, a JSON body for POST, as every page of these methods shows.
  package var parameterPlacement: ParameterPlacement {
    httpMethod == .get ? .urlQuery : .jsonBody
  }
}

extension KometMethod {
  /// The method's row with the defaults chosen where Komet's pages disagree.
  package var specification: MethodSpecification {
    specification(with: DocumentationChoices())
  }

  /// Returns the method's row with `choices` applied where Komet's pages disagree.
  package func specification(with choices: DocumentationChoices) -> MethodSpecification {
    switch self {
    case .ecommerceInventoryList:
      return headerTokenRow(
        .get, optionalHeaders: [KometHeader.salesChannel], roles: [.company, .customer])
    case .openMarketInventoryList:
      return queryTokenRow(roles: [.company])
    case .futureOpenMarketInventoryList:
      // NOTE: documentation disagreement. The newer page and its sample use GET with URL
      // parameters. The older page gives POST with a JSON body, where the token would be a body
      // member as on Komet's other JSON POST methods. `futureInventoryHTTPMethod` selects POST.
      if choices.futureInventoryHTTPMethod == .post {
        return row(.post, token: .jsonBodyMember, roles: [.company])
      }
      return queryTokenRow(roles: [.company])
    case .webOrderCreate, .webOrderItemAdd:
      // NOTE: documentation disagreement. Only the older pages list X-SALES-CHANNEL here, and the
      // newer ones list X-ACCOUNT and authenticationToken alone. It is sent only when
      // `salesChannel` is set.
      return headerTokenRow(
        .post, optionalHeaders: [KometHeader.salesChannel], roles: webOrderRoles(choices))
    case .webOrderDetailsList:
      return headerTokenRow(
        .get, path: choices.webOrderDetailsPath.rawValue, roles: webOrderRoles(choices))
    case .webOrderDelete:
      return headerTokenRow(.post, roles: webOrderRoles(choices))
    case .webOrderCheckout:
      // Both the newer and the older page accept User tokens only.
      return headerTokenRow(.post, roles: [.user])
    case .customerList, .carrierList, .customerShipToList, .boxTypeList:
      return queryTokenRow(roles: [.company, .vendor])
    case .locationList:
      return row(
        .get, token: .queryParameter, roles: [.company],
        usesAppHost: choices.locationListHost == .app)
    }
  }

  private func webOrderRoles(_ choices: DocumentationChoices) -> [TokenRole] {
    choices.webOrderTokenRoles == .userOnly ? [.user] : [.customer, .user]
  }

  private func headerTokenRow(
    _ httpMethod: HTTPMethod, path: String? = nil, optionalHeaders: [String] = [],
    roles: [TokenRole]
  ) -> MethodSpecification {
    MethodSpecification(
      method: self, path: path ?? rawValue, httpMethod: httpMethod, tokenPlacement: .header,
      requiredHeaders: [KometHeader.account, KometHeader.authenticationToken],
      optionalHeaders: optionalHeaders, validRoles: roles, usesAppHost: false)
  }

  private func queryTokenRow(roles: [TokenRole]) -> MethodSpecification {
    row(.get, token: .queryParameter, roles: roles)
  }

  private func row(
    _ httpMethod: HTTPMethod, token: TokenPlacement, roles: [TokenRole], usesAppHost: Bool = false
  ) -> MethodSpecification {
    MethodSpecification(
      method: self, path: rawValue, httpMethod: httpMethod, tokenPlacement: token,
      requiredHeaders: [], optionalHeaders: [], validRoles: roles, usesAppHost: usesAppHost)
  }
}
