import FlowCore
import FlowNotify
import Testing

/// Slack incoming-webhook messages: text plus blocks, emoji by severity and state.
@Suite struct SlackPayloadTests {
    let slack = SlackPayload(webhookURL: Secret("https://hooks.slack.com/services/T000/B000/XXXX"))

    static func blocks(_ object: [String: Any]) -> [[String: Any]] {
        object["blocks"] as? [[String: Any]] ?? []
    }

    static func text(of block: [String: Any]) -> String? {
        (block["text"] as? [String: Any])?["text"] as? String
    }

    @Test func itPostsToTheWebhookURL() throws {
        let request = try request(slack.message(for: firingBatch([burn()])))
        #expect(request.url == "https://hooks.slack.com/services/T000/B000/XXXX")
        #expect(request.method == "POST")
        #expect(request.headers.map(\.0) == ["Content-Type"])
    }

    @Test func aFiringPageReadsAsRedWithATitleAndAFallbackText() throws {
        let object = try jsonObject(slack.message(for: firingBatch([burn()])))
        #expect(object["text"] as? String
                == "🔴 [FIRING:1] ErrorBudgetBurn ai_request_success: ai_request_success (all) burns its error budget at 20x")
        let blocks = Self.blocks(object)
        #expect(blocks.map { $0["type"] as? String } == ["header", "section", "context"])
        #expect(Self.text(of: blocks[0]) == "🔴 [FIRING:1] ErrorBudgetBurn ai_request_success")
        let section = try #require(Self.text(of: blocks[1]))
        #expect(section.hasPrefix("*page* `long_window=\"1h\", short_window=\"5m\"`\n"))
        #expect(section.contains("firing since <!date^1795600800^{date_short_pretty} {time}|2026-11-25 10:00 UTC>"))
    }

    @Test func ticketsAreOrangeAndResolvedIsATick() throws {
        let ticket = try jsonObject(slack.message(for: firingBatch([burn(severity: "ticket")])))
        #expect((ticket["text"] as? String)?.hasPrefix("🟠 [FIRING:1]") == true)
        let resolved = try jsonObject(slack.message(for: firingBatch([burn()], reason: .resolved)))
        #expect((resolved["text"] as? String)?.hasPrefix("✅ [RESOLVED] ErrorBudgetBurn ai_request_success") == true)
        #expect(Self.text(of: Self.blocks(resolved)[1])?.contains("✅ resolved <!date^1795601400^") == true)
    }

    @Test func fiftyAlertsShowTenAndCountTheRest() throws {
        let object = try jsonObject(slack.message(for: firingBatch(fiftyTenants)))
        let blocks = Self.blocks(object)
        #expect(blocks.count == 1 + 10 + 1 + 1)
        #expect(Self.text(of: blocks[11]) == "_+40 more_")
        #expect((object["text"] as? String)?.hasPrefix("🔴 [FIRING:50]") == true)
    }

    @Test func theSectionNamesTheLabelsThatTellAlertsApart() throws {
        let object = try jsonObject(slack.message(for: firingBatch([burn(tenant: "acme")])))
        #expect(Self.text(of: Self.blocks(object)[1])?.contains("`long_window=\"1h\", short_window=\"5m\", tenant=\"acme\"`") == true)
    }

    @Test func slackControlCharactersAreEscaped() throws {
        var book = AlertBook()
        book.evaluate([AlertObservation(labels: AlertLabels(["alertname": "X", "severity": "page"]),
                                        annotations: ["summary": "p99 <500ms & >200ms"], holds: true)], at: t0)
        let batch = NotificationBatch(groupKey: "alertname=X", alerts: book.alerts, reason: .firing, at: t0)
        let object = try jsonObject(slack.message(for: batch))
        #expect(Self.text(of: Self.blocks(object)[1])?.contains("p99 &lt;500ms &amp; &gt;200ms") == true)
    }

    @Test func aRunbookBecomesALink() throws {
        let object = try jsonObject(slack.message(for: firingBatch([threshold()], groupKey: "alertname=AICostHigh")))
        #expect(Self.text(of: Self.blocks(object)[1])?.contains("<https://runbooks.example.com/ai-cost|runbook>") == true)
    }

    @Test func aChannelIsSentWhenConfigured() throws {
        let withChannel = SlackPayload(webhookURL: Secret("https://hooks.slack.com/x"), channel: "#sales-alerts")
        #expect(try jsonObject(withChannel.message(for: firingBatch([burn()])))["channel"] as? String == "#sales-alerts")
        #expect(try jsonObject(slack.message(for: firingBatch([burn()])))["channel"] == nil)
    }

    @Test func theContextNamesTheGroupAndTheStart() throws {
        let object = try jsonObject(slack.message(for: firingBatch([burn()], reason: .repeating)))
        let context = try #require(Self.blocks(object).last?["elements"] as? [[String: Any]])
        #expect(context.first?["text"] as? String
                == "flowtop · group `alertname=ErrorBudgetBurn,slo=ai_request_success` · still firing since "
                + "<!date^1795600800^{date_short_pretty} {time}|2026-11-25 10:00 UTC>")
    }
}
