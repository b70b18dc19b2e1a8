import FlowWire
import Testing

/// What a framer handed out, with lines copied so they outlive the callback.
enum Framed: Equatable {
    case line(String)
    case tooLong
}

/// Feeds `chunks` in order, then finishes; returns every piece.
func frame(_ chunks: [String], maxLineLength: Int = 64 * 1024, finish: Bool = true) -> [Framed] {
    var framer = LineFramer(maxLineLength: maxLineLength)
    var out: [Framed] = []
    let collect: (LineFramer.Piece) -> Void = { piece in
        switch piece {
        case .line(let bytes): out.append(.line(String(decoding: bytes, as: UTF8.self)))
        case .tooLong: out.append(.tooLong)
        }
    }
    for chunk in chunks {
        Array(chunk.utf8).withUnsafeBytes { framer.feed($0, collect) }
    }
    if finish { framer.finish(collect) }
    return out
}

@Suite struct LineFramerTests {
    @Test func linesInOneChunk() {
        #expect(frame(["a\nbb\nccc\n"]) == [.line("a"), .line("bb"), .line("ccc")])
    }

    @Test func emptyLinesAreStillLines() {
        #expect(frame(["\n\na\n"]) == [.line(""), .line(""), .line("a")])
    }

    @Test func aLineSplitAcrossChunksIsJoined() {
        #expect(frame(["{\"ty", "pe\":", "\"sync\"}\nnext", "\n"]) == [.line("{\"type\":\"sync\"}"), .line("next")])
    }

    @Test func byteByByteFeedingGivesTheSameLines() {
        let text = "one\r\ntwo\n\nthree\n"
        #expect(frame(text.utf8.map { String(decoding: [$0], as: UTF8.self) }) == frame([text]))
        #expect(frame([text]) == [.line("one\r"), .line("two"), .line(""), .line("three")])
    }

    @Test func carriageReturnIsLeftForTheParser() {
        #expect(frame(["a\r", "\nb\r\n"]) == [.line("a\r"), .line("b\r")])
    }

    @Test func finishYieldsTheUnterminatedLastLine() {
        #expect(frame(["a\nlast"]) == [.line("a"), .line("last")])
        #expect(frame(["a\nla", "st"], finish: false) == [.line("a")])
        #expect(frame(["a\n"]) == [.line("a")])
        #expect(frame([]) == [])
    }

    @Test func finishTwiceYieldsNothingMore() {
        var framer = LineFramer()
        var count = 0
        Array("tail".utf8).withUnsafeBytes { framer.feed($0) { _ in count += 1 } }
        framer.finish { _ in count += 1 }
        framer.finish { _ in count += 1 }
        #expect(count == 1)
    }

    @Test func lineOfExactlyTheLimitPasses() {
        #expect(frame(["abcd\n"], maxLineLength: 4) == [.line("abcd")])
        #expect(frame(["ab", "cd\n"], maxLineLength: 4) == [.line("abcd")])
        #expect(frame(["abcd"], maxLineLength: 4) == [.line("abcd")])
    }

    @Test func overLongLineInOneChunkIsReportedOnceAndFramingResumes() {
        #expect(frame(["abcde\nok\n"], maxLineLength: 4) == [.tooLong, .line("ok")])
    }

    @Test func overLongLineAcrossManyChunksIsReportedOnce() {
        let chunks = ["ab", "cde", "fghij", "klm", "nop\n", "ok\n"]
        #expect(frame(chunks, maxLineLength: 4) == [.tooLong, .line("ok")])
    }

    @Test func overLongTailIsReportedBeforeItsNewlineArrives() {
        #expect(frame(["abcdefgh"], maxLineLength: 4, finish: false) == [.tooLong])
    }

    @Test func overLongTailEndingTheInputIsReportedOnce() {
        #expect(frame(["ok\nabcdefgh", "ijk"], maxLineLength: 4) == [.line("ok"), .tooLong])
    }

    @Test func overLongLineCompletedByAShortPiece() {
        #expect(frame(["abc", "de\nok\n"], maxLineLength: 4) == [.tooLong, .line("ok")])
    }

    @Test func newlineRightAfterTheSkippedLineResumesAtOnce() {
        #expect(frame(["abcdefgh", "\n", "\n", "x\n"], maxLineLength: 4) == [.tooLong, .line(""), .line("x")])
    }

    @Test func defaultLimitIs64KiB() {
        let big = String(repeating: "x", count: 64 * 1024)
        #expect(frame([big + "\n", big + "y\n", "{}\n"]) == [.line(big), .tooLong, .line("{}")])
    }

    @Test func overLongLineThenValidEventParses() {
        var framer = LineFramer(maxLineLength: 100)
        var results: [ParseResult] = []
        let input = String(repeating: "z", count: 250) + "\n" + #"{"type":"sync"}"# + "\r\n"
        Array(input.utf8).withUnsafeBytes { chunk in
            framer.feed(chunk) { piece in
                switch piece {
                case .line(let line): results.append(parser.parse(line, receivedAt: now))
                case .tooLong: results.append(.rejected(.init(.lineTooLong)))
                }
            }
        }
        #expect(results == [.rejected(.init(.lineTooLong)), .event(.init(time: now, body: .sync))])
    }

    @Test func tailIsNotHeldOnceALineCompletes() {
        var framer = LineFramer()
        Array("abc".utf8).withUnsafeBytes { framer.feed($0) { _ in } }
        #expect(framer.pendingByteCount == 3)
        Array("\n".utf8).withUnsafeBytes { framer.feed($0) { _ in } }
        #expect(framer.pendingByteCount == 0)
    }
}
