import FlowFormats
import Testing

/// The one duration parser: Prometheus syntax, and a message naming each problem. (The
/// files quote these messages at the field, tested in FlowConfigTests.)
@Suite struct PrometheusDurationTests {
    @Test(arguments: [
        ("0", 0), ("0s", 0), ("30s", 30_000), ("5m", 300_000), ("1h30m", 5_400_000), ("1d", 86_400_000),
        ("2w", 1_209_600_000), ("1y", 31_536_000_000), ("1m30s500ms", 90_500), ("250ms", 250),
    ] as [(String, Int64)])
    func readsAndWritesBack(text: String, millis: Int64) throws {
        #expect(try PrometheusDuration.millis(text) == millis)
        #expect(try PrometheusDuration.millis(PrometheusDuration.text(millis)) == millis)
    }

    @Test(arguments: [
        ("", "expected a duration such as 30s, 5m or 1h30m, found nothing"),
        ("-5m", "a duration cannot be negative: expected e.g. 0s or 5m, found `-5m`"),
        ("90 min", "spaces are not allowed in a duration: expected e.g. 30s, 5m or 1h30m, found `90 min`"),
        ("1.5h", "expected whole numbers in a duration, e.g. 1h30m rather than 1.5h, found `1.5h`"),
        ("90", "`90` has no unit: expected e.g. 90s or 90m, found `90`"),
        ("5min", "unknown unit `min` in `5min`: expected ms, s, m, h, d, w or y"),
        ("30m1h", "expected units from the largest to the smallest, each once (e.g. 1h30m), found `30m1h`"),
        ("h", "expected a duration such as 30s, 5m or 1h30m (whole numbers, each with a unit), found `h`"),
        ("300000000y", "duration `300000000y` is too long"),
    ])
    func namesWhatIsWrong(text: String, message: String) {
        #expect(throws: DurationSyntaxError(message)) { try PrometheusDuration.millis(text) }
    }

    @Test func writesTheShortestSpelling() {
        #expect(PrometheusDuration.text(5_400_000) == "1h30m")
        #expect(PrometheusDuration.text(0) == "0s")
        #expect(PrometheusDuration.text(90_061_001) == "1d1h1m1s1ms")
    }
}
