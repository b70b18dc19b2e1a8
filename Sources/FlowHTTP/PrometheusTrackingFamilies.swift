import FlowCore

/// The families of the original framework's tracking calls: leads created, AI requests
/// (tokens, cost, duration), AI response latency, messages sent, message processing
/// latency. Counters end in `_total`; latencies are histograms in seconds.
///
/// ```text
/// flowtop_leads_created_total{source="whatsapp",tenant="acme"} 12
/// flowtop_ai_request_duration_seconds_bucket{provider="openai",...,le="2"} 40
/// ```
extension PrometheusExposition {
    static func writeTracking(_ export: MetricsExport, into out: inout PrometheusTextWriter) {
        out.family("flowtop_leads_created_total", .counter, "Leads created (lead_created events), by source and tenant.")
        for s in export.leadsCreated {
            out.sample("flowtop_leads_created_total", [("source", s.source), ("tenant", s.tenant)], s.count)
        }
        writeAIRequests(export.aiRequests, into: &out)

        out.family("flowtop_ai_response_latency_seconds", .histogram,
                   "AI response latency (ai_response_latency events), by model and tenant.")
        for s in export.aiResponseLatency {
            out.histogram("flowtop_ai_response_latency_seconds", [("model", s.model), ("tenant", s.tenant)], s.latency)
        }

        out.family("flowtop_messages_sent_total", .counter,
                   "Messages sent (message_sent events), by channel, message type and tenant.")
        for s in export.messagesSent {
            out.sample("flowtop_messages_sent_total",
                       [("channel", s.channel), ("message_type", s.messageType), ("tenant", s.tenant)], s.count)
        }

        out.family("flowtop_message_processing_latency_seconds", .histogram,
                   "Message processing latency (message_processing_latency events), by channel, tenant and success.")
        for s in export.messageProcessing {
            out.histogram("flowtop_message_processing_latency_seconds",
                          [("channel", s.channel), ("tenant", s.tenant), ("success", String(s.success))], s.latency)
        }
    }

    private static func writeAIRequests(_ series: [AIRequestSeries], into out: inout PrometheusTextWriter) {
        func labels(_ s: AIRequestSeries) -> [(String, String)] {
            [("provider", s.provider), ("model", s.model), ("scenario", s.scenario), ("tenant", s.tenant),
             ("success", String(s.success))]
        }
        out.family("flowtop_ai_requests_total", .counter,
                   "AI requests (ai_request events), by provider, model, scenario, tenant and success.")
        for s in series { out.sample("flowtop_ai_requests_total", labels(s), s.requests) }

        out.family("flowtop_ai_tokens_total", .counter,
                   "Tokens of AI requests, by direction (input, output) and the request's labels.")
        for s in series {
            out.sample("flowtop_ai_tokens_total", labels(s) + [("direction", "input")], s.tokensInput)
            out.sample("flowtop_ai_tokens_total", labels(s) + [("direction", "output")], s.tokensOutput)
        }

        out.family("flowtop_ai_cost_usd_total", .counter, "Cost of AI requests in US dollars (cost_usd).")
        for s in series { out.sample("flowtop_ai_cost_usd_total", labels(s), s.costUSD) }

        out.family("flowtop_ai_request_duration_seconds", .histogram,
                   "Duration of AI requests that reported one (duration_seconds above 0).")
        for s in series { out.histogram("flowtop_ai_request_duration_seconds", labels(s), s.duration) }
    }
}
