import Foundation
import Testing

@testable import Logging

struct LoggerTests {
  @Test func recordsAtOrAboveMinimumLevel() {
    let handler = InMemoryLogHandler()
    let logger = Logger(label: "test", handler: handler, minimumLevel: .warning)

    logger.info("Skipped")
    logger.warning("Kept", ["komet.attempt": "2"])
    logger.critical("Also kept")

    #expect(handler.records.map(\.message) == ["Kept", "Also kept"])
    #expect(handler.records.first?.metadata == ["komet.attempt": "2"])
  }

  @Test func mergesLoggerAndRecordMetadata() {
    let handler = InMemoryLogHandler()
    let logger = Logger(
      label: "test", handler: handler, metadata: ["client.id": "a", "komet.method": "x"])

    logger.info("Sent", ["komet.method": "customer.list"])

    #expect(handler.records.first?.metadata == ["client.id": "a", "komet.method": "customer.list"])
  }

  @Test(arguments: [
    ("plain", "k=plain"),
    ("two words", "k=\"two words\""),
    ("line\nbreak", "k=\"line\\nbreak\""),
    ("", "k=\"\""),
    ("esc\u{1B}[2J", "k=\"esc\\u001B[2J\""),
    ("tab\there", "k=\"tab\\there\""),
    ("c1\u{85}", "k=\"c1\\u0085\""),
  ])
  func lineQuotesValues(value: String, expected: String) {
    let record = LogRecord(
      date: Date(timeIntervalSince1970: 0), label: "test", level: .notice, message: "M",
      metadata: ["k": value])

    #expect(record.line == "1970-01-01T00:00:00.000Z notice test: M \(expected)")
  }

  @Test func levelsFollowSwiftLogOrder() {
    #expect(LogLevel.allCases.map(\.description) == [
      "trace", "debug", "info", "notice", "warning", "error", "critical",
    ])
  }
}
