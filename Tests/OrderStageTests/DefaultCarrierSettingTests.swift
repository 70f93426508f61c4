import Configuration
import Foundation
import Komet
import Testing

/// `orders.defaultCarrierId` read from `komet-dwf.json` and the environment.
struct DefaultCarrierSettingTests {
  @Test(arguments: [
    (#"{"orders": {"defaultCarrierId": "3102"}}"#, [:], "3102"),
    (#"{"orders": {"defaultCarrierId": 3103}}"#, [:], "3103"),
    (#"{"orders": {"defaultCarrierId": null}}"#, [:], nil),
    (#"{"orders": {"defaultCarrierId": "3102"}}"#,
     ["KOMET_DWF_ORDERS_DEFAULT_CARRIER_ID": "3101"], "3101"),
    ("{}", [:], nil),
  ] as [(String, [String: String], String?)])
  func defaultCarrierLoaded(config: String, environment: [String: String], expected: String?)
    throws
  {
    let folder = try Self.folder(with: config)
    defer { try? FileManager.default.removeItem(at: folder) }

    let settings = try ExchangeSettings.load(workspace: folder, environment: environment)

    #expect(settings.ordersDefaultCarrierId.value?.digits == expected)
  }

  @Test func invalidDefaultCarrierRejected() throws {
    let folder = try Self.folder(with: #"{"orders": {"defaultCarrierId": "ARM"}}"#)
    defer { try? FileManager.default.removeItem(at: folder) }

    #expect {
      _ = try ExchangeSettings.load(workspace: folder, environment: [:])
    } throws: { error in
      "\(error)".contains("orders.defaultCarrierId") && "\(error)".contains("is not a Komet ID")
    }
  }

  private static func folder(with config: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("carrier-setting-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(config.utf8).write(to: folder.appendingPathComponent(KometSettings.fileName))
    return folder
  }
}
