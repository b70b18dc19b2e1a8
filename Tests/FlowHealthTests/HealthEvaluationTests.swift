import FlowCore
import FlowFormats
import FlowIngest
import FlowNotify
import Testing
@testable import FlowHealth
import FlowReports

/// The health verdicts as a pure function of what was seen and when: every threshold of
/// docs/health.md on both sides, and which probe fails on which check.
@Suite struct HealthEvaluationTests {
    static let t: EpochMillis = 1_795_600_800_000
    static let second: EpochMillis = 1_000
    static let minute: EpochMillis = 60_000

    /// Up for an hour, listening with one client, an event a second ago, the lock taken a
    /// second ago in no time: everything fine.
    static func fine(at now: EpochMillis = t) -> HealthObservation {
        HealthObservation(
            now: now, startedAt: now - 60 * minute,
            ingest: IngestObservation(state: .listening(path: "/tmp/ft/s.sock"), openConnections: 1,
                                      activity: IngestActivity(lastReadAt: now - second, lastEventAt: now - second)),
            engineLock: EngineLockObservation(lastTakenAt: now - second, lastWaitMillis: 0))
    }

    static func evaluate(_ seen: HealthObservation, _ thresholds: HealthThresholds = HealthThresholds()) -> HealthReport {
        HealthEvaluation.report(seen, thresholds: thresholds)
    }

    static func check(_ name: String, in report: HealthReport) throws -> HealthCheckResult {
        try #require(report.checks.first { $0.name == name }, "no \(name) in \(report.checks.map(\.name))")
    }

    @Test func aListeningEngineWithRecentEventsIsHealthyAndPassesEveryProbe() throws {
        let report = Self.evaluate(Self.fine())
        #expect(report.status == .healthy)
        #expect(report.checks.map(\.name) == ["ingest_socket", "ingest_progress", "last_event", "engine_lock"])
        #expect(report.checks.allSatisfy { $0.status == .healthy })
        #expect(ProbeKind.allCases.allSatisfy(report.passes))
        #expect(try Self.check("ingest_socket", in: report).detail == "listening on /tmp/ft/s.sock, 1 client")
        #expect(try Self.check("ingest_progress", in: report).detail == "every byte read is in the engine; last read 1s ago")
        #expect(try Self.check("last_event", in: report).detail == "last event 1s ago")
        #expect(try Self.check("engine_lock", in: report).detail == "taken 1s ago in 0 ms")
        #expect(report.checkedAt == Self.t)
    }

    @Test func beforeTheSocketListensStartupAndReadinessFailButLivenessPasses() throws {
        var seen = Self.fine()
        seen.ingest = IngestObservation(state: .starting)
        let report = Self.evaluate(seen)
        #expect(report.status == .unhealthy)
        #expect(try Self.check("ingest_socket", in: report).detail == "not listening yet: starting")
        #expect(!report.passes(.startup))
        #expect(!report.passes(.readiness))
        #expect(report.passes(.liveness), "a process still starting is not stuck")
    }

    @Test func aSocketThatStoppedOrNeverCameUpFailsReadinessWithTheReason() throws {
        var seen = Self.fine()
        seen.ingest?.state = .stopped
        let stopped = Self.evaluate(seen)
        #expect(try Self.check("ingest_socket", in: stopped).detail == "stopped listening: shutting down")
        #expect(!stopped.passes(.readiness) && stopped.passes(.liveness))

        seen.ingest?.state = .failed("address in use: /tmp/ft/s.sock")
        let failed = Self.evaluate(seen)
        #expect(try Self.check("ingest_socket", in: failed).detail == "could not listen: address in use: /tmp/ft/s.sock")
        #expect(failed.status == .unhealthy && !failed.passes(.startup))
    }

    /// Read bytes not in the engine: healthy below 10 s, unhealthy (not ready) from 10 s,
    /// not live from 60 s; the boundaries are inclusive.
    @Test(arguments: [
        (9_999 as EpochMillis, HealthStatus.healthy, true, true),
        (10_000, .unhealthy, false, true),
        (59_999, .unhealthy, false, true),
        (60_000, .unhealthy, false, false),
    ])
    func bytesReadButNotAppliedWedgeIngestAtTenSecondsAndFailLivenessAtSixty(
        waited: EpochMillis, status: HealthStatus, ready: Bool, live: Bool
    ) throws {
        var seen = Self.fine()
        seen.ingest?.activity.waitingSince = Self.t - waited
        let report = Self.evaluate(seen)
        #expect(try Self.check("ingest_progress", in: report).status == status)
        #expect(report.passes(.readiness) == ready)
        #expect(report.passes(.liveness) == live)
        #expect(report.passes(.startup))
    }

    @Test func theWedgeDetailSaysHowLongAndWhichProbeFailsWhen() throws {
        var seen = Self.fine()
        seen.ingest?.activity.waitingSince = Self.t - 12 * Self.second
        #expect(try Self.check("ingest_progress", in: Self.evaluate(seen)).detail
                == "bytes read 12s ago are not in the engine yet; readiness fails from 10s, liveness from 1m")
        seen.ingest?.activity.waitingSince = Self.t - 65 * Self.second
        #expect(try Self.check("ingest_progress", in: Self.evaluate(seen)).detail
                == "bytes read 1m 5s ago are still not in the engine: ingest is stuck; liveness fails from 1m")
        seen.ingest?.activity.waitingSince = Self.t - 300
        #expect(try Self.check("ingest_progress", in: Self.evaluate(seen)).detail == "applying bytes read 0.3s ago")
    }

    /// Nobody sending for hours is not a wedge: ingest stays healthy, only `last_event`
    /// degrades, and no probe fails.
    @Test func aQuietSocketIsNeverWedgedOnlyDegraded() throws {
        var seen = Self.fine()
        seen.ingest?.activity = IngestActivity(lastReadAt: Self.t - 180 * Self.minute, lastEventAt: Self.t - 180 * Self.minute)
        let report = Self.evaluate(seen)
        #expect(try Self.check("ingest_progress", in: report).status == .healthy)
        let last = try Self.check("last_event", in: report)
        #expect(last.status == .degraded)
        #expect(last.detail == "last event 3h ago; degraded after 15m without one")
        #expect(report.status == .degraded)
        #expect(ProbeKind.allCases.allSatisfy(report.passes))
    }

    @Test(arguments: [(14 * 60_000 + 59_999 as EpochMillis, HealthStatus.healthy), (15 * 60_000, .degraded)])
    func lastEventDegradesAtFifteenMinutes(age: EpochMillis, status: HealthStatus) throws {
        var seen = Self.fine()
        seen.ingest?.activity.lastEventAt = Self.t - age
        #expect(try Self.check("last_event", in: Self.evaluate(seen)).status == status)
    }

    @Test func withoutAnyEventTheStartIsTheReferenceForQuiet() throws {
        var seen = Self.fine()
        seen.ingest?.activity = IngestActivity()
        seen.startedAt = Self.t - 2 * Self.minute
        let young = try Self.check("last_event", in: Self.evaluate(seen))
        #expect(young.status == .healthy)
        #expect(young.detail == "no event yet (started 2m ago)")
        #expect(try Self.check("ingest_progress", in: Self.evaluate(seen)).detail == "every byte read is in the engine; nothing read yet")

        seen.startedAt = Self.t - 20 * Self.minute
        let old = try Self.check("last_event", in: Self.evaluate(seen))
        #expect(old.status == .degraded)
        #expect(old.detail == "no event since the start 20m ago; degraded after 15m without one")
    }

    /// A lock wait still going on: degraded from 1 s, unhealthy and not ready from 10 s,
    /// not live from 30 s.
    @Test(arguments: [
        (999 as EpochMillis, HealthStatus.healthy, true, true),
        (1_000, .degraded, true, true),
        (10_000, .unhealthy, false, true),
        (29_999, .unhealthy, false, true),
        (30_000, .unhealthy, false, false),
    ])
    func anEngineLockThatCannotBeTakenFailsReadinessThenLiveness(
        waited: EpochMillis, status: HealthStatus, ready: Bool, live: Bool
    ) throws {
        var seen = Self.fine()
        seen.engineLock.waitingSince = Self.t - waited
        let report = Self.evaluate(seen)
        #expect(try Self.check("engine_lock", in: report).status == status)
        #expect(report.passes(.readiness) == ready)
        #expect(report.passes(.liveness) == live)
    }

    @Test func theLockDetailSaysWhatWasSeen() throws {
        var seen = Self.fine()
        seen.engineLock = EngineLockObservation(waitingSince: Self.t - 31 * Self.second, lastTakenAt: Self.t - 40 * Self.second,
                                                lastWaitMillis: 2)
        #expect(try Self.check("engine_lock", in: Self.evaluate(seen)).detail
                == "not taken for 31s: the engine is stuck; liveness fails from 30s")
        seen.engineLock = EngineLockObservation(lastTakenAt: Self.t - 3 * Self.second, lastWaitMillis: 1_500)
        let slow = try Self.check("engine_lock", in: Self.evaluate(seen))
        #expect(slow.status == .degraded)
        #expect(slow.detail == "taken 3s ago after waiting 1.5s")
        seen.engineLock = EngineLockObservation(waitingSince: Self.t)
        #expect(try Self.check("engine_lock", in: Self.evaluate(seen)).detail == "first check running")
    }

    @Test func aFailingNotifierDegradesButFailsNoProbe() throws {
        var seen = Self.fine()
        seen.notifiers = [
            NotifierStatus(name: "slack", queued: 1, sent: 3, retries: 2, lastError: "HTTP 500: scripted 500",
                           lastErrorAt: Self.t - 5 * Self.second, lastSuccessAt: Self.t - 10 * Self.minute, isRetrying: true),
            NotifierStatus(name: "pagerduty", sent: 2, lastSuccessAt: Self.t - 3 * Self.minute),
        ]
        let report = Self.evaluate(seen)
        let slack = try Self.check("notifier:slack", in: report)
        #expect(slack.status == .degraded)
        #expect(slack.detail == "failing: HTTP 500: scripted 500 (5s ago); retrying; 1 queued, 3 sent, 0 failed, 0 dropped")
        let pagerDuty = try Self.check("notifier:pagerduty", in: report)
        #expect(pagerDuty.status == .healthy)
        #expect(pagerDuty.detail == "last delivery 3m ago; 0 queued, 2 sent, 0 failed, 0 dropped")
        #expect(report.status == .degraded)
        #expect(ProbeKind.allCases.allSatisfy(report.passes), "a dead receiver is no reason to restart or unload flowtop")
    }

    @Test func aNotifierFailureIsNewsForFifteenMinutesOrWhileMessagesWait() throws {
        let failedOnce = NotifierStatus(name: "email", failed: 1, lastError: "SMTP 535 5.7.8 Authentication failed (after AUTH PLAIN)",
                                        lastErrorAt: Self.t - 14 * Self.minute)
        var seen = Self.fine()
        seen.notifiers = [failedOnce]
        #expect(try Self.check("notifier:email", in: Self.evaluate(seen)).status == .degraded)

        seen.now = Self.t + 2 * Self.minute
        let old = try Self.check("notifier:email", in: Self.evaluate(seen))
        #expect(old.status == .healthy)
        #expect(old.detail.hasPrefix("nothing to send since the last failure: SMTP 535"))

        var waiting = failedOnce
        waiting.queued = 2
        seen.notifiers = [waiting]
        #expect(try Self.check("notifier:email", in: Self.evaluate(seen)).status == .degraded)

        var recovered = failedOnce
        recovered.lastSuccessAt = Self.t - Self.minute
        seen.notifiers = [recovered]
        #expect(try Self.check("notifier:email", in: Self.evaluate(seen)).status == .healthy)

        seen.notifiers = [NotifierStatus(name: "alertmanager")]
        #expect(try Self.check("notifier:alertmanager", in: Self.evaluate(seen)).detail
                == "nothing sent yet; 0 queued, 0 sent, 0 failed, 0 dropped")
    }

    @Test func withoutASocketOnlyTheEngineIsChecked() {
        var seen = Self.fine()
        seen.ingest = nil
        let report = Self.evaluate(seen)
        #expect(report.checks.map(\.name) == ["engine_lock"])
        #expect(ProbeKind.allCases.allSatisfy(report.passes))
    }

    @Test func thresholdsAreSettings() throws {
        var thresholds = HealthThresholds()
        thresholds.quietEventsMillis = 60 * Self.minute
        thresholds.ingestWedgedMillis = 2 * Self.second
        var seen = Self.fine()
        seen.ingest?.activity.lastEventAt = Self.t - 30 * Self.minute
        seen.ingest?.activity.waitingSince = Self.t - 3 * Self.second
        let report = Self.evaluate(seen, thresholds)
        #expect(try Self.check("last_event", in: report).status == .healthy)
        #expect(try Self.check("ingest_progress", in: report).status == .unhealthy)
    }

    @Test func theReportAsJSONNamesEveryCheckAndProbe() {
        var seen = Self.fine()
        seen.ingest?.activity.waitingSince = Self.t - 12 * Self.second
        let json = Self.evaluate(seen).json().rendered(.indented)
        #expect(json == """
            {
              "status": "unhealthy",
              "checked_at": "2026-11-25T10:00:00Z",
              "checks": [
                {
                  "name": "ingest_socket",
                  "status": "healthy",
                  "detail": "listening on /tmp/ft/s.sock, 1 client"
                },
                {
                  "name": "ingest_progress",
                  "status": "unhealthy",
                  "detail": "bytes read 12s ago are not in the engine yet; readiness fails from 10s, liveness from 1m"
                },
                {
                  "name": "last_event",
                  "status": "healthy",
                  "detail": "last event 1s ago"
                },
                {
                  "name": "engine_lock",
                  "status": "healthy",
                  "detail": "taken 1s ago in 0 ms"
                }
              ],
              "probes": {
                "liveness": true,
                "readiness": false,
                "startup": true
              }
            }
            """)
    }
}
