// Errors raised by the ingest stages. Every message names the file it is about.

export type IngestErrorCode =
  | 'empty'
  | 'binary'
  | 'too_large'
  | 'encoding'
  | 'unsupported_format'
  | 'unsupported_language'
  | 'unreadable'
  | 'encrypted'
  | 'no_text_layer'
  | 'truncated';

export class IngestError extends Error {
  constructor(
    public readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
