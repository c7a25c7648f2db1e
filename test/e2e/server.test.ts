// The HTTP bridge on its own: token, Host and Origin checks, static files without traversal,
// api errors as JSON with the right status, uploads with sanitized names and a size limit, job
// events over Server-Sent Events, and what the page may name (inbox/ to read, exports/ to write).
import { once } from 'node:events';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { sanitizeFileName, startServer, type RunningServer } from '../../src/server/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('tandem-server-');
const rendererDir = join(dir, 'renderer');
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'top secret');
  tandem = await Tandem.open({ dbPath: join(dir, 'db', 'tandem.db'), modelsDir: join(dir, 'models') });
  server = await startServer({ tandem, rendererDir, maxUploadBytes: 64 * 1024 });
});
afterAll(async () => {
  await server?.close();
  await tandem?.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** A raw request (node:http, so the Host header and the path are exactly what we say). */
function send(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer; token?: boolean } = {}): Promise<Reply> {
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...(opts.token === false ? {} : { 'x-tandem-token': server.token }), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const octets = { 'content-type': 'application/octet-stream' };

/** Bytes exactly as written on one connection (duplicate headers and all; send Connection: close); the whole answer. */
function rawRequest(text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(out)?.[1] ?? 0), body: out.slice(out.indexOf('\r\n\r\n') + 4) }));
  });
}

const inboxDir = () => join(dirname(tandem.store.path), 'inbox');
const exportsDir = () => join(dirname(tandem.store.path), 'exports');
const partFiles = () => (existsSync(inboxDir()) ? readdirSync(inboxDir()).filter((f) => f.endsWith('.part')) : []);

/**
 * Settles when `check()` holds for the inbox, looking again on every change the file system
 * reports there (no event says when the server creates or removes its .part file). The test's
 * timeout bounds the wait.
 */
async function inboxUntil(check: () => boolean): Promise<void> {
  mkdirSync(inboxDir(), { recursive: true });
  const watcher = watch(inboxDir());
  try {
    // The listener is in place before each look, so no change can fall between the two.
    while (!check()) await once(watcher, 'change');
  } finally {
    watcher.close();
  }
}

type JobSeen = { id: string; method: string; state: string; result?: unknown; error?: string };

/**
 * The bridge's Server-Sent Events, as a test reads them: `opened` settles once the server has
 * subscribed this stream to the runner (it writes `retry:` right then), `until` when a job event
 * matching `match` has arrived (the server first replays the jobs it has, so none is missed).
 */
function jobEvents(): { opened: Promise<IncomingHttpHeaders>; until: (match: (j: JobSeen) => boolean) => Promise<JobSeen>; seen: JobSeen[]; text: () => string; close: () => void } {
  let text = '';
  let parsed = 0;
  let closed = false;
  const seen: JobSeen[] = [];
  const waiting: { match: (j: JobSeen) => boolean; resolve: (j: JobSeen) => void }[] = [];
  const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } });
  const opened = new Promise<IncomingHttpHeaders>((resolve, reject) => {
    req.on('error', (e) => (closed ? undefined : reject(e)));
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        const end = text.lastIndexOf('\n\n');
        if (end < parsed) return;
        const blocks = text.slice(parsed, end).split('\n\n');
        parsed = end + 2;
        for (const block of blocks) {
          if (block.startsWith('retry:')) resolve(res.headers);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const job = JSON.parse(data.slice(6)) as JobSeen;
          seen.push(job);
          for (const w of [...waiting]) {
            if (!w.match(job)) continue;
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(job);
          }
        }
      });
    });
    req.end();
  });
  return {
    opened,
    until: (match) => new Promise((resolve) => {
      const already = seen.find(match);
      if (already) resolve(already);
      else waiting.push({ match, resolve });
    }),
    seen,
    text: () => text,
    close: () => {
      closed = true;
      req.destroy();
    },
  };
}

describe('who may talk to it', () => {
  it('listens on 127.0.0.1 and prints a page address with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the token: 401 with a JSON error', async () => {
    for (const [method, path] of [['GET', '/'], ['GET', '/assets/app.js'], ['POST', '/api/query/documents'], ['GET', '/api/events'], ['GET', '/api/jobs'], ['POST', '/api/upload?name=a.txt']] as const) {
      const r = await send(method, path, { token: false });
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json().error?.code).toBe('unauthorized');
    }
    const wrong = await send('POST', '/api/query/documents', { headers: { 'x-tandem-token': 'x'.repeat(server.token.length) } });
    expect(wrong.status).toBe(401);
    expect((await send('GET', `/?token=${server.token}x`, { token: false })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding): 403, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const r = await send('POST', '/api/query/documents', { headers: { host, ...json }, body: '{}' });
      expect(r.status, host).toBe(403);
      expect(r.json().error?.code).toBe('forbidden');
    }
    expect((await send('POST', '/api/query/documents', { headers: { host: `localhost:${server.port}`, ...json }, body: '{}' })).status).toBe(200);
  });

  it('refuses requests from another origin: 403', async () => {
    const r = await send('POST', '/api/query/documents', { headers: { origin: 'http://127.0.0.1:8080', ...json }, body: '{}' });
    expect(r.status).toBe(403);
    expect((await send('POST', '/api/query/documents', { headers: { origin: 'null', ...json }, body: '{}' })).status).toBe(403);
    expect((await send('POST', '/api/query/documents', { headers: { origin: `http://127.0.0.1:${server.port}`, ...json }, body: '{}' })).status).toBe(200);
  });

  it('refuses form posts (only application/json reaches the api)', async () => {
    const r = await send('POST', '/api/query/documents', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(r.status).toBe(415);
  });

  it('refuses to listen on anything but loopback', async () => {
    await expect(startServer({ tandem, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

describe('the page and its files', () => {
  it('serves the page with a strict CSP, nosniff and a token cookie for its own assets', async () => {
    const r = await send('GET', `/?token=${server.token}`, { token: false });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await send('GET', '/assets/app.js', { token: false, headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1);');
    // The cookie never opens the api.
    expect((await send('POST', '/api/query/documents', { token: false, headers: { cookie: cookie.split(';')[0]!, ...json }, body: '{}' })).status).toBe(401);
  });

  it('serves the right content types and lists no folders', async () => {
    expect((await send('GET', '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send('GET', '/assets')).status).toBe(404);
    expect((await send('GET', '/assets/')).status).toBe(404);
    expect((await send('GET', '/nothing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    expect(existsSync(join(rendererDir, '..', 'secret.txt'))).toBe(true);
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%5c%2e%2e%5csecret.txt', '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', '/%00', '/%E0%A4%A']) {
      const r = await send('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('top secret');
      expect(r.json().error?.code).toBe('not_found');
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const bare = await startServer({ tandem, rendererDir: join(dir, 'no-such-dir') });
    try {
      const r = await new Promise<string>((resolve) => {
        request({ host: '127.0.0.1', port: bare.port, path: `/?token=${bare.token}` }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${body}`));
        }).end();
      });
      expect(r).toMatch(/^503 .*npm run build:renderer/);
    } finally {
      await bare.close();
    }
  });
});

describe('the api', () => {
  it('answers queries and maps errors to statuses without stack traces', async () => {
    const docs = await send('POST', '/api/query/documents', { headers: json, body: '{}' });
    expect(docs.status).toBe(200);
    expect(docs.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(docs.body)).toEqual([]);

    const bad = await send('POST', '/api/query/sentences', { headers: json, body: '{"id":"seven"}' });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toEqual({ code: 'bad_request', message: 'sentences: id: Invalid input: expected number, received string' });

    const missing = await send('POST', '/api/query/document', { headers: json, body: '{"id":424242}' });
    expect(missing.status).toBe(404);
    expect(missing.json().error?.code).toBe('not_found');

    const missingSentences = await send('POST', '/api/query/sentences', { headers: json, body: '{"id":424242}' });
    expect(missingSentences.status).toBe(404);

    const unknown = await send('POST', '/api/query/dropTables', { headers: json, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error?.code).toBe('unknown_method');

    const notJson = await send('POST', '/api/query/documents', { headers: json, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(notJson.json().error?.message).toMatch(/not valid JSON/);

    const badJob = await send('POST', '/api/jobs/ingest', { headers: json, body: '{"paths":[]}' });
    expect(badJob.status).toBe(400);
    expect(badJob.json().error?.message).toMatch(/^ingest: paths:/);

    const wrongMethod = await send('GET', '/api/query/documents');
    expect(wrongMethod.status).toBe(405);

    for (const r of [bad, missing, unknown, notJson, badJob, wrongMethod]) expect(r.body).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('limits the JSON body size', async () => {
    const r = await send('POST', '/api/query/documents', { headers: json, body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(r.status).toBe(413);
  });

  it('uploads under a sanitized name into the inbox next to the database, then ingests from there', async () => {
    const inbox = join(dirname(tandem.store.path), 'inbox');
    const bytes = readFileSync(join(samples, '002_f1f3fa59d5d3da49.txt'));
    const up = await send('POST', `/api/upload?name=${encodeURIComponent('../../x/..\\evil\u0000\u202e.txt')}`, { headers: octets, body: bytes });
    expect(up.status).toBe(201);
    const saved = up.json() as { path: string; name: string; bytes: number };
    expect(dirname(saved.path)).toBe(inbox);
    expect(saved.name).toBe('x_._evil.txt');
    expect(saved.bytes).toBe(bytes.length);
    expect(readFileSync(saved.path)).toEqual(bytes);

    // Same name again: a new file, the first one is kept.
    const again = await send('POST', '/api/upload?name=x_._evil.txt', { headers: octets, body: 'hallo' });
    expect((again.json() as { name: string }).name).toBe('x_._evil (2).txt');

    const events = jobEvents();
    await events.opened;
    const started = await send('POST', '/api/jobs/ingest', { headers: json, body: JSON.stringify({ paths: [saved.path] }) });
    expect(started.status).toBe(202);
    const job = started.json() as { id: string; state: string };
    expect(job.state).toBe('running');
    const finished = await events.until((j) => j.id === job.id && j.state !== 'running');
    events.close();
    expect(finished.state, finished.error).toBe('done');
    expect((finished.result as { documents: unknown[] }).documents[0]).toMatchObject({ status: 'ingested', lang: 'nl' });
    // The job list says the same.
    const listed = (JSON.parse((await send('GET', '/api/jobs')).body) as JobSeen[]).find((j) => j.id === job.id);
    expect(listed).toEqual(finished);
  });

  it('refuses uploads without a usable name, and uploads over the size limit', async () => {
    for (const name of ['', '..', '/', '...', '\u0000\u0001']) {
      const r = await send('POST', `/api/upload?name=${encodeURIComponent(name)}`, { headers: octets, body: 'x' });
      expect(r.status, JSON.stringify(name)).toBe(400);
    }
    expect((await send('POST', '/api/upload', { headers: octets, body: 'x' })).status).toBe(400);
    const big = await send('POST', '/api/upload?name=big.txt', { headers: octets, body: Buffer.alloc(64 * 1024 + 1, 65) });
    expect(big.status).toBe(413);
    expect(big.json().error?.message).toMatch(/big\.txt: larger than 64 KB/);
  });

  it('sanitizes names the way the inbox needs', () => {
    expect(sanitizeFileName('Bericht über Moskau.html')).toBe('Bericht über Moskau.html');
    expect(sanitizeFileName('C:\\Users\\x\\a.txt')).toBe('C__Users_x_a.txt');
    expect(sanitizeFileName('.hidden')).toBe('hidden');
    expect(sanitizeFileName('a/../../b.txt')).toBe('a_._._b.txt');
    expect(sanitizeFileName(`${'n'.repeat(300)}.html`)).toHaveLength(200);
    expect(sanitizeFileName(`${'n'.repeat(300)}.html`).endsWith('.html')).toBe(true);
    // At most 200 bytes of UTF-8, cut between characters (never inside one), the extension kept.
    for (const [unit, ext] of [['ü', '.txt'], ['€', '.html'], ['👍🏽', '.txt'], ['ü', ''], ['a\u0301', '.md']] as const) {
      const cut = sanitizeFileName(unit.repeat(300) + ext);
      expect(Buffer.byteLength(cut), unit).toBeLessThanOrEqual(200);
      expect(Buffer.byteLength(cut), unit).toBeGreaterThan(180);
      expect(cut.endsWith(ext), unit).toBe(true);
      expect(cut.slice(0, cut.length - ext.length).split(unit.normalize('NFC')).every((s) => s === ''), unit).toBe(true);
    }
    // An "extension" too long to be one is not kept whole.
    expect(Buffer.byteLength(sanitizeFileName(`a.${'ü'.repeat(300)}`))).toBeLessThanOrEqual(200);
  });

  it('streams job events with Server-Sent Events, and cancels jobs by id', async () => {
    const events = jobEvents();
    // Subscribed before the job starts: what follows arrives live, not from the replay.
    expect((await events.opened)['content-type']).toBe('text/event-stream; charset=utf-8');
    const started = await send('POST', '/api/jobs/translate', { headers: json, body: '{}' });
    expect(started.status).toBe(202);
    const id = (started.json() as { id: string }).id;
    const finished = await events.until((j) => j.id === id && j.state !== 'running');
    events.close();
    expect(finished).toMatchObject({ method: 'translate', state: 'done' });
    expect(events.seen.filter((j) => j.id === id).map((j) => j.state)).toEqual(expect.arrayContaining(['running', 'done']));
    expect(events.text()).toMatch(/^retry: \d+/);
    expect(events.text()).toMatch(/event: job\ndata: \{.*"method":"translate"/);

    const unknownCancel = await send('POST', '/api/jobs/job-999/cancel', { headers: json, body: '{}' });
    expect(unknownCancel.status).toBe(404);
    const finishedCancel = await send('POST', `/api/jobs/${id}/cancel`, { headers: json });
    expect(finishedCancel.json()).toEqual({ cancelled: false });
  });
});

describe('bridge details: nothing stored wrong, nothing lost', () => {
  const H = () => `Host: 127.0.0.1:${server.port}\r\nX-Tandem-Token: ${server.token}\r\nConnection: close\r\n`;

  it('answers 400 to a request with two Host headers (RFC 9112), whatever they say', async () => {
    for (const second of [`127.0.0.1:${server.port}`, 'evil.example', `localhost:${server.port}`]) {
      const r = await rawRequest(`POST /api/query/documents HTTP/1.1\r\n${H()}Host: ${second}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
      expect(r.status, second).toBe(400);
      expect((JSON.parse(r.body) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    const page = await rawRequest(`GET /?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(page.status).toBe(400);
    const one = await rawRequest(`POST /api/query/documents HTTP/1.1\r\n${H()}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
    expect(one.status).toBe(200);
  });

  it('takes exactly application/json (a UTF-8 charset at most) on every api POST', async () => {
    const posts = [['/api/query/documents', '{}'], ['/api/jobs/match', '{}'], ['/api/jobs/job-999/cancel', '{}']] as const;
    for (const [path, body] of posts) {
      for (const type of ['application/json-patch+json', 'application/jsonx', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/json; boundary=x', 'application/json, text/plain']) {
        const r = await send('POST', path, { headers: { 'content-type': type }, body });
        expect(r.status, `${path} ${type}`).toBe(415);
        expect(r.json().error?.code).toBe('unsupported_media_type');
      }
      const none = await send('POST', path, { body });
      expect(none.status, `${path} without a content type`).toBe(415);
    }
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json ; charset=utf8']) {
      expect((await send('POST', '/api/query/documents', { headers: { 'content-type': type }, body: '{}' })).status, type).toBe(200);
    }
    const twice = await rawRequest(`POST /api/query/documents HTTP/1.1\r\n${H()}Content-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}`);
    expect(twice.status).toBe(415);
    // An upload is the file's bytes, declared as such.
    for (const type of [undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const r = await send('POST', '/api/upload?name=typed.txt', { headers: type ? { 'content-type': type } : {}, body: 'hallo' });
      expect(r.status, String(type)).toBe(415);
    }
    expect(existsSync(join(inboxDir(), 'typed.txt'))).toBe(false);
  });

  it('takes ?token= only to open the page and the event stream, never on a POST', async () => {
    const q = `token=${server.token}`;
    for (const [method, path, headers, body] of [
      ['POST', `/api/query/documents?${q}`, json, '{}'],
      ['POST', `/api/jobs/match?${q}`, json, '{}'],
      ['POST', `/api/jobs/job-1/cancel?${q}`, json, '{}'],
      ['POST', `/api/upload?name=qs.txt&${q}`, octets, 'hallo'],
      ['GET', `/api/jobs?${q}`, {}, undefined],
      ['GET', `/api/export-path?name=x.tmx&${q}`, {}, undefined],
    ] as const) {
      const r = await send(method, path, { token: false, headers, body });
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.json().error?.message, path).toMatch(/X-Tandem-Token header/);
    }
    expect(existsSync(join(inboxDir(), 'qs.txt'))).toBe(false);
    expect((await send('GET', `/?${q}`, { token: false })).status).toBe(200);
    const events = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?${q}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(events).toBe(200);
  });

  it('saves a 300-character name of ü (600 bytes) cut to at most 200 bytes, extension kept, and leaves no .part file', async () => {
    const long = `${'ü'.repeat(150)}${'ü'.repeat(150)}.txt`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(300);
    const r = await send('POST', `/api/upload?name=${encodeURIComponent(long)}`, { headers: octets, body: 'hallo welt' });
    expect(r.status, r.body).toBe(201);
    const saved = r.json() as { path: string; name: string };
    expect(Buffer.byteLength(saved.name)).toBeLessThanOrEqual(200);
    expect(saved.name).toMatch(/^ü+\.txt$/u);
    expect(readFileSync(saved.path, 'utf8')).toBe('hallo welt');
    const again = await send('POST', `/api/upload?name=${encodeURIComponent(long)}`, { headers: octets, body: 'noch einmal' });
    expect(again.status).toBe(201);
    expect((again.json() as { name: string }).name).toMatch(/^ü+ \(2\)\.txt$/u);
    expect(readFileSync(saved.path, 'utf8')).toBe('hallo welt');
    expect(partFiles()).toEqual([]);
  });

  it('removes the .part file when the client goes away mid-upload, or the upload is too large', async () => {
    expect(partFiles()).toEqual([]);
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.on('error', () => undefined);
    socket.write(`POST /api/upload?name=cut.txt HTTP/1.1\r\n${H()}Content-Type: application/octet-stream\r\nContent-Length: 60000\r\n\r\n${'x'.repeat(4000)}`);
    await inboxUntil(() => partFiles().length === 1); // the upload has started
    socket.destroy();
    await inboxUntil(() => partFiles().length === 0);
    expect(existsSync(join(inboxDir(), 'cut.txt'))).toBe(false);

    // Too large without a declared length (chunked): refused mid-stream, nothing left.
    const big = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/upload?name=chunked.txt', headers: { host: `127.0.0.1:${server.port}`, 'x-tandem-token': server.token, ...octets } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(4096, 66));
      req.end();
    });
    expect(big).toBe(413);
    await inboxUntil(() => partFiles().length === 0);
    expect(existsSync(join(inboxDir(), 'chunked.txt'))).toBe(false);
  });

  it('never puts an absolute path in an error message', async () => {
    // A server whose inbox cannot be created (a file is in the way): the upload fails on the disk.
    const blockedDir = join(dir, 'blocked');
    mkdirSync(blockedDir, { recursive: true });
    writeFileSync(join(blockedDir, 'inbox'), 'not a folder');
    const other = await Tandem.open({ dbPath: join(blockedDir, 'tandem.db'), modelsDir: join(dir, 'models') });
    const bare = await startServer({ tandem: other, rendererDir: join(dir, 'no-such-dir') });
    try {
      const ask = (method: string, path: string, headers: Record<string, string>, body?: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: bare.port, method, path, headers: { host: `127.0.0.1:${bare.port}`, 'x-tandem-token': bare.token, ...headers } }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const failed = await ask('POST', '/api/upload?name=a.txt', octets, 'hallo');
      expect(failed.status).toBe(500);
      const notBuilt = await ask('GET', '/', {});
      expect(notBuilt.status).toBe(503);
      const refused = await ask('POST', '/api/jobs/ingest', json, JSON.stringify({ paths: [join(dir, 'secret.txt')] }));
      expect(refused.status).toBe(403);
      for (const r of [failed, notBuilt, refused]) {
        const message = (JSON.parse(r.body) as { error: { message: string } }).error.message;
        expect(message).not.toContain(dir);
        expect(message, message).not.toMatch(/(^|[\s'"(])\/[^\s'"]*\//u);
      }
    } finally {
      await bare.close();
      await other.close();
    }
  });
});

describe('what the page may name', () => {
  const docCount = async () => (JSON.parse((await send('POST', '/api/query/documents', { headers: json, body: '{}' })).body) as unknown[]).length;

  it('ingests only files in the inbox: anything else is refused with a 403 that names no folder', async () => {
    const before = await docCount();
    const jobIds = async () => (JSON.parse((await send('GET', '/api/jobs')).body) as JobSeen[]).map((j) => j.id);
    const jobsBefore = await jobIds();
    mkdirSync(inboxDir(), { recursive: true });
    symlinkSync(join(dir, 'secret.txt'), join(inboxDir(), 'link-out.txt'));
    for (const path of [join(dir, 'secret.txt'), '/etc/passwd', samples, 'secret.txt', `${inboxDir()}/../../secret.txt`, `${inboxDir()}-other/a.txt`, join(inboxDir(), 'link-out.txt')]) {
      const r = await send('POST', '/api/jobs/ingest', { headers: json, body: JSON.stringify({ paths: [path] }) });
      expect(r.status, path).toBe(403);
      const message = r.json().error?.message ?? '';
      expect(message, path).toMatch(/^ingest: ".*" is not in the inbox; in browser mode only uploaded files can be read/);
      expect(message, path).not.toContain(dir);
      expect(message, path).not.toContain('/etc');
    }
    // One bad path refuses the whole job.
    const up = (await send('POST', '/api/upload?name=ok.txt', { headers: octets, body: 'Ein kurzer Text über Moskau und Peking.' })).json() as { path: string };
    expect((await send('POST', '/api/jobs/ingest', { headers: json, body: JSON.stringify({ paths: [up.path, join(dir, 'secret.txt')] }) })).status).toBe(403);
    expect((await send('POST', '/api/jobs/importMemory', { headers: json, body: JSON.stringify({ file: join(dir, 'secret.txt') }) })).status).toBe(403);
    // Refused means no job was started at all (a started job is listed at once), so nothing can
    // have been read, now or later.
    expect(await jobIds()).toEqual(jobsBefore);
    expect(await docCount()).toBe(before);
    const jobs = JSON.parse((await send('GET', '/api/jobs')).body) as { method: string; result?: { documents?: { path: string }[] } }[];
    expect(jobs.flatMap((j) => j.result?.documents ?? []).some((d) => d.path.includes('secret'))).toBe(false);
    // An uploaded file still goes in.
    expect((await send('POST', '/api/jobs/ingest', { headers: json, body: JSON.stringify({ paths: [up.path] }) })).status).toBe(202);
  });

  it('writes exports only into the exports folder: anything else is refused with a 403 that names no folder', async () => {
    const free = (await send('GET', '/api/export-path?name=pairs.tmx')).json() as { path: string; folder: string };
    expect(free.folder).toBe(exportsDir());
    for (const out of [join(dir, 'out.tmx'), join(dir, 'renderer', 'index.html'), '/tmp/out.tmx', 'out.tmx', `${exportsDir()}/../out.tmx`, join(exportsDir(), 'sub', 'out.tmx'), join(exportsDir(), '.hidden.tmx'), exportsDir()]) {
      const r = await send('POST', '/api/jobs/export', { headers: json, body: JSON.stringify({ format: 'tmx', status: 'all', out }) });
      expect(r.status, out).toBe(403);
      const message = r.json().error?.message ?? '';
      expect(message, out).toMatch(/^export: ".*" is not in the exports folder/);
      expect(message, out).not.toContain(dir);
      expect(message, out).not.toContain('/tmp');
    }
    expect(existsSync(join(dir, 'out.tmx'))).toBe(false);
    expect(readFileSync(join(dir, 'renderer', 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const ok = await send('POST', '/api/jobs/export', { headers: json, body: JSON.stringify({ format: 'tmx', status: 'all', out: free.path }) });
    expect(ok.status, ok.body).toBe(202);
  });
});
