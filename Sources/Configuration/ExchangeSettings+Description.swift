extension ExchangeSettings: CustomStringConvertible {
  /// Every pipeline setting as a key, a value and a source.
  package var entries: [SettingEntry] {
    var list = [
      SettingEntry(
        key: "inventory.source", value: inventorySource.value.rawValue,
        source: inventorySource.source)
    ]
    for item in Self.integerKeys {
      let setting = self[keyPath: item.field]
      list.append(
        SettingEntry(key: item.name, value: String(setting.value), source: setting.source))
    }
    list.append(
      SettingEntry(key: "watch.mode", value: watchMode.value.rawValue, source: watchMode.source))
    let seconds = settleSeconds.value
    let secondsText = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    list.append(
      SettingEntry(key: "watch.settleSeconds", value: secondsText, source: settleSeconds.source))
    list += switchAndDecimalEntries
    list.append(
      SettingEntry(
        key: "orders.defaultCarrierId", value: ordersDefaultCarrierId.value?.digits ?? "not set",
        source: ordersDefaultCarrierId.source))
    return list
  }

  /// One line per setting, such as `watch.mode = inotify (default)`.
  package var description: String {
    entries.map { "\($0.key) = \($0.value) (\($0.source))" }.joined(separator: "\n")
  }
}
