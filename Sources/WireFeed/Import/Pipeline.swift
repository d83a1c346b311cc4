import Foundation

/// The second half of a format reader: it takes the element trees the reading loop hands
/// on, in document order, and turns them into articles and feed metadata.
///
/// Reading (libxml2 parsing plus building each item's tree) and mapping (text reduction,
/// dates, JSON output) cost about the same, so ``ImportPipeline`` runs them on two threads:
/// the loop on the caller's thread, the consumer on a second one. Order is kept (one
/// consumer, first in first out), so the output is the same bytes as a one-thread run.
protocol PieceConsumer: SendableMetatype {
    associatedtype Piece: Sendable
    /// Takes one piece; false to stop reading (the article limit was reached).
    mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool
    /// Called once after the last piece when the document was read to its end or the
    /// consumer stopped it (not when reading failed).
    mutating func finish(_ ctx: inout ImportContext) throws
}

enum ImportPipeline {
    /// Pieces the loop may run ahead of the consumer: memory stays bounded by this many items.
    static let capacity = 64

    /// Runs `produce` here and `consumer` on a second thread. `produce` hands pieces to
    /// `send`, which returns false once the consumer has stopped (the loop should end).
    /// Errors: the consumer's first, then the loop's; items before a reading error are
    /// still consumed, as in a one-thread run.
    static func run<C: PieceConsumer>(_ consumer: C, _ ctx: inout ImportContext, produce: (_ send: (C.Piece) -> Bool) throws -> Void) throws {
        let handoff = Handoff<C.Piece>(capacity: capacity)
        // The consumer and the context move to the worker and come back when it is done;
        // no two threads use them at the same time.
        let state = Transfer((consumer, ctx))
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            var (c, context) = state.value
            do {
                var stopped = false
                while let piece = handoff.take() {
                    if try !c.take(piece, &context) {
                        stopped = true
                        state.stoppedOnPurpose = true
                        handoff.stop()
                        break
                    }
                }
                if stopped || !handoff.producerFailed { try c.finish(&context) }
            } catch {
                state.error = error
                handoff.stop()
            }
            state.value = (c, context)
            handoff.discardAll()
            done.signal()
        }
        worker.stackSize = 8 << 20
        worker.start()
        var readingError: (any Error)?
        do {
            try produce { handoff.put($0) }
        } catch {
            readingError = error
        }
        handoff.close(failed: readingError != nil)
        done.wait()
        ctx = state.value.1
        if let error = state.error { throw error }
        // A consumer that stopped (the article limit) has all it wanted: what the reader,
        // still a few items ahead, met after that point is not the import's business.
        if let readingError, !state.stoppedOnPurpose { throw readingError }
    }
}
