#!/usr/bin/env python3
"""A month of mixed events for the performance benchmarks (issue 17): seeded, so the same
arguments give the same bytes.

    scripts/month-workload.py [--events 1000000] [--days 30] [--tenants 20]
                              [--end EPOCH_SECONDS] [--no-timestamps] > month.ndjson

The events are spread evenly over the `--days` before `--end` (default: the start of the
current UTC hour), in time order: 30% `ai_request` (four models, 0.05% failing),
25% `ai_response_latency`, 25% `message_processing_latency` (both latency SLIs, well
inside their objectives), and the lead flow: 6% `lead_created`, 10% `touchpoint`,
4% `lead_stage` (contacted ... won with revenue). Tenants `t00` ... round-robin.

Three incidents burn budgets the way real ones do (so alerts fire and resolve): at 25%
of the span, 90 minutes of 8% failing AI requests; at 55%, 3 hours of four times slower
AI responses for tenant `t03`; at 85%, 40 minutes of 20% failed WhatsApp processing.

`--no-timestamps` drops `ts` (the socket benchmarks: events take the time they arrive).
"""
import argparse
import random
import sys
import time

MODELS = [("openai", "gpt-4o"), ("anthropic", "claude-3-5-sonnet"), ("openai", "gpt-4o-mini"),
          ("meta", "llama-3-70b")]
CHANNELS = ["whatsapp", "email", "website", "ads", "instagram", "linkedin"]
FEATURES = ["ai_response_generation", "follow_up_automation", "lead_scoring", "meeting_booking"]
STAGES = ["contacted", "qualified", "meeting", "proposal", "won"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--tenants", type=int, default=20)
    parser.add_argument("--end", type=int, default=int(time.time()) // 3600 * 3600)
    parser.add_argument("--no-timestamps", action="store_true")
    args = parser.parse_args()

    rng = random.Random(20261207)
    span = args.days * 86_400
    start = args.end - span
    tenants = [f"t{i:02d}" for i in range(args.tenants)]
    leads = []          # open leads: [id, tenant, stage index]
    next_lead = 0
    out = sys.stdout
    chunk = []
    incidents = [(start + span * 0.25, 90 * 60), (start + span * 0.55, 3 * 3600), (start + span * 0.85, 40 * 60)]

    def during(k, t):
        return incidents[k][0] <= t < incidents[k][0] + incidents[k][1]

    for i in range(args.events):
        t = start + span * i / args.events
        tenant = tenants[i % len(tenants)]
        if args.no_timestamps:
            ts = ""
        else:
            ts = ',"ts":"%s.%03dZ"' % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(t))),
                                       int((t % 1) * 1000))
        r = rng.random()
        if r < 0.30:
            provider, model = MODELS[i % len(MODELS)]
            ok = "true" if rng.random() > (0.08 if during(0, t) else 0.0005) else "false"
            line = ('{"type":"ai_request","provider":"%s","model":"%s","scenario":"chat_completion",'
                    '"tokens_input":%d,"tokens_output":%d,"cost_usd":%.4f,"duration_seconds":%.3f,'
                    '"success":%s,"tenant":"%s"%s}' % (
                        provider, model, rng.randint(100, 2000), rng.randint(50, 800),
                        rng.random() / 50, rng.lognormvariate(-0.5, 0.6), ok, tenant, ts))
        elif r < 0.55:
            line = '{"type":"ai_response_latency","latency_ms":%d,"model":"%s","tenant":"%s"%s}' % (
                int(rng.lognormvariate(6.3, 0.45) * (4 if tenant == "t03" and during(1, t) else 1)),
                MODELS[i % len(MODELS)][1], tenant, ts)
        elif r < 0.80:
            channel = CHANNELS[i % len(CHANNELS)]
            failing = 0.2 if channel == "whatsapp" and during(2, t) else 0.001
            line = ('{"type":"message_processing_latency","latency_ms":%d,"success":%s,"channel":"%s",'
                    '"tenant":"%s"%s}' % (int(rng.lognormvariate(4.3, 0.6)),
                                          "true" if rng.random() > failing else "false",
                                          channel, tenant, ts))
        elif r < 0.86 or not leads:
            lead = f"L-{next_lead}"
            next_lead += 1
            leads.append([lead, tenant, -1])
            if len(leads) > 5000:
                leads.pop(0)
            line = '{"type":"lead_created","lead_id":"%s","source":"%s","tenant":"%s"%s}' % (
                lead, rng.choice(CHANNELS), tenant, ts)
        elif r < 0.96:
            lead, lead_tenant, _ = rng.choice(leads)
            ai = rng.random() < 0.6
            line = ('{"type":"touchpoint","lead_id":"%s","channel":"%s","touch_type":"message",'
                    '"feature_used":"%s","ai_assisted":%s,"cost":%.3f,"tenant":"%s"%s}' % (
                        lead, rng.choice(CHANNELS), rng.choice(FEATURES), "true" if ai else "false",
                        rng.random() / 10, lead_tenant, ts))
        else:
            entry = rng.choice(leads)
            entry[2] = min(entry[2] + 1, len(STAGES) - 1)
            stage = STAGES[entry[2]]
            revenue = ',"revenue":%d' % rng.randint(500, 20000) if stage == "won" else ""
            line = '{"type":"lead_stage","lead_id":"%s","stage":"%s"%s,"tenant":"%s"%s}' % (
                entry[0], stage, revenue, entry[1], ts)
            if stage == "won":
                leads.remove(entry)
        chunk.append(line)
        if len(chunk) >= 10_000:
            out.write("\n".join(chunk) + "\n")
            chunk = []
    if chunk:
        out.write("\n".join(chunk) + "\n")


if __name__ == "__main__":
    main()
