import FlowCore

/// The engine's own health: what it accepted and refused, its connections, how fresh its
/// data is, how close its label caps are, how its notifiers deliver, and when it started.
///
/// Ages are exported beside the timestamp because an alert on "no event for 5 minutes"
/// reads best as `flowtop_last_event_age_seconds > 300`; the timestamp suits
/// `time() - ...` in dashboards. Families without a value yet (no event) are left out.
///
/// ```text
/// flowtop_events_rejected_total{reason="missing_field"} 3
/// flowtop_notifier_deliveries_total{notifier="slack-oncall",result="sent"} 7
/// ```
extension PrometheusExposition {
    static func writeEngineHealth(_ export: MetricsExport, context: ExpositionContext,
                                  into out: inout PrometheusTextWriter) {
        out.family("flowtop_events_accepted_total", .counter, "Events the engine accepted.")
        out.sample("flowtop_events_accepted_total", [], export.ingest.eventsTotal)

        out.family("flowtop_events_rejected_total", .counter, "Lines the engine rejected, by reason code (EVENTS.md).")
        for reason in RejectReason.allCases {
            out.sample("flowtop_events_rejected_total", [("reason", reason.rawValue)], export.ingest.rejected[reason])
        }

        out.family("flowtop_ingest_connections", .gauge, "Open connections on the event socket.")
        out.sample("flowtop_ingest_connections", [], context.openConnections)

        if let last = export.ingest.lastEventAt {
            out.family("flowtop_last_event_received_timestamp_seconds", .gauge,
                       "When the last batch of accepted events arrived, in seconds since the epoch.")
            out.sample("flowtop_last_event_received_timestamp_seconds", [], seconds(last))
            out.family("flowtop_last_event_age_seconds", .gauge, "Seconds since the last accepted event arrived.")
            out.sample("flowtop_last_event_age_seconds", [], seconds(max(0, export.now - last)))
        }
        if let newest = export.newestEventTime {
            out.family("flowtop_ingest_lag_seconds", .gauge,
                       "How far the newest event time applied lies behind now, in seconds (0 when ahead).")
            out.sample("flowtop_ingest_lag_seconds", [], seconds(max(0, export.now - newest)))
        }

        out.family("flowtop_tenants", .gauge, "Distinct tenants seen, other included.")
        out.sample("flowtop_tenants", [], export.tenants)
        writeCaps(export, into: &out)
        writeNotifiers(context.notifiers, into: &out)
        if let store = context.store { writeStore(store, now: export.now, into: &out) }
        if let remoteWrite = context.remoteWrite { writeRemoteWrite(remoteWrite, now: export.now, into: &out) }

        out.family("flowtop_process_start_time_seconds", .gauge, "When this flowtop started, in seconds since the epoch.")
        out.sample("flowtop_process_start_time_seconds", [], seconds(context.startedAt))
    }

    private static func writeCaps(_ export: MetricsExport, into out: inout PrometheusTextWriter) {
        out.family("flowtop_label_cap", .gauge, "Distinct values a label may take before new ones are exported as other.")
        for label in MetricLabel.allCases {
            out.sample("flowtop_label_cap", [("label", label.rawValue)], export.caps.limit(for: label))
        }
        out.family("flowtop_label_folded_events_total", .counter,
                   "Events counted under other for a label because its cap was reached.")
        for label in MetricLabel.allCases {
            out.sample("flowtop_label_folded_events_total", [("label", label.rawValue)], export.foldedEvents[label] ?? 0)
        }
        out.family("flowtop_series_folded_events_total", .counter,
                   "Events counted in a family's all-other series because it held the most series allowed.")
        for family in MetricFamily.allCases {
            out.sample("flowtop_series_folded_events_total", [("family", family.rawValue)],
                       export.foldedSeriesEvents[family] ?? 0)
        }
        out.family("flowtop_slo_overflow_events_total", .counter,
                   "Events an SLO counted in an other series because its series cap was reached.")
        for slo in export.slos {
            out.sample("flowtop_slo_overflow_events_total", [("slo", slo.name)], slo.overflowEvents)
        }
    }

    /// The data directory (docs/storage.md): whether changes become durable, its size,
    /// its checkpoints and its fsyncs.
    private static func writeStore(_ store: StoreStatus, now: EpochMillis, into out: inout PrometheusTextWriter) {
        out.family("flowtop_store_durable", .gauge,
                   "1 while changes become durable; 0 while the store cannot write (syncs answer durable:false).")
        out.sample("flowtop_store_durable", [], store.problem == nil ? 1 : 0)
        out.family("flowtop_store_bytes", .gauge, "Bytes in the data directory: journal segments and checkpoints.")
        out.sample("flowtop_store_bytes", [], store.bytesOnDisk)
        out.family("flowtop_store_journal_segments", .gauge, "Journal segment files.")
        out.sample("flowtop_store_journal_segments", [], store.journalSegments)
        out.family("flowtop_store_journal_bytes_since_checkpoint", .gauge,
                   "Journal bytes written after the newest checkpoint: what a restart replays.")
        out.sample("flowtop_store_journal_bytes_since_checkpoint", [], max(0, store.journalBytesSinceCheckpoint))
        if let at = store.lastCheckpointAt {
            out.family("flowtop_store_last_checkpoint_timestamp_seconds", .gauge,
                       "When the newest checkpoint was written, in seconds since the epoch.")
            out.sample("flowtop_store_last_checkpoint_timestamp_seconds", [], seconds(at))
            out.family("flowtop_store_last_checkpoint_age_seconds", .gauge, "Seconds since the newest checkpoint.")
            out.sample("flowtop_store_last_checkpoint_age_seconds", [], seconds(max(0, now - at)))
        }
        out.family("flowtop_store_fsyncs_total", .counter, "Group commits of the journal (fdatasync calls).")
        out.sample("flowtop_store_fsyncs_total", [], Int64(clamping: store.fsyncs))
        if let last = store.lastFsyncSeconds {
            out.family("flowtop_store_last_fsync_seconds", .gauge, "How long the latest group commit's fsync took.")
            out.sample("flowtop_store_last_fsync_seconds", [], last)
        }
        out.family("flowtop_store_max_fsync_seconds", .gauge, "The longest group commit fsync since start.")
        out.sample("flowtop_store_max_fsync_seconds", [], store.maxFsyncSeconds)
        out.family("flowtop_store_dropped_entries_total", .counter,
                   "Journal entries dropped because the store could not write and its buffer was full.")
        out.sample("flowtop_store_dropped_entries_total", [], Int64(clamping: store.droppedEntries))
    }

    /// remote_write (docs/fleet.md): samples queued, sent, refused, dropped and waiting, and
    /// how fresh the receiver's copy is.
    private static func writeRemoteWrite(_ rw: RemoteWriteStatus, now: EpochMillis, into out: inout PrometheusTextWriter) {
        let endpoint = [("endpoint", rw.endpoint)]
        out.family("flowtop_remote_write_samples_total", .counter,
                   "remote_write samples by result: queued (sampled), sent, failed (refused for good by a 4xx), "
                       + "dropped (older than the retention, or in a damaged queue record).")
        for (result, count) in [("queued", rw.sampled), ("sent", rw.sent), ("failed", rw.failed), ("dropped", rw.dropped)] {
            out.sample("flowtop_remote_write_samples_total", endpoint + [("result", result)], count)
        }
        out.family("flowtop_remote_write_retries_total", .counter, "remote_write requests that failed and are tried again.")
        out.sample("flowtop_remote_write_retries_total", endpoint, rw.retries)
        out.family("flowtop_remote_write_pending_samples", .gauge, "Samples in the remote_write queue not yet sent.")
        out.sample("flowtop_remote_write_pending_samples", endpoint, rw.pending)
        out.family("flowtop_remote_write_queue_bytes", .gauge, "Bytes of the remote_write queue's segments on disk.")
        out.sample("flowtop_remote_write_queue_bytes", endpoint, rw.queueBytes)
        if let oldest = rw.oldestPendingAt {
            out.family("flowtop_remote_write_oldest_pending_age_seconds", .gauge,
                       "Age of the oldest sample in the remote_write queue not yet sent.")
            out.sample("flowtop_remote_write_oldest_pending_age_seconds", endpoint, seconds(max(0, now - oldest)))
        }
        if let last = rw.lastSuccessAt {
            out.family("flowtop_remote_write_last_success_timestamp_seconds", .gauge,
                       "When the receiver last took a remote_write batch, in seconds since the epoch.")
            out.sample("flowtop_remote_write_last_success_timestamp_seconds", endpoint, seconds(last))
        }
    }

    private static func writeNotifiers(_ notifiers: [NotifierStatus], into out: inout PrometheusTextWriter) {
        let sorted = notifiers.sorted { $0.name < $1.name }
        out.family("flowtop_notifier_deliveries_total", .counter,
                   "Notifications per notifier: sent, failed (refused or out of retries), dropped (queue full or stopped).")
        for n in sorted {
            for (result, count) in [("sent", n.sent), ("failed", n.failed), ("dropped", n.dropped)] {
                out.sample("flowtop_notifier_deliveries_total", [("notifier", n.name), ("result", result)], count)
            }
        }
        out.family("flowtop_notifier_retries_total", .counter, "Delivery attempts that failed and were tried again.")
        for n in sorted { out.sample("flowtop_notifier_retries_total", [("notifier", n.name)], n.retries) }
        out.family("flowtop_notifier_queued", .gauge, "Notifications waiting in a notifier's queue.")
        for n in sorted { out.sample("flowtop_notifier_queued", [("notifier", n.name)], n.queued) }
    }
}
