// The one import a client needs. WireFeed re-exports the public API of its layers (the
// model, the formats, ingest, validation, import) and the XML layer's types that this API
// takes and returns. Everything else in the layers is `package`: shared inside this
// package, invisible outside it.

@_exported public import WireFormats
@_exported public import WireImport
@_exported public import WireIngest
@_exported public import WireModel
@_exported public import WireValidate

@_exported public import class XMLCore.AtomicFileSink
@_exported public import protocol XMLCore.ByteSink
@_exported public import class XMLCore.ByteStream
@_exported public import struct XMLCore.Diagnostic
@_exported public import class XMLCore.FileDescriptorSink
@_exported public import struct XMLCore.Limits
@_exported public import class XMLCore.MemorySink
@_exported public import enum XMLCore.Severity
@_exported public import class XMLCore.StandardOutputSink
@_exported public import struct XMLCore.XMLError
@_exported public import enum XMLCore.XMLInput
