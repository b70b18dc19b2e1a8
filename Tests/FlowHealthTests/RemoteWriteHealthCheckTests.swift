import FlowCore
import FlowHealth
import FlowReports
import Testing

/// `remote_write` in /health/check: a short receiver outage is news, not trouble; a backlog
/// five minutes old or a refused batch is degraded; nothing makes it unhealthy.
@Suite("health: remote_write")
struct RemoteWriteHealthCheckTests {
    let t: EpochMillis = 1_800_000_000_000
    let thresholds = HealthThresholds()

    func status(pending: Int64 = 0, oldestAgo: EpochMillis? = nil, errorAgo: EpochMillis? = nil, successAgo: EpochMillis? = nil,
                retrying: Bool = false) -> RemoteWriteStatus {
        RemoteWriteStatus(endpoint: "http://prom:9090/api/v1/write", sent: 10, pending: pending,
                          oldestPendingAt: oldestAgo.map { t - $0 }, lastSuccessAt: successAgo.map { t - $0 },
                          lastError: errorAgo.map { _ in "HTTP 503: down" }, lastErrorAt: errorAgo.map { t - $0 },
                          isRetrying: retrying)
    }

    @Test func sendingWellIsHealthy() {
        let verdict = RemoteWriteHealthCheck.verdict(status(successAgo: 3_000), now: t, thresholds: thresholds)
        #expect(verdict.result.status == .healthy)
        #expect(verdict.result.detail == "last sent 3s ago; 0 pending, 10 sent, 0 failed, 0 dropped")
    }

    @Test func aReceiverDownForAMinuteIsHealthyWithTheErrorInTheDetail() {
        let verdict = RemoteWriteHealthCheck.verdict(
            status(pending: 400, oldestAgo: 60_000, errorAgo: 2_000, successAgo: 61_000, retrying: true),
            now: t, thresholds: thresholds)
        #expect(verdict.result.status == .healthy)
        #expect(verdict.result.detail.contains("failing: HTTP 503: down (2s ago); retrying"))
    }

    @Test func aBacklogFiveMinutesOldIsDegraded() {
        let verdict = RemoteWriteHealthCheck.verdict(
            status(pending: 4_000, oldestAgo: 5 * 60_000, errorAgo: 1_000, retrying: true), now: t, thresholds: thresholds)
        #expect(verdict.result.status == .degraded)
        #expect(verdict.result.detail.hasPrefix("4000 samples waiting, the oldest 5m old"))
        #expect(!verdict.failsLiveness)
    }

    @Test func aBatchRefusedForGoodIsDegradedForAWhile() {
        let refused = status(errorAgo: 60_000)
        #expect(RemoteWriteHealthCheck.verdict(refused, now: t, thresholds: thresholds).result.status == .degraded)
        let old = status(errorAgo: 20 * 60_000)
        #expect(RemoteWriteHealthCheck.verdict(old, now: t, thresholds: thresholds).result.status == .healthy)
    }
}
