// The local HTTP bridge (browser mode, end-to-end tests): the built renderer and the api on a
// loopback address. Other pages in the same browser must not be able to drive it, so every
// request needs the per-launch token, the Host header must name this server (no DNS rebinding),
// and a request that says where it comes from (Origin) must come from here. What the page may
// name is confined too: jobs read files from inbox/ (where uploads land) and write exports to
// exports/ only, and no error message shows an absolute path.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { tmpdir } from 'node:os';
import { ApiError, jobPaths, runQuery, validateJob, type ValidJob } from './api/contract.ts';
import { JobRunner, type JobSnapshot } from './api/jobs.ts';
import type { Tandem } from './api/service.ts';
import { RENDERER_DIR } from './common/paths.ts';

export interface ServerOptions {
  tandem: Tandem;
  /** 0 or absent: a random free port. */
  port?: number;
  /** A loopback address only (default 127.0.0.1). */
  host?: string;
  /** Folder of the built renderer (default dist/renderer of this checkout). */
  rendererDir?: string;
  /** Largest uploaded file accepted, in bytes (default 16 MB, the ingest default). */
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** The page address, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 16 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const TOKEN_HEADER = 'x-tandem-token';
/** Longest name an upload is saved under, in bytes of UTF-8 (file systems allow 255; room for " (n)"). */
const MAX_NAME_BYTES = 200;
/** Longest extension kept when a name is shortened, in bytes. */
const MAX_EXT_BYTES = 16;

export const DEFAULT_RENDERER_DIR = RENDERER_DIR;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Export files as downloads (always as attachments, never rendered). */
const DOWNLOAD_TYPES: Record<string, string> = {
  '.tmx': 'application/xml; charset=utf-8',
  '.xlf': 'application/xliff+xml; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
};

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type ErrorCode =
  | 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'unknown_method' | 'method_not_allowed'
  | 'payload_too_large' | 'unsupported_media_type' | 'failed' | 'internal' | 'not_built';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, unknown_method: 404, method_not_allowed: 405,
  payload_too_large: 413, unsupported_media_type: 415, failed: 500, internal: 500, not_built: 503,
};

class HttpError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/u;

/** Where `?token=` is taken (GET and HEAD only): the page, the event stream and a download link. */
const QUERY_TOKEN_PATHS = new Set(['/', '/index.html', '/api/events', '/api/download']);

/** Starts the bridge. The one entry point of this module. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`tandem serve listens on a loopback address only (127.0.0.1, ::1 or localhost), not "${host}"`);
  const rendererDir = resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  const maxUpload = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const runner = new JobRunner(opts.tandem);
  const inbox = opts.tandem.store.path === ':memory:' ? join(tmpdir(), `tandem-inbox-${process.pid}`) : join(dirname(resolve(opts.tandem.store.path)), 'inbox');
  // Browser-mode exports land here (the page cannot show a native save dialog); only files in this
  // folder can be downloaded again through /api/download.
  const exportsDir = opts.tandem.store.path === ':memory:' ? join(tmpdir(), `tandem-exports-${process.pid}`) : join(dirname(resolve(opts.tandem.store.path)), 'exports');
  const streams = new Set<ServerResponse>();
  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let cookieName = 'tandem_token';

  const tokenMatches = (given: string | undefined | null): boolean => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  /** The database's folder (none for an in-memory store). */
  const dataDir = opts.tandem.store.path === ':memory:' ? null : dirname(resolve(opts.tandem.store.path));

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, err, redact));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');

    // Host first: a rebound DNS name reaches this socket with a foreign Host header. Node keeps
    // only the first of several Host lines; RFC 9112 (3.2) says such a request gets a 400.
    if (countHeader(req, 'host') !== 1) throw new HttpError('bad_request', 'A request needs exactly one Host header');
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) throw new HttpError('forbidden', 'Host header does not name this server');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) throw new HttpError('forbidden', 'Requests from other origins are refused');
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError('forbidden', 'Cross-site requests are refused');

    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${allowedHosts.values().next().value}`);
    } catch {
      throw new HttpError('bad_request', 'Malformed request target');
    }
    const method = req.method ?? 'GET';
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');

    // The token: a header from the client; the query string only where no header can be set (opening
    // the page, the EventSource, a download link: GET and HEAD, nothing that changes anything); and
    // (for the page's own scripts and styles only) the cookie the page response set.
    const headerToken = req.headers[TOKEN_HEADER];
    const queryTokenAllowed = (method === 'GET' || method === 'HEAD') && QUERY_TOKEN_PATHS.has(url.pathname);
    const queryToken = url.searchParams.get('token');
    const given = typeof headerToken === 'string' ? headerToken : queryTokenAllowed ? queryToken : null;
    const viaCookie = !isApi && method === 'GET' && tokenMatches(readCookie(req, cookieName));
    if (!tokenMatches(given) && !viaCookie) {
      if (queryToken !== null && !queryTokenAllowed && typeof headerToken !== 'string') {
        throw new HttpError('unauthorized', `?token= opens the page and the event stream only: send the token in the X-Tandem-Token header for ${method} ${url.pathname}`);
      }
      throw new HttpError('unauthorized', 'Missing or wrong token: open the address `tandem serve` printed');
    }

    if (isApi) return handleApi(req, res, url, method);
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError('method_not_allowed', `${method} is not allowed here`);
    return serveStatic(req, res, url);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    const parts = url.pathname.split('/').slice(2); // after "", "api"
    const [area, name, action] = parts;
    if (area === 'events' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET for /api/events');
      return openEvents(req, res);
    }
    if (area === 'jobs' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET to list jobs');
      return sendJson(res, 200, runner.list().map(redactJob));
    }
    if (area === 'export-path' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET for /api/export-path');
      return exportPath(res, url);
    }
    if (area === 'download' && parts.length === 1) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError('method_not_allowed', 'Use GET for /api/download');
      return download(req, res, url);
    }
    if (method !== 'POST') throw new HttpError('method_not_allowed', `Use POST for ${url.pathname}`);
    if (area === 'query' && name && parts.length === 2) {
      const input = await readJson(req);
      return sendJson(res, 200, await runQuery(opts.tandem, name, input));
    }
    if (area === 'jobs' && name && parts.length === 2) {
      const input = await readJson(req);
      await confine(validateJob(name, input));
      return sendJson(res, 202, redactJob(runner.start(name, input)));
    }
    if (area === 'jobs' && name && action === 'cancel' && parts.length === 3) {
      await readJson(req);
      if (!runner.list().some((j) => j.id === name)) throw new HttpError('not_found', `No job "${name}"`);
      return sendJson(res, 200, { cancelled: runner.cancel(name) });
    }
    if (area === 'upload' && parts.length === 1) return upload(req, res, url);
    throw new HttpError('not_found', `No api endpoint ${url.pathname}`);
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // A (re)connecting client first learns every job it may have missed.
    for (const job of runner.list()) send('job', redactJob(job));
    const unsubscribe = runner.subscribe((e) => send(e.type, redactJob(e.job)));
    const heartbeat = setInterval(() => res.write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
    streams.add(res);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    requireType(req, 'application/octet-stream', 'upload: send the file as application/octet-stream');
    const name = sanitizeFileName(url.searchParams.get('name') ?? '');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxUpload) {
      req.resume();
      res.setHeader('Connection', 'close');
      throw new HttpError('payload_too_large', `${name}: larger than ${formatBytes(maxUpload)}`);
    }
    await mkdir(inbox, { recursive: true });
    // Written under a hidden temporary name, then moved to its own name when complete. The file is
    // created (awaited) before the body streams in, so a failure at any point finds it and removes it.
    const part = join(inbox, `.${randomBytes(8).toString('hex')}.part`);
    let saved: string | null = null;
    let received = 0;
    try {
      const fh = await open(part, 'wx');
      const limiter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          if (received > maxUpload) done(new HttpError('payload_too_large', `${name}: larger than ${formatBytes(maxUpload)}`));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(req, limiter, fh.createWriteStream());
      } catch (err) {
        if (err instanceof HttpError) {
          res.setHeader('Connection', 'close');
          throw err;
        }
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ECONNABORTED' || (!req.complete && code === undefined)) {
          throw new HttpError('bad_request', `${name}: upload interrupted`);
        }
        throw err;
      } finally {
        await fh.close().catch(() => undefined);
      }
      saved = await placeFile(part, inbox, name);
    } finally {
      if (!saved) await rm(part, { force: true });
    }
    sendJson(res, 201, { path: saved, name: basename(saved), bytes: received });
  }

  /**
   * Refuses a job that names a file the page may not name: in browser mode jobs read only from the
   * inbox (uploads) and write only into the exports folder. Messages name the file, not its folder.
   */
  async function confine(job: ValidJob): Promise<void> {
    const { reads, writes } = jobPaths(job);
    for (const path of reads) {
      if (!(await within(inbox, path, true))) {
        throw new HttpError('forbidden', `${job.method}: ${shown(path)} is not in the inbox; in browser mode only uploaded files can be read (pick or drop them in the page)`);
      }
    }
    for (const path of writes) {
      if (!(await within(exportsDir, path, false)) || basename(path).startsWith('.')) {
        throw new HttpError('forbidden', `${job.method}: ${shown(path)} is not in the exports folder; in browser mode exports are written there only (use the Export dialog)`);
      }
    }
  }

  /** Error messages for the page: the server's folders by name, any other absolute path by its file name. */
  function redact(message: string): string {
    let out = message;
    const roots: [string, string][] = [[inbox, 'inbox'], [exportsDir, 'exports'], [rendererDir, 'renderer']];
    if (dataDir) roots.push([dataDir, 'data folder']);
    for (const [root, label] of roots.sort((a, b) => b[0].length - a[0].length)) out = out.split(root + sep).join(`${label}/`).split(root).join(label);
    return redactPaths(out);
  }

  function redactJob(job: JobSnapshot): JobSnapshot {
    return job.error === undefined ? job : { ...job, error: redact(job.error) };
  }

  /** A free path for an export in the exports folder (created if needed): `{path, folder, name}`. */
  async function exportPath(res: ServerResponse, url: URL): Promise<void> {
    let name: string;
    try {
      name = sanitizeFileName(url.searchParams.get('name') || 'tandem-export');
    } catch {
      throw new HttpError('bad_request', 'export-path: ?name= must be a file name');
    }
    await mkdir(exportsDir, { recursive: true });
    const path = await freeName(exportsDir, name);
    sendJson(res, 200, { path, folder: exportsDir, name: basename(path) });
  }

  /** A finished export, by its bare file name; nothing outside the exports folder, no partial files. */
  async function download(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = url.searchParams.get('name') ?? '';
    // A bare name only: no folders, no "..", no hidden or partial (.part) files, no control characters.
    // eslint-disable-next-line no-control-regex
    if (!name || name.length > 255 || /[/\\\u0000-\u001f]/u.test(name) || name.startsWith('.') || basename(name) !== name) {
      throw new HttpError('bad_request', 'download: ?name= must be the name of a file in the exports folder');
    }
    const full = join(exportsDir, name);
    let real: string;
    try {
      real = await realpath(full);
      const root = await realpath(exportsDir);
      if (dirname(real) !== root || !(await stat(real)).isFile()) throw new Error('outside');
    } catch {
      throw new HttpError('not_found', `No export named "${name}"`);
    }
    const fh = await open(real, 'r');
    try {
      const size = (await fh.stat()).size;
      const ascii = name.replace(/[^\x20-\x7e]|["\\]/gu, '_');
      res.writeHead(200, {
        'Content-Type': DOWNLOAD_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return void res.end();
      await pipeline(fh.createReadStream(), res);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError('not_found', 'Not found');
    }
    if (rel.includes('\0') || rel.includes('\\')) throw new HttpError('not_found', 'Not found');
    if (rel === '/' || rel === '/index.html') rel = '/index.html';
    const full = resolve(rendererDir, `.${rel}`);
    if (!full.startsWith(rendererDir + sep)) throw new HttpError('not_found', 'Not found');
    let real: string;
    try {
      real = await realpath(full);
      const root = await realpath(rendererDir);
      if (!real.startsWith(root + sep) || !(await stat(real)).isFile()) throw new Error('outside');
    } catch {
      if (rel === '/index.html') throw new HttpError('not_built', 'The review UI is not built: run `npm run build:renderer`');
      throw new HttpError('not_found', 'Not found');
    }
    const type = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (rel === '/index.html') {
      headers['Content-Security-Policy'] = PAGE_CSP;
      // Lets the page's own scripts and styles load without the token in their URLs.
      headers['Set-Cookie'] = `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    }
    const fh = await open(real, 'r');
    try {
      const size = (await fh.stat()).size;
      headers['Content-Length'] = String(size);
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return void res.end();
      await pipeline(fh.createReadStream(), res);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host.includes(':') ? `[${host}]` : host}:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  cookieName = `tandem_token_${port}`;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      await runner.stop();
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * A file name safe to create in the inbox: no folders, no `..`, no control or shell-hostile
 * characters, not hidden, at most 200 bytes of UTF-8 (cut between characters, the extension kept).
 * Throws 400 when nothing is left.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/gu, '')
    .replace(/[/\\:*?"<>|]/gu, '_')
    .replace(/\.{2,}/gu, '.')
    .trim()
    .replace(/^[.\s_]+/u, '');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    let ext = extname(name);
    if (Buffer.byteLength(ext) > MAX_EXT_BYTES) ext = '';
    const stem = cutUtf8(name.slice(0, name.length - ext.length), MAX_NAME_BYTES - Buffer.byteLength(ext)).replace(/[.\s]+$/u, '');
    name = stem ? stem + ext : cutUtf8(name, MAX_NAME_BYTES);
  }
  if (!name || name === '.') throw new HttpError('bad_request', 'upload: the ?name= parameter must be a file name');
  return name;
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, cut between user-perceived characters. */
function cutUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const n = Buffer.byteLength(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

/**
 * Moves a finished upload to a free name in `dir` (`name`, then `name (2)` ...). The name is
 * reserved first (created exclusively), so two uploads of the same name never overwrite each other.
 */
async function placeFile(part: string, dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n <= 10_000; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      await (await open(candidate, 'wx')).close();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      await rename(part, candidate);
      return candidate;
    } catch (err) {
      await rm(candidate, { force: true });
      throw err;
    }
  }
  throw new HttpError('failed', `${name}: no free name left in the inbox`);
}

async function freeName(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** How many times a header occurs in the request as sent (Node folds or drops repeats). */
function countHeader(req: IncomingMessage, name: string): number {
  let n = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === name) n++;
  return n;
}

/**
 * Refuses (415) a body that is not exactly `type`, optionally with a UTF-8 charset parameter:
 * `application/json; charset=utf-8` passes; `application/json-patch+json`, other parameters, other
 * charsets and a missing Content-Type do not.
 */
function requireType(req: IncomingMessage, type: string, message: string): void {
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

/**
 * Whether `path` (absolute) lies in `root`: after resolving `..` and, for a path that exists, its
 * links. `deep`: anywhere below root (and root itself); otherwise a file directly in it.
 */
async function within(root: string, path: string, deep: boolean): Promise<boolean> {
  if (!isAbsolute(path) || path.includes('\0')) return false;
  const inside = (r: string, p: string) => (deep ? p === r || p.startsWith(r + sep) : dirname(p) === r && p !== r);
  const full = resolve(path);
  if (!inside(root, full)) return false;
  const realRoot = await realpath(root).catch(() => root);
  const real = await realpath(full).catch(async () => join(await realpath(dirname(full)).catch(() => dirname(full)), basename(full)));
  return inside(realRoot, real);
}

/** A path in a message: its file name only, quoted and kept short. */
function shown(path: string): string {
  const name = basename(path);
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
}

/** Any absolute path left in a message (POSIX or Windows) becomes its file name. */
function redactPaths(message: string): string {
  return message.replace(/(^|[\s'"`(=:,])((?:[A-Za-z]:)?[/\\](?:[^\s'"`/\\,;)]+[/\\])+)([^\s'"`/\\,;)]*)/gu, (_m, before: string, _dirs: string, file: string) => `${before}${file || '.'}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown, redact: (message: string) => string): void {
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
  res.removeHeader('Content-Security-Policy');
  res.removeHeader('Set-Cookie');
  sendJson(res, STATUS[code], { error: { code, message } });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MB` : `${Math.round(n / 1024)} KB`;
}
