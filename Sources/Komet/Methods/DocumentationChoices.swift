/// The switches for the places where Komet's pages disagree, each set to the default reading.
///
/// Every alternative is one property away, so a caller (or the config file) can follow the other
/// page if Komet's servers turn out to behave that way.
package struct DocumentationChoices: Equatable, Sendable {
  /// The HTTP method of `future.inventory.openmarket.list`.
  package enum FutureInventoryHTTPMethod: Sendable {
    case get
    case post
  }

  /// The path of `web-order-details.list` below the base URL.
  package enum WebOrderDetailsPath: String, Sendable {
    /// The method table's path.
    case methodTable = "web-order-details.list"
    /// The newer page's curl sample.
    case version2 = "v2/web-order-details.list"
    /// One older sample.
    case dotted = "web.order.details.list"
  }

  /// The host of `location.list`.
  package enum LocationListHost: Sendable {
    /// The base URL's host, `api.kometsales.com` by default, as the sample call uses.
    case api
    /// The `app.` host the request section shows, in place of a leading `api.`.
    case app
  }

  /// The form of IDs in JSON request bodies.
  package enum JSONIDEncoding: Sendable {
    /// A JSON number written from the ID's digits, `"customerId": 7122`.
    case number
    /// A JSON string, `"customerId": "7122"`.
    case string
  }

  /// The form of a Boolean in a URL query.
  package enum QueryBooleanEncoding: Sendable {
    /// `1` or `0`.
    case digits
    /// `true` or `false`.
    case words
  }

  /// The token roles of `web-order.create`, `web-order-item.add`, `web-order-details.list` and
  /// `web-order.delete`.
  package enum WebOrderTokenRoles: Sendable {
    /// Customer and User, as the newer pages list them.
    case customerOrUser
    /// User only, as the older pages list it.
    case userOnly
  }

  /// The form of `customerPo` of `web-order.checkout` in the JSON body.
  package enum PurchaseOrderEncoding: Sendable {
    /// A JSON string, as the request example sends it.
    case string
    /// A JSON number, as the declared type `integer:50` implies, but only for digit-only values.
    case numberWhenDigits
  }

  // NOTE: documentation disagreement. The newer page uses GET with URL parameters, the older
  // one POST with a JSON body.
  package var futureInventoryHTTPMethod = FutureInventoryHTTPMethod.get

  // NOTE: documentation disagreement. The method table gives `/api/web-order-details.list`, the
  // newer curl sample `/api/v2/web-order-details.list`, an older sample
  // `/api/web.order.details.list`.
  package var webOrderDetailsPath = WebOrderDetailsPath.methodTable

  // NOTE: documentation disagreement. The request section of `location.list` shows the
  // `app.kometsales.com` host, its sample call `api.kometsales.com`.
  package var locationListHost = LocationListHost.api

  // NOTE: documentation disagreement. The newer request examples send IDs as strings
  // (`"customerId": "7122"`), the older ones and the checkout example as numbers.
  package var jsonIDEncoding = JSONIDEncoding.number

  // NOTE: documentation disagreement. `customer.list` documents `includeInactive` as true/false
  // on the older page and as 1/0 on the newer one.
  package var includeInactiveEncoding = QueryBooleanEncoding.digits

  // NOTE: documentation disagreement. The ship-to page's table names the date filter
  // `updateAsOf`, and its text also spells it `updatedAsOf`.
  package var shipToUpdatedSinceParameter = "updateAsOf"

  // NOTE: documentation disagreement. `customerPo` is typed `integer:50` (older: "(string)
  // (integer:50)") but the request example sends the string "292644".
  package var purchaseOrderEncoding = PurchaseOrderEncoding.string

  // NOTE: documentation disagreement. The newer web-order pages accept Customer and User tokens,
  // the older ones user tokens only (checkout takes User tokens only on both).
  package var webOrderTokenRoles = WebOrderTokenRoles.customerOrUser

  /// The `X-SALES-CHANNEL` value sent on the methods that list that header as optional, or nil
  /// to leave it out.
  package var salesChannel: SalesChannel?

  package init() {}
}

/// The values Komet lists for the `X-SALES-CHANNEL` header.
package enum SalesChannel: String, CaseIterable, Sendable {
  case webApp = "WEB_APP"
  case mobileApp = "MOBILE_APP"
  case kometToKomet = "K2K"
  case ecommerceLite = "ECOMMERCE_LITE"
}
