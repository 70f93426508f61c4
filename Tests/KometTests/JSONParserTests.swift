import Foundation
import Testing

@testable import Komet

struct JSONParserTests {
  @Test(arguments: [
    (
      #"{"a":"\u00e9\ud83c\udf37\n\"x\""}"#,
      JSONValue.object([JSONMember("a", .string("é🌷\n\"x\""))])
    ),
    (
      "[1,-0.5,2E+3,true,null]",
      .array([.number("1"), .number("-0.5"), .number("2E+3"), .bool(true), .null])
    ),
    ("\u{FEFF} {} ", .object([])),
  ])
  func validTextParses(text: String, expected: JSONValue) throws {
    #expect(try JSONParser.parse(Data(text.utf8)) == expected)
  }

  @Test(arguments: [
    ("{\"a\":1,}", 7, "expected a quoted member name"),
    ("[01]", 2, "expected ',' or ']' in an array"),
    ("{\"a\":1} x", 8, "unexpected text after the JSON value"),
    ("\"\\ud800\"", 7, "unpaired surrogate in \\u escape"),
    ("\"tab\there\"", 4, "control character byte 0x9 inside a string"),
    ("[1.]", 3, "expected a digit after '.'"),
  ])
  func invalidTextIsRejectedWithOffset(text: String, offset: Int, reason: String) {
    #expect(throws: JSONParser.SyntaxError(offset: offset, reason: reason)) {
      try JSONParser.parse(Data(text.utf8))
    }
  }

  @Test func deepNestingIsRejected() {
    let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Data(text.utf8)) }
  }

  @Test func writerOutputParsesBack() throws {
    let value = JSONValue.object([
      JSONMember("price", .number("12345678.99")), JSONMember("note", .string("a\"b\\c\u{01}")),
      JSONMember("ids", .array([.string("1"), .number("2")])),
    ])
    let data = JSONWriter.data(for: value)

    #expect(
      String(decoding: data, as: UTF8.self)
        == #"{"price":12345678.99,"note":"a\"b\\c\u0001","ids":["1",2]}"#)
    #expect(try JSONParser.parse(data) == value)
  }
}
