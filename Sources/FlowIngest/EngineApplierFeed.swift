import FlowCore
import NIOCore

/// A connection's `BatchFeed` in the server: batches go to the engine-apply thread, and
/// each comes back applied on the connection's own event loop, in order (the apply thread
/// answers them in order, and one loop runs what one thread gives it in order).
struct EngineApplierFeed: BatchFeed {
    let applier: EngineApplier
    let eventLoop: any EventLoop

    func submit(_ batch: consuming IngestBatch, from connection: ConnectionIngest) {
        let bound = NIOLoopBound(connection, eventLoop: eventLoop)
        let loop = eventLoop
        applier.submit(batch) { position, batch in
            // Moved into a box the loop's task takes it out of, so the connection gets the
            // only reference to the buffer and refills it without a copy.
            let parcel = BatchParcel(batch)
            loop.execute { bound.value.applied(parcel.take(), at: position) }
        }
    }
}

/// One applied batch on its way back to its connection's loop.
private final class BatchParcel: @unchecked Sendable {
    // Written on the apply thread before `execute`, read once on the loop after it.
    private var batch: IngestBatch?

    init(_ batch: consuming IngestBatch) {
        self.batch = consume batch
    }

    func take() -> IngestBatch {
        let batch = self.batch.take() ?? .empty
        return batch
    }
}
