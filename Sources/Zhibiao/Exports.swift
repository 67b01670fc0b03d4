// What the library's API speaks in, available with `import Zhibiao` alone: the values
// (ExtractedDocument, Indicator, DocumentTree … from ZhibiaoCore), the reader's errors, formats
// and limits (IngestError, DocumentFormat, ReaderLimits from ZhibiaoIngest) and the text options
// (TextEncoding, Normalizer.ScriptMode from ZhibiaoText).
@_exported import ZhibiaoCore
@_exported import ZhibiaoIngest
@_exported import ZhibiaoText
