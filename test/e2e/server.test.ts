// The HTTP bridge on its own: token, Host and Origin checks, static files without traversal,
// api errors as JSON with the right status, uploads with sanitized names and a size limit, and
// job events over Server-Sent Events.
import { request } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { sanitizeFileName, startServer, type RunningServer } from '../../src/server.ts';
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
    const up = await send('POST', `/api/upload?name=${encodeURIComponent('../../x/..\\evil\u0000\u202e.txt')}`, { body: bytes });
    expect(up.status).toBe(201);
    const saved = up.json() as { path: string; name: string; bytes: number };
    expect(dirname(saved.path)).toBe(inbox);
    expect(saved.name).toBe('x_._evil.txt');
    expect(saved.bytes).toBe(bytes.length);
    expect(readFileSync(saved.path)).toEqual(bytes);

    // Same name again: a new file, the first one is kept.
    const again = await send('POST', '/api/upload?name=x_._evil.txt', { body: 'hallo' });
    expect((again.json() as { name: string }).name).toBe('x_._evil (2).txt');

    const started = await send('POST', '/api/jobs/ingest', { headers: json, body: JSON.stringify({ paths: [saved.path] }) });
    expect(started.status).toBe(202);
    const job = started.json() as { id: string; state: string };
    expect(job.state).toBe('running');
    let snapshot: { state: string; result?: { documents: { lang: string; status: string }[] } } | undefined;
    for (let i = 0; i < 200 && snapshot?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      snapshot = (JSON.parse((await send('GET', '/api/jobs')).body) as (typeof snapshot & { id: string })[]).find((j) => j?.id === job.id);
    }
    expect(snapshot?.result?.documents[0]).toMatchObject({ status: 'ingested', lang: 'nl' });
  });

  it('refuses uploads without a usable name, and uploads over the size limit', async () => {
    for (const name of ['', '..', '/', '...', '\u0000\u0001']) {
      const r = await send('POST', `/api/upload?name=${encodeURIComponent(name)}`, { body: 'x' });
      expect(r.status, JSON.stringify(name)).toBe(400);
    }
    expect((await send('POST', '/api/upload', { body: 'x' })).status).toBe(400);
    const big = await send('POST', '/api/upload?name=big.txt', { body: Buffer.alloc(64 * 1024 + 1, 65) });
    expect(big.status).toBe(413);
    expect(big.json().error?.message).toMatch(/big\.txt: larger than 64 KB/);
  });

  it('sanitizes names the way the inbox needs', () => {
    expect(sanitizeFileName('Bericht über Moskau.html')).toBe('Bericht über Moskau.html');
    expect(sanitizeFileName('C:\\Users\\x\\a.txt')).toBe('C__Users_x_a.txt');
    expect(sanitizeFileName('.hidden')).toBe('hidden');
    expect(sanitizeFileName('a/../../b.txt')).toBe('a_._._b.txt');
    expect(sanitizeFileName(`${'n'.repeat(300)}.html`)).toHaveLength(150);
    expect(sanitizeFileName(`${'n'.repeat(300)}.html`).endsWith('.html')).toBe(true);
  });

  it('streams job events with Server-Sent Events, and cancels jobs by id', async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          events.push(chunk);
          const jobs = events.join('').split('\n').slice(0, -1).filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { method: string; state: string });
          if (jobs.some((j) => j.method === 'translate' && j.state === 'done')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? resolve() : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = await send('POST', '/api/jobs/translate', { headers: json, body: '{}' });
    expect(started.status).toBe(202);
    await done;
    expect(events.join('')).toMatch(/^retry: \d+/);
    expect(events.join('')).toMatch(/event: job\ndata: \{.*"method":"translate"/);

    const unknownCancel = await send('POST', '/api/jobs/job-999/cancel');
    expect(unknownCancel.status).toBe(404);
    const id = (started.json() as { id: string }).id;
    const finishedCancel = await send('POST', `/api/jobs/${id}/cancel`);
    expect(finishedCancel.json()).toEqual({ cancelled: false });
  });
});
