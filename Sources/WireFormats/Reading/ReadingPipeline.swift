import Foundation
import Workers

/// The second half of a format reader: it takes the element trees the reading loop hands
/// on, in document order, and turns them into articles and feed metadata.
///
/// Reading (libxml2 parsing plus building each item's tree) and mapping (text reduction,
/// dates, JSON output) cost about the same, so ``ImportPipeline`` runs them on two threads:
/// the loop on the caller's thread, the consumer on a second one. Order is kept (one
/// consumer, first in first out), so the output is the same bytes as a one-thread run.
protocol PieceConsumer {
    associatedtype Piece: Sendable
    /// Takes one piece; false to stop reading (the article limit was reached).
    mutating func take(_ piece: Piece, _ ctx: inout ImportContext) throws -> Bool
    /// Called once after the last piece when the document was read to its end or the
    /// consumer stopped it (not when reading failed).
    mutating func finish(_ ctx: inout ImportContext) throws
}

enum ImportPipeline {
    /// Runs `produce` here and `consumer` on a second thread (see ``Pipeline``).
    static func run<C: PieceConsumer>(
        _ consumer: C, _ ctx: inout ImportContext, produce: (_ send: (C.Piece) -> Bool) throws -> Void
    ) throws {
        var state = (consumer, ctx)
        try Pipeline.run(
            &state, consume: { s, piece in try s.0.take(piece, &s.1) }, finish: { s in try s.0.finish(&s.1) },
            produce: produce)
        ctx = state.1
    }
}
