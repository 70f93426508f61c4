import Exchange
import Foundation
import Inventory
import Workspace

/// Builds the handlers of the `retry`, `review` and `cancel` change requests.
package enum OrderCommandHandlers {
  /// Returns the three handlers for `workspace`; `inventory` and `locationIds` feed `retry`'s
  /// validation.
  package static func make(
    workspace: Workspace, settings: RetrySettings,
    inventory: @escaping @Sendable () throws -> [InventoryItem],
    locationIds: @escaping @Sendable () throws -> [String]
  ) -> [any ChangeRequestHandler] {
    [
      RetryHandler(
        workspace: workspace, settings: settings, inventory: inventory,
        locationIds: locationIds),
      ReviewHandler(workspace: workspace),
      CancelHandler(workspace: workspace),
    ]
  }
}
