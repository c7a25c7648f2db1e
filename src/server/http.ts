// The bridge's HTTP plumbing: its error codes, strict request bodies and JSON replies. Errors
// leave as `{error: {code, message}}` with no stack and no folder in them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/contract.ts';
import { formatBytes } from '../common/index.ts';

const MAX_JSON_BYTES = 1024 * 1024;

type ErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'unknown_method' | 'method_not_allowed'
  | 'payload_too_large' | 'unsupported_media_type' | 'failed' | 'internal' | 'not_built';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, unknown_method: 404, method_not_allowed: 405,
  payload_too_large: 413, unsupported_media_type: 415, failed: 500, internal: 500, not_built: 503,
};

export class HttpError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

/** How many times a header occurs in the request as sent (Node folds or drops repeats). */
export function countHeader(req: IncomingMessage, name: string): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === name) n++;
  return n;
}

/**
 * Refuses (415) a body that is not exactly `type`, optionally with a UTF-8 charset parameter:
 * `application/json; charset=utf-8` passes; `application/json-patch+json`, other parameters, other
 * charsets and a missing Content-Type do not.
 */
export function requireType(req: IncomingMessage, type: string, message: string): void {
  if (countHeader(req, 'content-type') !== 1 || !mediaTypeIs(req.headers['content-type'] ?? '', type)) {
    req.resume();
    throw new HttpError('unsupported_media_type', message);
  }
}

function mediaTypeIs(header: string, type: string): boolean {
  const [essence, ...params] = header.split(';');
  if (essence!.trim().toLowerCase() !== type) return false;
  return params.every((p) => {
    if (!p.trim()) return true;
    const m = /^\s*charset\s*=\s*(?:"([^"]*)"|([^\s"]+))\s*$/iu.exec(p);
    return m !== null && /^utf-?8$/iu.test(m[1] ?? m[2] ?? '');
  });
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  requireType(req, 'application/json', 'Send the input as application/json (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      req.resume();
      throw new HttpError('payload_too_large', `Request body is larger than ${formatBytes(MAX_JSON_BYTES)}`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('bad_request', 'Request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown, redact: (message: string) => string): void {
  let code: ErrorCode = 'internal';
  let message = 'Internal error';
  if (err instanceof HttpError) ({ code, message } = err);
  else if (err instanceof ApiError) ({ code, message } = err);
  else if (err instanceof Error) {
    // Engine errors carry a message meant for the analyst; never the stack, never a folder.
    code = 'failed';
    message = redact(err.message);
  }
  if (err instanceof ApiError) message = redact(message);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // An error is not the page: it sets no policy and no token cookie.
  res.removeHeader('Content-Security-Policy');
  res.removeHeader('Set-Cookie');
  sendJson(res, STATUS[code], { error: { code, message } });
}

