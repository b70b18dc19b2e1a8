#!/usr/bin/env python3
"""A fixed, seeded NDJSON workload for scripts/golden.sh: every event type, three
tenants, four models, leads through every stage with touchpoints and revenue, slow and
failing stretches that page, and a few lines the wire must reject. Same seed, same bytes.

    python3 scripts/golden-workload.py BASE_EPOCH_SECONDS [HOURS] > events.ndjson
"""
import json
import random
import sys

base = int(sys.argv[1])            # the last event's time; everything is before it
hours = int(sys.argv[2]) if len(sys.argv) > 2 else 48
rng = random.Random(20261206)
tenants = ["acme", "globex", "initech"]
models = ["gpt-4o", "claude-3-5-sonnet", "gpt-4o-mini", "llama-3-70b"]
channels = ["whatsapp", "email", "website", "ads", "instagram", "linkedin"]
features = ["ai_response_generation", "follow_up_automation", "lead_scoring", "meeting_booking"]
stages = ["contacted", "qualified", "meeting", "proposal"]
out = []

def emit(ts, **fields):
    fields["ts"] = ts
    out.append((ts, json.dumps(fields, separators=(",", ":"))))

span = hours * 3600                # two days of history by default
start = base - span
for t in range(start, base, 20):   # one latency sample set every 20 s
    minute = (t - start) // 60
    minutes = span // 60
    slow = minutes // 5 <= minute < minutes // 5 + 60 or minutes - 40 <= minute < minutes - 20
    failing = minutes // 2 <= minute < minutes // 2 + 30
    tenant = tenants[minute % 3]
    model = models[(t // 20) % 4]
    latency = rng.randint(2500, 6000) if slow and rng.random() < 0.6 else rng.randint(200, 1800)
    emit(t, type="ai_response_latency", latency_ms=latency, model=model, tenant=tenant)
    ok = not (failing and rng.random() < 0.5)
    emit(t + 1, type="message_processing_latency", latency_ms=rng.randint(20, 400), success=ok,
         channel=channels[t % 6], tenant=tenant)
    if t % 60 == 0:
        emit(t + 2, type="ai_request", provider="openai" if "gpt" in model else "other", model=model,
             scenario="chat_completion", tokens_input=rng.randint(100, 2000), tokens_output=rng.randint(20, 600),
             cost_usd=round(rng.uniform(0.001, 0.05), 4), duration_seconds=round(latency / 1000, 3), tenant=tenant)
        emit(t + 3, type="message_sent", channel=channels[(t // 60) % 6], message_type="outbound", tenant=tenant)

for i in range(max(40, hours * 8)):  # leads
    created = start + rng.randint(0, span - 7200)
    tenant = rng.choice(tenants)
    lead = f"L-{i}"
    emit(created, type="lead_created", lead_id=lead, source=rng.choice(channels), tenant=tenant)
    t = created
    for _ in range(rng.randint(1, 5)):
        t += rng.randint(30, 1800)
        emit(t, type="touchpoint", lead_id=lead, channel=rng.choice(channels), touch_type="message",
             feature_used=rng.choice(features), ai_assisted=rng.random() < 0.6,
             cost=round(rng.uniform(0.01, 4), 2), tenant=tenant)
    reached = rng.randint(0, 5)
    for stage in stages[:min(reached, 4)]:
        t += rng.randint(60, 3600)
        emit(t, type="lead_stage", lead_id=lead, stage=stage, tenant=tenant)
    if reached == 5:
        t += rng.randint(60, 3600)
        if rng.random() < 0.7:
            emit(t, type="lead_stage", lead_id=lead, stage="won", revenue=rng.randint(500, 20000), tenant=tenant)
        else:
            emit(t, type="lead_stage", lead_id=lead, stage="lost", tenant=tenant)

out.sort(key=lambda pair: pair[0])
lines = [line for ts, line in out if ts <= base]
lines.insert(100, '{"type":"no_such_type","tenant":"acme"}')
lines.insert(200, '{"type":"ai_response_latency","latency_ms":-5}')
lines.insert(300, 'not json at all')
sys.stdout.write("\n".join(lines) + "\n")
