import Foundation

/// Values handed from one thread to another and back, never used by both at once (the
/// hand-over points are the thread's start and a semaphore).
final class Transfer<T>: @unchecked Sendable {
    var value: T
    var error: (any Error)?
    /// Set by a consumer that stopped the work on purpose (not on an error).
    var stoppedOnPurpose = false
    init(_ value: T) { self.value = value }
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
final class Handoff<Piece: Sendable>: @unchecked Sendable {
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
    init(capacity: Int, batchSize: Int = 16) {
        self.batchSize = max(1, batchSize)
        batches = Array(repeating: nil, count: max(1, capacity / max(1, batchSize)))
        filling.reserveCapacity(self.batchSize)
    }

    /// Adds a piece (producer thread); false once the consumer has stopped (noticed when a
    /// batch is handed over).
    func put(_ piece: Piece) -> Bool {
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
    func take() -> Piece? {
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
    func close(failed: Bool) {
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
    func discardAll() {
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

/// Work on many independent inputs (files to validate) spread over a few threads, with the
/// results handed back in input order on the calling thread as soon as each is ready.
public enum OrderedParallel {
    /// Calls `work(i)` for every `i` in `0..<count` on up to `threads` threads and
    /// `deliver(i, result)` on the calling thread for `i` = 0, 1, 2, … in order. With one
    /// thread or one input everything runs on the calling thread.
    public static func forEach<T: Sendable>(
        count: Int, threads: Int, work: @escaping @Sendable (Int) -> T, deliver: (Int, T) -> Void
    ) {
        let threads = max(1, min(threads, count))
        guard threads > 1 else {
            for i in 0..<count { deliver(i, work(i)) }
            return
        }
        let state = Shared<T>(count: count)
        for _ in 0..<threads {
            let worker = Thread {
                while let i = state.claim() { state.store(i, work(i)) }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        for i in 0..<count { deliver(i, state.wait(for: i)) }
    }

    /// The next index to work on and the results so far, under one condition lock. A result
    /// is dropped once delivered, so memory holds only those finished ahead of the printer.
    private final class Shared<T: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var results: [T?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ i: Int, _ value: T) {
            condition.lock()
            results[i] = value
            condition.broadcast()
            condition.unlock()
        }

        func wait(for i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while results[i] == nil { condition.wait() }
            let value = results[i]!
            results[i] = nil
            return value
        }
    }
}

/// A computation started on a second thread, whose result is waited for later.
final class Concurrent<T>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread (the values it captures are used by it alone until
    /// ``wait()`` returns).
    static func start(_ work: @escaping () -> T) -> Concurrent<T> {
        let c = Concurrent<T>()
        let body = Transfer<(() -> T)?>(work)
        let thread = Thread {
            c.result = body.value?()
            body.value = nil  // what the work captured is let go of here, before the signal
            c.done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return c
    }

    /// The result, once the thread is done.
    func wait() -> T {
        done.wait()
        return result!
    }
}
