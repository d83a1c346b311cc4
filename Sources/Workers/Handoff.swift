import Foundation

/// Values handed from one thread to another and back, never used by both at once (the
/// hand-over points are the thread's start and a semaphore).
package final class Transfer<T>: @unchecked Sendable {
    package var value: T
    package var error: (any Error)?
    /// Set by a consumer that stopped the work on purpose (not on an error).
    var stoppedOnPurpose = false
    package init(_ value: T) { self.value = value }
}

/// A new thread with an 8 MB stack (parsers and tree walks recurse; a secondary thread's
/// default stack is smaller). What `body` captures is the new thread's alone until `body`
/// signals otherwise: callers hand values over through ``Transfer`` and a semaphore.
package enum Worker {
    package static func start(_ body: @escaping () -> Void) {
        let box = Transfer<(() -> Void)?>(body)
        let thread = Thread {
            box.value?()
            box.value = nil
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// One document's work split over two threads: `produce` runs on the calling thread and
/// hands pieces (item trees) to `send`; `consume` takes them on a second thread, in order,
/// with `state`, which moves to that thread and comes back when it is done.
package enum Pipeline {
    /// `consume` returns false to stop (the reader's `send` then returns false, and the loop
    /// should end). `finish` runs after the last piece when the document was read to its
    /// end or the consumer stopped it. Errors: the consumer's first, then the reader's,
    /// unless the consumer had stopped on purpose (what the reader, a few items ahead, met
    /// after that is not the caller's business). Pieces before a reading error are consumed.
    package static func run<Piece: Sendable, State>(
        _ state: inout State,
        consume: @escaping (inout State, Piece) throws -> Bool,
        finish: @escaping (inout State) throws -> Void = { _ in },
        produce: (_ send: (Piece) -> Bool) throws -> Void
    ) throws {
        let handoff = Handoff<Piece>(capacity: 64)
        let shared = Transfer(state)
        let done = DispatchSemaphore(value: 0)
        Worker.start {
            var s = shared.value
            do {
                var stopped = false
                while let piece = handoff.take() {
                    if try !consume(&s, piece) {
                        stopped = true
                        shared.stoppedOnPurpose = true
                        handoff.stop()
                        break
                    }
                }
                if stopped || !handoff.producerFailed { try finish(&s) }
            } catch {
                shared.error = error
                handoff.stop()
            }
            shared.value = s
            // Nothing handed over is freed on this thread after the signal.
            handoff.discardAll()
            done.signal()
        }
        var readingError: (any Error)?
        do {
            try produce { handoff.put($0) }
        } catch {
            readingError = error
        }
        handoff.close(failed: readingError != nil)
        done.wait()
        state = shared.value
        if let error = shared.error { throw error }
        if let readingError, !shared.stoppedOnPurpose { throw readingError }
    }
}

/// A bounded first-in-first-out queue between one producer and one consumer thread.
///
/// Pieces travel in batches: the producer fills a batch without locking and hands it over
/// when full, the consumer empties one without locking. Waking a waiting thread costs far
/// more than a piece's work, so this keeps the two threads from ping-ponging per piece.
///
/// Emptied batches go back to the producer, which lets go of them: the memory a piece holds
/// (an item's element tree) is then freed by the thread that allocated it. Freed by the
/// consumer, every free would take the producer's malloc arena lock, and the two threads
/// contend on it (it showed as futex wake-ups in profiles).
package final class Handoff<Piece: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let batchSize: Int
    private var batches: [[Piece]?]
    private var head = 0
    private var count = 0
    private var closed = false
    private var stopped = false
    private var failed = false
    /// The producer's batch being filled (producer thread only).
    private var filling: [Piece] = []
    /// The consumer's batch being emptied (consumer thread only).
    private var emptying: [Piece] = []
    private var next = 0
    /// Emptied batches on their way back to the producer.
    private var returned: [[Piece]] = []

    /// At most `capacity` pieces wait in full batches, plus one batch being filled, one being
    /// emptied and two emptied ones on their way back: with the defaults, 128 pieces alive.
    package init(capacity: Int, batchSize: Int = 16) {
        self.batchSize = max(1, batchSize)
        batches = Array(repeating: nil, count: max(1, capacity / max(1, batchSize)))
        filling.reserveCapacity(self.batchSize)
    }

    /// Adds a piece (producer thread); false once the consumer has stopped (noticed when a
    /// batch is handed over).
    package func put(_ piece: Piece) -> Bool {
        filling.append(piece)
        guard filling.count >= batchSize else { return true }
        var garbage: [[Piece]] = []
        let accepted = handOver(collecting: &garbage)
        garbage.removeAll()  // here, on the producer's thread, outside the lock
        return accepted
    }

    private func handOver(collecting garbage: inout [[Piece]]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        swap(&garbage, &returned)
        while count == batches.count && !stopped { condition.wait() }
        if stopped { return false }
        batches[(head + count) % batches.count] = filling
        count += 1
        filling = []
        filling.reserveCapacity(batchSize)
        // Only a consumer waiting on an empty queue needs waking.
        if count == 1 { condition.broadcast() }
        return true
    }

    /// The next piece (consumer thread), waiting while there is none; nil when the producer
    /// is done and everything was taken.
    package func take() -> Piece? {
        if next < emptying.count {
            defer { next += 1 }
            return emptying[next]
        }
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed { condition.wait() }
        guard count > 0, let batch = batches[head] else { return nil }
        batches[head] = nil
        head = (head + 1) % batches.count
        count -= 1
        // Only a producer waiting on a full queue needs waking.
        if count == batches.count - 1 { condition.broadcast() }
        // At most two emptied batches wait for the producer; beyond that (a producer that
        // is waiting on a full queue hands nothing over) the consumer lets go of them itself.
        if !emptying.isEmpty && returned.count < 2 { returned.append(emptying) }
        emptying = batch
        next = 1
        return batch[0]
    }

    /// The producer is done (`failed`: it stopped on an error); its last batch is handed over.
    package func close(failed: Bool) {
        var garbage: [[Piece]] = []
        if !filling.isEmpty { _ = handOver(collecting: &garbage) }
        garbage.removeAll()
        condition.lock()
        closed = true
        self.failed = failed
        condition.broadcast()
        condition.unlock()
    }

    /// Lets go of every piece still held (consumer thread, when it is done). A worker
    /// thread calls this before it signals that it is done, so that nothing is freed on it
    /// after the other thread has gone on (and perhaps exited the process).
    package func discardAll() {
        emptying = []
        next = 0
        condition.lock()
        let garbage = (batches, returned)
        batches = Array(repeating: nil, count: batches.count)
        returned = []
        count = 0
        condition.unlock()
        _ = garbage
    }

    /// The consumer wants no more pieces.
    package func stop() {
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

/// Work on many independent inputs (files to validate) spread over a few threads, with the
/// results handed back in input order on the calling thread as soon as each is ready.
package enum OrderedParallel {
    /// Calls `work(i)` for every `i` in `0..<count` on up to `threads` threads and
    /// `deliver(i, result)` on the calling thread for `i` = 0, 1, 2, … in order. With one
    /// thread or one input everything runs on the calling thread.
    /// When `deliver` throws, no input is started after that, the threads finish what they
    /// are working on, and the error is thrown.
    public static func forEach<T: Sendable>(
        count: Int, threads: Int, work: @escaping @Sendable (Int) -> T, deliver: (Int, T) throws -> Void
    ) rethrows {
        let threads = max(1, min(threads, count))
        guard threads > 1 else {
            for i in 0..<count { try deliver(i, work(i)) }
            return
        }
        // Batches only when there are many inputs: a few large ones (documents to validate)
        // are spread one by one.
        let state = Shared<T>(count: count, batch: max(1, min(8, count / (threads * 16))), threads: threads)
        for _ in 0..<threads {
            Worker.start {
                // A few inputs at a time, stored together: one lock and one wake-up per batch,
                // not per input (a batch of small articles was mostly that).
                while let batch = state.claim() {
                    var done: [T] = []
                    done.reserveCapacity(batch.count)
                    for i in batch { done.append(work(i)) }
                    state.store(batch, done)
                }
                state.leave()
            }
        }
        do {
            for i in 0..<count { try deliver(i, state.wait(for: i)) }
        } catch {
            state.cancel()
            throw error
        }
    }

    /// The next inputs to work on and the results so far, under one condition lock. A result
    /// is dropped once delivered; the workers stay at most ``window`` inputs ahead of the
    /// deliveries, so the results wait in a ring of a window and a batch, however many inputs
    /// there are (a slot per input held an article's inline storage for every file of a run).
    private final class Shared<T: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private var next = 0
        private var delivered = 0
        /// Input `i`'s result waits in slot `i % results.count`: inputs claimed are below
        /// `delivered + window + batch`, and those not delivered are at least `delivered`.
        private var results: [T?]
        private let batch: Int
        static var window: Int { 256 }

        /// Threads that have not yet found the work done.
        private var running: Int
        /// The input whose result the delivering thread waits for (-1: it does not wait), and
        /// how many workers wait for room: a store or a delivery wakes the others only when
        /// it is what they wait for (each needless wake-up is a futex call and a context
        /// switch, on two cores where three threads share the work).
        private var awaited = -1
        private var waitingForRoom = 0

        init(count: Int, batch: Int, threads: Int) {
            self.count = count
            results = Array(repeating: nil, count: max(1, min(count, Self.window + batch)))
            self.batch = batch
            running = threads
        }

        /// A thread is done (it found nothing more to claim).
        func leave() {
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }

        /// Starts no more inputs, and waits until every thread has finished its batch.
        func cancel() {
            condition.lock()
            defer { condition.unlock() }
            next = count
            condition.broadcast()
            while running > 0 { condition.wait() }
        }

        func claim() -> Range<Int>? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next >= delivered + Self.window {
                waitingForRoom += 1
                condition.wait()
                waitingForRoom -= 1
            }
            guard next < count else { return nil }
            let start = next
            next = min(count, next + batch)
            return start..<next
        }

        func store(_ batch: Range<Int>, _ values: [T]) {
            condition.lock()
            for (i, v) in zip(batch, values) { results[i % results.count] = v }
            if batch.contains(awaited) { condition.broadcast() }
            condition.unlock()
        }

        func wait(for i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            let slot = i % results.count
            if results[slot] == nil {
                awaited = i
                while results[slot] == nil { condition.wait() }
                awaited = -1
            }
            let value = results[slot]!
            results[slot] = nil
            delivered = i + 1
            // Workers waiting for room go on once a batch's worth has been delivered.
            if waitingForRoom > 0 && delivered % batch == 0 { condition.broadcast() }
            return value
        }
    }
}

/// A computation started on a second thread, whose result is waited for later.
package final class Concurrent<T>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread (the values it captures are used by it alone until
    /// ``wait()`` returns).
    package static func start(_ work: @escaping () -> T) -> Concurrent<T> {
        let c = Concurrent<T>()
        var pending: (() -> T)? = work
        Worker.start {
            c.result = pending?()
            pending = nil  // what the work captured is let go of here, before the signal
            c.done.signal()
        }
        return c
    }

    /// The result, once the thread is done.
    package func wait() -> T {
        done.wait()
        return result!
    }
}
