import Testing

@testable import CLI

struct CSVRecordWriterTests {
  @Test(arguments: [
    (["a", "b"], "a,b\n"),
    (["x,y", "plain"], "\"x,y\",plain\n"),
    (["say \"hi\""], "\"say \"\"hi\"\"\"\n"),
    (["line\nbreak", "cr\rhere"], "\"line\nbreak\",\"cr\rhere\"\n"),
    (["", ""], ",\n"),
    ([" spaced "], " spaced \n"),
  ])
  func quotesOnlyWhenNeeded(fields: [String], expected: String) {
    var writer = CSVRecordWriter()

    writer.append(fields)

    #expect(String(decoding: writer.take(), as: UTF8.self) == expected)
  }
}
