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
        if let readingError { throw readingError }
    }
}

/// Values handed from one thread to another and back, never used by both at once (the
/// hand-over points are the thread's start and a semaphore).
private final class Transfer<T>: @unchecked Sendable {
    var value: T
    var error: (any Error)?
    init(_ value: T) { self.value = value }
}

/// A bounded first-in-first-out queue between one producer and one consumer thread.
final class Handoff<Piece: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Piece?]
    private var head = 0
    private var count = 0
    private var closed = false
    private var stopped = false
    private var failed = false

    init(capacity: Int) {
        items = Array(repeating: nil, count: capacity)
    }

    /// Adds a piece, waiting while the queue is full; false once the consumer has stopped.
    func put(_ piece: Piece) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count && !stopped { condition.wait() }
        if stopped { return false }
        items[(head + count) % items.count] = piece
        count += 1
        // Only a consumer waiting on an empty queue needs waking (fewer context switches).
        if count == 1 { condition.broadcast() }
        return true
    }

    /// The next piece, waiting while the queue is empty; nil when the producer is done.
    func take() -> Piece? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0 else { return nil }
        let piece = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        // Only a producer waiting on a full queue needs waking.
        if count == items.count - 1 { condition.broadcast() }
        return piece
    }

    /// The producer is done (`failed`: it stopped on an error).
    func close(failed: Bool) {
        condition.lock()
        closed = true
        self.failed = failed
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer wants no more pieces.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the producer ended on an error (read after `take()` returned nil).
    var producerFailed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return failed
    }
}
