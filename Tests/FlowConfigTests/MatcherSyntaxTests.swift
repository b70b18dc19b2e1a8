import FlowConfig
import FlowCore
import Testing

/// `LabelMatcher.parse` reads Alertmanager's matcher syntax, so a matcher copied from
/// amtool or an Alertmanager silence works here.
@Suite struct MatcherSyntaxTests {
    @Test(arguments: [
        (#"slo="ai_request_success""#, LabelMatcher("slo", .equal, "ai_request_success")),
        (#"severity!="page""#, LabelMatcher("severity", .notEqual, "page")),
        (#"severity=~"page|ticket""#, LabelMatcher("severity", .regex, "page|ticket")),
        (#"model!~"gpt-4.*""#, LabelMatcher("model", .notRegex, "gpt-4.*")),
        ("severity = page", LabelMatcher("severity", .equal, "page")),
        ("  team=~rev.*  ", LabelMatcher("team", .regex, "rev.*")),
        (#"summary="spend \"high\"""#, LabelMatcher("summary", .equal, #"spend "high""#)),
        (#"slo=~"\d+""#, LabelMatcher("slo", .regex, #"\d+"#)),
        (#"path="a\\b""#, LabelMatcher("path", .equal, #"a\b"#)),
        (#"team="""#, LabelMatcher("team", .equal, "")),
    ])
    func parsesAlertmanagerSyntax(text: String, matcher: LabelMatcher) throws {
        #expect(try LabelMatcher.parse(text) == matcher)
    }

    @Test(arguments: [
        LabelMatcher("slo", .equal, "ai_request_success"), LabelMatcher("s", .regex, #"a"b\d"#),
        LabelMatcher("s", .notEqual, "two\nlines"), LabelMatcher("s", .notRegex, #"\\"#),
    ])
    func syntaxReadsBackAsTheSameMatcher(matcher: LabelMatcher) throws {
        #expect(try LabelMatcher.parse(matcher.syntax) == matcher)
    }

    @Test(arguments: [
        ("severity page", "expected =, !=, =~ or !~"),
        ("severity==page", "found `==`"),
        (#"=~"page""#, "expected a label name first"),
        (#"9lives="x""#, "letters, digits and _"),
        (#"{slo="x"}"#, "without braces"),
        (#"slo="x"#, "closing quote is missing"),
        (#"slo="x"y"#, "found `y` after it"),
        ("summary=spend high", "expected the value in double quotes"),
        (#"slo=~"[a-""#, "does not compile"),
    ])
    func refusesWithAMessage(text: String, words: String) {
        do {
            let matcher = try LabelMatcher.parse(text)
            Issue.record("parsed `\(text)` as \(matcher)")
        } catch {
            #expect(error.message.contains(words), "\(error.message)")
        }
    }
}
