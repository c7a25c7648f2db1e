// Errors the faces translate for their callers (HTTP statuses, IPC rejections, CLI exit codes).

/** An error a caller can act on: bad input, or something that does not exist. */
export class ApiError extends Error {
  constructor(readonly code: 'bad_request' | 'not_found' | 'unknown_method' | 'failed', message: string) {
    super(message);
  }
}
