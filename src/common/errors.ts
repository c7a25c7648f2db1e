// Errors every layer may throw and every face translates for its caller (HTTP statuses, IPC
// rejections, CLI exit codes).

/** An error a caller can act on: bad input, or something that does not exist. */
export class ApiError extends Error {
  constructor(readonly code: 'bad_request' | 'not_found' | 'unknown_method' | 'failed', message: string) {
    super(message);
  }
}

/** A long job stopped because its caller asked it to. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}
