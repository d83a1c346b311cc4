// The XML layer's types that WireFeed's own API takes and returns, re-exported so that a
// client needs `import WireFeed` alone. The rest of XMLCore stays the library's business.

@_exported public import class XMLCore.AtomicFileSink
@_exported public import protocol XMLCore.ByteSink
@_exported public import class XMLCore.ByteStream
@_exported public import struct XMLCore.Diagnostic
@_exported public import struct XMLCore.Limits
@_exported public import class XMLCore.MemorySink
@_exported public import enum XMLCore.Severity
@_exported public import class XMLCore.StandardOutputSink
@_exported public import struct XMLCore.XMLError
@_exported public import enum XMLCore.XMLInput
