import FlowConfig
import FlowCore
import Testing

/// Every mistake in a silences file names the file, line, column and field. A silence
/// whose first line is `matchers:` sits at line 2, column 5 (see `silencesDocument`).
@Suite struct SilencesFileErrorTests {
    @Test func matcherWithoutAnOperator() {
        expectSilencesError(silencesDocument("""
            matchers: ['slo="x"', 'severity page']
            duration: 1h
            created_by: alice
            comment: test
            """), at: "silences.yaml:2:27: silences[0].matchers[1]",
            saying: "expected =, !=, =~ or !~ after `severity`", "found nothing")
    }

    @Test func regexThatDoesNotCompile() {
        expectSilencesError(silencesDocument("""
            matchers:
              - 'slo=~"(ai_request"'
            duration: 1h
            created_by: alice
            comment: test
            """), at: "silences.yaml:3:9: silences[0].matchers[0]",
            saying: "the regex `(ai_request` does not compile")
    }

    @Test func bothEndsAtAndDuration() {
        expectSilencesError(silencesDocument("""
            matchers: [a=b]
            ends_at: 2026-11-25T12:00:00Z
            duration: 2h
            created_by: alice
            comment: test
            """), at: "silences.yaml:4:15: silences[0].duration", saying: "either ends_at or duration, not both")
    }

    @Test func neitherEndsAtNorDuration() {
        expectSilencesError(silencesDocument("matchers: [a=b]\ncreated_by: alice\ncomment: test"),
                            at: "silences.yaml:2:5: silences[0].ends_at", saying: "missing", "or instead duration")
    }

    @Test func missingCreatedBy() {
        expectSilencesError(silencesDocument("matchers: [a=b]\nduration: 2h\ncomment: test"),
                            at: "silences.yaml:2:5: silences[0].created_by", saying: "missing; expected who created")
    }

    @Test func blankComment() {
        expectSilencesError(silencesDocument("matchers: [a=b]\nduration: 2h\ncreated_by: alice\ncomment: '  '"),
                            at: "silences.yaml:2:5: silences[0].comment", saying: "missing; expected why")
    }

    @Test func endBeforeStart() {
        expectSilencesError(silencesDocument("""
            matchers: [a=b]
            starts_at: 2026-11-25T12:00:00Z
            ends_at: 2026-11-25T10:00:00Z
            created_by: alice
            comment: test
            """), at: "silences.yaml:4:14: silences[0].ends_at", saying: "must end after it starts")
    }

    @Test(arguments: ["2026-11-25", "2026-11-25T10:00:00", "25/11/2026 10:00", "2026-02-30T10:00:00Z",
                      "2026-11-25T24:00:00Z", "2026-11-25T09:00:60Z", "2026-11-25T09:00:00+24:00"])
    func badTimestamp(text: String) {
        expectSilencesError(silencesDocument("""
            matchers: [a=b]
            starts_at: \(text)
            duration: 1h
            created_by: alice
            comment: test
            """), at: "silences.yaml:3:16: silences[0].starts_at", saying: "`\(text)`")
    }

    @Test func zeroDuration() {
        expectSilencesError(silencesDocument("matchers: [a=b]\nduration: 0s\ncreated_by: alice\ncomment: test"),
                            at: "silences.yaml:3:15: silences[0].duration", saying: "above 0")
    }

    @Test func noMatchers() {
        expectSilencesError(silencesDocument("matchers: []\nduration: 1h\ncreated_by: alice\ncomment: test"),
                            at: "silences.yaml:2:15: silences[0].matchers", saying: "at least one matcher")
    }

    @Test func matchersThatMatchEveryAlert() {
        expectSilencesError(silencesDocument("""
            matchers: ['team=~".*"', 'slo=""']
            duration: 1h
            created_by: alice
            comment: test
            """), at: "silences.yaml:2:15: silences[0].matchers", saying: "would mute every alert")
    }

    @Test func misspeltKey() {
        expectSilencesError(silencesDocument("matchers: [a=b]\nduration: 1h\ncreatedby: alice\ncomment: test"),
                            at: "silences.yaml:4:5: silences[0].createdby", saying: "did you mean `created_by`?")
    }

    @Test func unknownTopLevelKey() {
        expectSilencesError("silence: []\n", at: "silences.yaml:1:1: silence", saying: "did you mean `silences`?")
    }

    @Test func yamlSyntaxError() {
        expectSilencesError("silences:\n  - matchers: ['a=b'\n    duration: 1h\n",
                            at: "silences.yaml:3:5", saying: "invalid YAML", "did not find expected ',' or ']'")
    }

    @Test func missingFile() {
        #expect(throws: SilencesFileError(file: "/nonexistent/silences.yaml", message: "no such file")) {
            try SilencesFile.load(path: "/nonexistent/silences.yaml", now: loadTime)
        }
    }
}
