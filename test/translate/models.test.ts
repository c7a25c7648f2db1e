// Model manifest + management against a real HTTP server on 127.0.0.1.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  REQUIRED_MODEL_FILES,
  addModel,
  fetchModels,
  listModels,
  loadManifest,
  missingModelMessage,
  modelDir,
  verifyModels,
} from '../../src/translate/models/index.ts';
import { writeTinyMarianModel } from '../support/tiny-marian.ts';
import type { FetchProgress, Manifest, ModelEntry } from '../../src/translate/models/index.ts';

const MODEL_ID = 'Test-NLP/opus-mt-xx-en';
const ENC = 'onnx/encoder_model.onnx';
const DEC = 'onnx/decoder_model_merged.onnx';

type Mode = 'normal' | 'ignore-range' | 'drop-half' | 'wrong-bytes' | 'not-found';

interface RequestLog {
  url: string;
  file: string;
  range: string | null;
  status: number;
  bytesSent: number;
}

/** A small model hub: GET /{owner}/{name}/resolve/{revision}/{file...} served from a folder. */
class FakeHub {
  mode: Mode = 'normal';
  log: RequestLog[] = [];
  /** Connections of 'drop-half' answers: half the file sent, waiting for dropConnections(). */
  private halfSent = new Set<Socket>();
  private server: http.Server;
  baseUrl = '';

  constructor(private readonly root: string) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Cuts every connection that got half a file in 'drop-half' mode. */
  dropConnections(): void {
    for (const socket of this.halfSent) socket.destroy();
    this.halfSent.clear();
  }

  requestsFor(file: string): RequestLog[] {
    return this.log.filter((l) => l.file === file);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const m = /^\/([^/]+)\/([^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const entry: RequestLog = { url, file: m?.[4] ? decodeURIComponent(m[4]) : '', range: req.headers.range ?? null, status: 0, bytesSent: 0 };
    this.log.push(entry);
    const reply = (status: number, headers: Record<string, string | number> = {}, body?: Buffer): void => {
      entry.status = status;
      res.writeHead(status, headers);
      if (body) entry.bytesSent += body.length;
      res.end(body);
    };
    if (!m || this.mode === 'not-found') return reply(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    const file = path.join(this.root, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), ...entry.file.split('/'));
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return reply(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    }
    if (this.mode === 'wrong-bytes') {
      data = Buffer.from(data);
      for (let i = 0; i < data.length; i += 997) data[i] = data[i]! ^ 0xff;
    }
    const total = data.length;
    if (this.mode === 'drop-half') {
      entry.status = 200;
      res.writeHead(200, { 'content-length': total, 'content-type': 'application/octet-stream' });
      const half = data.subarray(0, Math.floor(total / 2));
      entry.bytesSent += half.length;
      // The connection stays open until the test cuts it (dropConnections), once the client has
      // taken the half: a cut with bytes still unread would let the client drop them unseen.
      this.halfSent.add(req.socket);
      res.write(half);
      return;
    }
    let start = 0;
    let status = 200;
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && this.mode === 'normal') {
      start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
      if (start >= total) return reply(416, { 'content-range': `bytes */${total}` });
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${total}`;
      data = data.subarray(start, end + 1);
    }
    headers['content-length'] = data.length;
    entry.status = status;
    res.writeHead(status, headers);
    // 16 KiB chunks, each written when the connection has taken the one before (backpressure):
    // no timers, so how far the server runs ahead depends only on what the client reads.
    for (let off = 0; off < data.length; off += 16384) {
      if (res.destroyed) return;
      const chunk = data.subarray(off, off + 16384);
      entry.bytesSent += chunk.length;
      if (!res.write(chunk)) await new Promise((r) => (res.once('drain', r), res.once('close', r)));
    }
    res.end();
  }
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Fake-but-realistic ONNX bytes: ir_version, producer_name, then a "graph" of pseudo-random bytes. */
function fakeOnnx(size: number, seed: string): Buffer {
  const header = Buffer.concat([Buffer.from([0x08, 0x08, 0x12, 0x0b]), Buffer.from('tandem-test'), Buffer.from([0x3a])]);
  const bodyLen = size - header.length - 3;
  const len = Buffer.from([(bodyLen & 0x7f) | 0x80, ((bodyLen >> 7) & 0x7f) | 0x80, (bodyLen >> 14) & 0x7f]);
  const out = Buffer.alloc(bodyLen);
  let block = createHash('sha256').update(seed).digest();
  for (let off = 0; off < bodyLen; off += block.length) {
    block.copy(out, off);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat([header, len, out]);
}

/** Write a fake model folder; returns the file contents by relative path. */
async function writeFakeModel(dir: string, seed = 'v1'): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>([
    ['config.json', Buffer.from(JSON.stringify({ model_type: 'marian', architectures: ['MarianMTModel'], d_model: 16, vocab_size: 64 }, null, 2))],
    ['generation_config.json', Buffer.from(JSON.stringify({ decoder_start_token_id: 63, eos_token_id: 0, pad_token_id: 63, max_length: 64 }))],
    ['tokenizer.json', Buffer.from(JSON.stringify({ version: '1.0', model: { type: 'Unigram', vocab: [['<pad>', 0]] }, pre_tokenizer: { type: 'Metaspace' } }))],
    ['tokenizer_config.json', Buffer.from(JSON.stringify({ tokenizer_class: 'MarianTokenizer', model_max_length: 512 }))],
    [ENC, fakeOnnx(300_000, `enc-${seed}`)],
    [DEC, fakeOnnx(420_000, `dec-${seed}`)],
  ]);
  for (const [rel, data] of files) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), data);
  }
  return files;
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const rel of REQUIRED_MODEL_FILES) out.set(rel, await readFile(path.join(dir, rel)));
  return out;
}

function manifestFor(
  files: Map<string, Buffer>,
  opts: { pinned?: boolean; revision?: string | null; id?: string; lang?: ModelEntry['lang'] } = {},
): Manifest {
  const pinned = opts.pinned ?? true;
  return {
    manifestVersion: 1,
    hubBaseUrl: 'http://127.0.0.1:9/unused',
    urlTemplate: '{base}/{id}/resolve/{revision}/{file}',
    models: [
      {
        lang: opts.lang ?? 'is',
        id: opts.id ?? MODEL_ID,
        upstream: 'Helsinki-NLP/opus-mt-xx-en',
        revision: opts.revision === undefined ? 'a'.repeat(40) : opts.revision,
        files: [...files].map(([p, data]) => ({ path: p, size: pinned ? data.length : null, sha256: pinned ? sha256(data) : null })),
      },
    ],
  };
}

async function writeManifest(dir: string, m: Manifest): Promise<string> {
  const p = path.join(dir, 'manifest.json');
  await writeFile(p, JSON.stringify(m, null, 2));
  return p;
}

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

let tmpRoot: string;
let hubRoot: string;
let hub: FakeHub;
let files: Map<string, Buffer>;

beforeAll(async () => {
  tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'tandem-models-'));
  hubRoot = path.join(tmpRoot, 'hub');
  files = await writeFakeModel(path.join(hubRoot, ...MODEL_ID.split('/')));
  hub = new FakeHub(hubRoot);
  await hub.start();
});

afterAll(async () => {
  await hub.stop();
  await rm(tmpRoot, { recursive: true, force: true });
});

afterEach(() => {
  hub.dropConnections();
  hub.mode = 'normal';
  hub.log = [];
});

let counter = 0;
async function freshDir(name: string): Promise<string> {
  const d = path.join(tmpRoot, `${name}-${++counter}`);
  await mkdir(d, { recursive: true });
  return d;
}

describe('manifest', () => {
  it('the bundled manifest validates and covers every source language', () => {
    const m = loadManifest();
    expect(m.hubBaseUrl).toBe('https://huggingface.co');
    expect(m.models.map((e) => e.lang).sort()).toEqual(['de', 'is', 'nl']);
    for (const e of m.models) {
      expect(e.files.map((f) => f.path).sort()).toEqual([...REQUIRED_MODEL_FILES].sort());
      expect(e.upstream).toMatch(/^Helsinki-NLP\/opus-mt-/);
    }
    expect(m.models.find((e) => e.lang === 'is')?.quality?.[0]?.testset).toContain('isl-eng');
  });

  it('a manifest written to disk round-trips through loadManifest', async () => {
    const dir = await freshDir('manifest');
    const p = await writeManifest(dir, manifestFor(files));
    expect(loadManifest(p).models[0]?.id).toBe(MODEL_ID);
  });

  it('rejects bad manifests with a clear message', async () => {
    const dir = await freshDir('bad-manifest');
    const m = manifestFor(files) as unknown as { models: Array<{ files: Array<{ path: string }> }> };
    m.models[0]!.files[0]!.path = '../../etc/passwd';
    await expect(async () => loadManifest(await writeManifest(dir, m as unknown as Manifest))).rejects.toThrow(/Invalid model manifest.*file path/);
    const m2 = manifestFor(files);
    m2.models[0]!.files = m2.models[0]!.files.filter((f) => f.path !== DEC);
    await expect(async () => loadManifest(await writeManifest(dir, m2))).rejects.toThrow(/decoder_model_merged\.onnx is not listed/);
    expect(() => loadManifest(path.join(dir, 'nope.json'))).toThrow(/Cannot read model manifest/);
  });

  it('modelDir is where transformers.js looks with localModelPath = modelsDir', () => {
    const m = manifestFor(files);
    expect(modelDir('/data/models', m.models[0]!)).toBe(path.join('/data/models', 'Test-NLP', 'opus-mt-xx-en'));
  });

  it('missing-model message names the language and both commands', () => {
    const msg = missingModelMessage('is', loadManifest());
    expect(msg).toContain('No translation model for Icelandic (is)');
    expect(msg).toContain('`tandem models fetch --lang is`');
    expect(msg).toContain('`tandem models add DIR --lang is`');
  });
});

describe('fetch', () => {
  it('downloads every file with progress events, verifies and installs it', async () => {
    const modelsDir = await freshDir('fetch');
    const manifest = manifestFor(files);
    const events: FetchProgress[] = [];
    const [r] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl, onProgress: (p) => events.push(p) });
    expect(r?.files.map((f) => f.status)).toEqual(Array(6).fill('downloaded'));
    expect(r?.files.every((f) => f.pinnedBy === 'manifest')).toBe(true);
    expect(hub.log[0]?.url).toBe(`/Test-NLP/opus-mt-xx-en/resolve/${'a'.repeat(40)}/config.json`);
    const dir = modelDir(modelsDir, manifest.models[0]!);
    for (const [rel, data] of files) {
      expect(sha256(await readFile(path.join(dir, rel)))).toBe(sha256(data));
      expect(existsSync(path.join(dir, rel + '.part'))).toBe(false);
    }
    const dec = events.filter((e) => e.file === DEC);
    expect(dec.length).toBeGreaterThan(1);
    expect(dec.at(-1)).toMatchObject({ lang: 'is', receivedBytes: files.get(DEC)!.length, totalBytes: files.get(DEC)!.length });
    expect(dec.every((e, i) => i === 0 || e.receivedBytes >= dec[i - 1]!.receivedBytes)).toBe(true);
    expect(dec.at(-1)!.bytesPerSecond).toBeGreaterThan(0);

    // Running again transfers nothing: verified files are never overwritten.
    hub.log = [];
    const [again] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect(again?.files.every((f) => f.status === 'already-present')).toBe(true);
    expect(hub.log).toHaveLength(0);
    const [st] = await listModels(modelsDir, manifest);
    expect(st?.state).toBe('installed');
  });

  it('resumes after an abort half-way with a Range request', async () => {
    const modelsDir = await freshDir('abort');
    const manifest = manifestFor(files);
    const total = files.get(DEC)!.length;
    const ctl = new AbortController();
    let abortedAt = 0;
    await expect(
      fetchModels(modelsDir, manifest, {
        baseUrl: hub.baseUrl,
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.file === DEC && p.receivedBytes >= total / 2 && !ctl.signal.aborted) {
            abortedAt = p.receivedBytes;
            ctl.abort();
          }
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const dir = modelDir(modelsDir, manifest.models[0]!);
    const partSize = (await stat(path.join(dir, DEC + '.part'))).size;
    expect(partSize).toBeGreaterThanOrEqual(abortedAt);
    expect(partSize).toBeLessThan(total);
    expect(existsSync(path.join(dir, DEC))).toBe(false);
    expect(existsSync(path.join(dir, ENC))).toBe(true);
    const [partial] = await listModels(modelsDir, manifest);
    expect(partial?.state).toBe('partial');
    expect(partial?.missingFiles).toEqual([DEC]);
    expect(partial?.files.find((f) => f.file === DEC)?.partBytes).toBe(partSize);

    hub.log = [];
    const [r] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    const decReqs = hub.requestsFor(DEC);
    expect(decReqs).toHaveLength(1);
    expect(decReqs[0]?.range).toBe(`bytes=${partSize}-`);
    expect(decReqs[0]?.status).toBe(206);
    expect(decReqs[0]?.bytesSent).toBe(total - partSize);
    expect(hub.requestsFor(ENC)).toHaveLength(0);
    const decResult = r?.files.find((f) => f.file === DEC);
    expect(decResult).toMatchObject({ status: 'resumed', bytesTransferred: total - partSize, sha256: sha256(files.get(DEC)!) });
    expect(sha256(await readFile(path.join(dir, DEC)))).toBe(sha256(files.get(DEC)!));
    const [v] = await verifyModels(modelsDir, manifest);
    expect(v?.ok).toBe(true);
  });

  it('keeps the .part when the connection drops half-way, and resumes from it', async () => {
    const modelsDir = await freshDir('drop');
    const manifest = manifestFor(files);
    hub.mode = 'drop-half';
    // The connection drops as soon as the client has written the first bytes it received.
    const err = await failure(fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl, lang: 'is', onProgress: () => hub.dropConnections() }));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain('config.json');
    expect(err.message).toContain(hub.baseUrl);
    expect(err.message).toMatch(/partial file is kept/);
    const dir = modelDir(modelsDir, manifest.models[0]!);
    const partSize = (await stat(path.join(dir, 'config.json.part'))).size;
    expect(partSize).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'config.json'))).toBe(false);

    hub.mode = 'normal';
    hub.log = [];
    await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect(hub.requestsFor('config.json')[0]?.range).toBe(`bytes=${partSize}-`);
    const [v] = await verifyModels(modelsDir, manifest);
    expect(v?.ok).toBe(true);
  });

  it('starts over when the server ignores Range and answers 200', async () => {
    const modelsDir = await freshDir('norange');
    const manifest = manifestFor(files);
    const dir = modelDir(modelsDir, manifest.models[0]!);
    await mkdir(path.join(dir, 'onnx'), { recursive: true });
    // A stale prefix that is NOT the start of the real file: a wrong append would be caught.
    await writeFile(path.join(dir, ENC + '.part'), randomBytes(50_000));
    hub.mode = 'ignore-range';
    const [r] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    const encReq = hub.requestsFor(ENC)[0];
    expect(encReq?.range).toBe('bytes=50000-');
    expect(encReq?.status).toBe(200);
    expect(r?.files.find((f) => f.file === ENC)).toMatchObject({ status: 'downloaded', bytesTransferred: files.get(ENC)!.length });
    expect(sha256(await readFile(path.join(dir, ENC)))).toBe(sha256(files.get(ENC)!));
  });

  it('a hash mismatch is an error naming file and URL, and leaves nothing under the final name', async () => {
    const modelsDir = await freshDir('mismatch');
    const manifest = manifestFor(files);
    hub.mode = 'wrong-bytes';
    const err = await failure(fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl }));
    expect(err.message).toMatch(/sha256 mismatch for config\.json of Test-NLP\/opus-mt-xx-en/);
    expect(err.message).toContain(`${hub.baseUrl}/Test-NLP/opus-mt-xx-en/resolve/`);
    expect(err.message).toContain(sha256(files.get('config.json')!));
    const dir = modelDir(modelsDir, manifest.models[0]!);
    expect(existsSync(path.join(dir, 'config.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'config.json.part'))).toBe(false);
  });

  it('an HTTP error names the status, file and URL', async () => {
    const modelsDir = await freshDir('404');
    hub.mode = 'not-found';
    const err = await failure(fetchModels(modelsDir, manifestFor(files), { baseUrl: hub.baseUrl }));
    expect(err.message).toMatch(/HTTP 404 .*config\.json for Test-NLP\/opus-mt-xx-en from http:\/\/127\.0\.0\.1:\d+\/Test-NLP/);
  });

  it('an unpinned entry goes through trust on first use', async () => {
    const modelsDir = await freshDir('tofu');
    const manifest = manifestFor(files, { pinned: false, revision: null });
    const [before] = await listModels(modelsDir, manifest);
    expect(before).toMatchObject({ state: 'missing', revisionPinned: false, expectedBytes: null });
    expect(before?.unpinnedFiles).toHaveLength(6);

    const [r] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect(hub.log[0]?.url).toBe('/Test-NLP/opus-mt-xx-en/resolve/main/config.json');
    expect(r?.files.every((f) => f.pinnedBy === 'tofu')).toBe(true);
    const dir = modelDir(modelsDir, manifest.models[0]!);
    const lock = JSON.parse(await readFile(path.join(dir, '.tandem-lock.json'), 'utf8')) as {
      source: string;
      files: Record<string, { sha256: string; size: number }>;
    };
    expect(lock.source).toBe('download');
    expect(lock.files[DEC]).toMatchObject({ sha256: sha256(files.get(DEC)!), size: files.get(DEC)!.length });

    const [st] = await listModels(modelsDir, manifest);
    expect(st).toMatchObject({ state: 'installed', unpinnedFiles: [] });
    expect(st?.files.every((f) => f.pinnedBy === 'lock')).toBe(true);
    const [v] = await verifyModels(modelsDir, manifest);
    expect(v?.ok).toBe(true);
    expect(v?.files.every((f) => f.pinnedBy === 'lock')).toBe(true);

    // Upstream changes under 'main': the recorded hash catches it on the next download.
    await rm(path.join(dir, DEC));
    hub.mode = 'wrong-bytes';
    await expect(fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl })).rejects.toThrow(/sha256 mismatch for onnx\/decoder_model_merged\.onnx.*lock file/);
    expect(existsSync(path.join(dir, DEC))).toBe(false);
  });
});

describe('verify and list', () => {
  it('verify detects a single corrupted byte; list reports missing, partial, corrupt and installed', async () => {
    const modelsDir = await freshDir('verify');
    const manifest = manifestFor(files);
    expect((await listModels(modelsDir, manifest))[0]).toMatchObject({ state: 'missing', bytesOnDisk: 0, missingFiles: [...files.keys()] });
    const [vMissing] = await verifyModels(modelsDir, manifest, { lang: 'is' });
    expect(vMissing?.ok).toBe(false);
    expect(vMissing?.files.every((f) => f.status === 'missing')).toBe(true);

    await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    const expectedBytes = [...files.values()].reduce((s, b) => s + b.length, 0);
    expect((await listModels(modelsDir, manifest))[0]).toMatchObject({ state: 'installed', bytesOnDisk: expectedBytes, expectedBytes });

    const dir = modelDir(modelsDir, manifest.models[0]!);
    const decPath = path.join(dir, DEC);
    const bytes = await readFile(decPath);
    bytes[123_456] = bytes[123_456]! ^ 0x01;
    await writeFile(decPath, bytes);
    const [v] = await verifyModels(modelsDir, manifest);
    expect(v?.ok).toBe(false);
    const bad = v?.files.filter((f) => f.status !== 'ok');
    expect(bad).toHaveLength(1);
    expect(bad?.[0]).toMatchObject({ file: DEC, status: 'mismatch', expectedSha256: sha256(files.get(DEC)!), actualSha256: sha256(bytes) });
    // Same size, so the cheap listing cannot tell; a truncated file is 'corrupt'.
    await writeFile(decPath, bytes.subarray(0, 1000));
    expect((await listModels(modelsDir, manifest))[0]?.state).toBe('corrupt');
    // Re-fetching replaces the corrupt file (it is not verified).
    await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect((await verifyModels(modelsDir, manifest))[0]?.ok).toBe(true);

    await rm(path.join(dir, ENC));
    expect((await listModels(modelsDir, manifest))[0]).toMatchObject({ state: 'partial', missingFiles: [ENC] });
  });

  it('verify with an unknown language is an error', async () => {
    await expect(verifyModels('/nonexistent', manifestFor(files, { lang: 'is' }), { lang: 'de' })).rejects.toThrow(/no model for de/);
  });
});

describe('add (side-load)', () => {
  async function sourceFolder(name: string): Promise<string> {
    const src = await freshDir(name);
    await writeFakeModel(src);
    return src;
  }

  it('copies a valid folder into place; pinned files install as installed', async () => {
    const modelsDir = await freshDir('add-ok');
    const src = await sourceFolder('src-ok');
    const manifest = manifestFor(files);
    const r = await addModel(modelsDir, manifest, src, 'is');
    expect(r).toMatchObject({ state: 'installed', replacedExisting: false, dir: modelDir(modelsDir, manifest.models[0]!) });
    expect((await listModels(modelsDir, manifest))[0]?.state).toBe('installed');
    expect((await verifyModels(modelsDir, manifest))[0]?.ok).toBe(true);
    // No temporary folders are left behind.
    expect((await readdir(modelsDir)).filter((n) => n.startsWith('.tandem'))).toEqual([]);
    // A second add of a verified install is refused.
    await expect(addModel(modelsDir, manifest, src, 'is')).rejects.toThrow(/already installed/);
  });

  it('an unpinned manifest records the side-loaded hashes and shows the model as sideloaded', async () => {
    const modelsDir = await freshDir('add-tofu');
    const src = await sourceFolder('src-tofu');
    const manifest = manifestFor(files, { pinned: false });
    // A half-finished download is replaced by the side-loaded copy.
    const dir = modelDir(modelsDir, manifest.models[0]!);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'config.json'), '{"model_type":"marian"}');
    const r = await addModel(modelsDir, manifest, src, 'is');
    expect(r).toMatchObject({ state: 'sideloaded', replacedExisting: true });
    expect(r.files.every((f) => f.pinnedBy === 'sideload')).toBe(true);
    const [st] = await listModels(modelsDir, manifest);
    expect(st).toMatchObject({ state: 'sideloaded', unpinnedFiles: [] });
    const [v] = await verifyModels(modelsDir, manifest);
    expect(v?.ok).toBe(true);
    // fetch leaves a verified side-loaded model alone.
    hub.log = [];
    const [f] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect(f?.files.every((x) => x.status === 'already-present')).toBe(true);
    expect(hub.log).toHaveLength(0);
  });

  it('rejects a folder with a missing file', async () => {
    const src = await sourceFolder('src-missing');
    await rm(path.join(src, 'tokenizer.json'));
    const modelsDir = await freshDir('add-missing');
    await expect(addModel(modelsDir, manifestFor(files), src, 'is')).rejects.toThrow(/tokenizer\.json is missing/);
    expect(existsSync(path.join(modelsDir, 'Test-NLP'))).toBe(false);
  });

  it('rejects a config that is not a Marian model, and broken tokenizer JSON', async () => {
    const src = await sourceFolder('src-config');
    await writeFile(path.join(src, 'config.json'), JSON.stringify({ model_type: 'bert' }));
    await writeFile(path.join(src, 'tokenizer_config.json'), '{"tokenizer_class": ');
    const err = await failure(addModel(await freshDir('add-config'), manifestFor(files, { pinned: false }), src, 'is'));
    expect(err.message).toMatch(/config\.json has model_type "bert", expected "marian"/);
    expect(err.message).toMatch(/tokenizer_config\.json is not valid JSON/);
  });

  it('rejects ONNX files that are not ONNX (empty, LFS pointer)', async () => {
    const src = await sourceFolder('src-onnx');
    await writeFile(path.join(src, ENC), '');
    await writeFile(path.join(src, DEC), `version https://git-lfs.github.com/spec/v1\noid sha256:${'0'.repeat(64)}\nsize 1\n`);
    const err = await failure(addModel(await freshDir('add-onnx'), manifestFor(files, { pinned: false }), src, 'is'));
    expect(err.message).toMatch(/encoder_model\.onnx is empty/);
    expect(err.message).toMatch(/decoder_model_merged\.onnx is a Git LFS pointer/);
  });

  it('rejects files that do not match the pinned manifest', async () => {
    const src = await sourceFolder('src-pin');
    const dec = await readFile(path.join(src, DEC));
    dec[5000] = dec[5000]! ^ 0xff;
    await writeFile(path.join(src, DEC), dec);
    const modelsDir = await freshDir('add-pin');
    await expect(addModel(modelsDir, manifestFor(files), src, 'is')).rejects.toThrow(/decoder_model_merged\.onnx has sha256 [0-9a-f]{64}, the manifest expects/);
    expect((await readdir(modelsDir)).filter((n) => n.startsWith('.tandem'))).toEqual([]);
  });

  it('rejects symlinks that escape the model folder', async () => {
    const src = await sourceFolder('src-link');
    const outside = await freshDir('outside');
    await writeFile(path.join(outside, 'tokenizer.json'), '{"model": {}}');
    await rm(path.join(src, 'tokenizer.json'));
    await symlink(path.join(outside, 'tokenizer.json'), path.join(src, 'tokenizer.json'));
    // A directory symlink is caught as well.
    await rm(path.join(src, 'onnx'), { recursive: true });
    await writeFakeModel(outside);
    await symlink(path.join(outside, 'onnx'), path.join(src, 'onnx'));
    const err = await failure(addModel(await freshDir('add-link'), manifestFor(files, { pinned: false }), src, 'is'));
    expect(err.message).toMatch(/tokenizer\.json is a symlink pointing outside the model folder/);
    expect(err.message).toMatch(/onnx\/encoder_model\.onnx resolves outside the model folder/);
  });

  it('accepts a symlink that stays inside the folder', async () => {
    const src = await sourceFolder('src-inlink');
    await mkdir(path.join(src, 'store'));
    await writeFile(path.join(src, 'store', 'tok.json'), await readFile(path.join(src, 'tokenizer.json')));
    await rm(path.join(src, 'tokenizer.json'));
    await symlink(path.join('store', 'tok.json'), path.join(src, 'tokenizer.json'));
    const r = await addModel(await freshDir('add-inlink'), manifestFor(files), src, 'is');
    expect(r.state).toBe('installed');
  });
});

// The generated tiny random-weight Marian model (real ONNX protobufs) goes through the same
// serve -> fetch -> verify -> add path as the fake files.
describe('with the generated tiny Marian model', () => {
  it('serves, fetches, verifies and side-loads it', async () => {
    const id = 'Test-NLP/tiny-marian';
    const served = path.join(hubRoot, ...id.split('/'));
    const written = await writeTinyMarianModel(served);
    for (const rel of REQUIRED_MODEL_FILES) expect(written.files).toContain(rel);
    const tinyFiles = await filesOf(served);
    const manifest = manifestFor(tinyFiles, { id });
    const modelsDir = await freshDir('tiny');
    const [r] = await fetchModels(modelsDir, manifest, { baseUrl: hub.baseUrl });
    expect(r?.files.every((f) => f.status === 'downloaded')).toBe(true);
    expect((await verifyModels(modelsDir, manifest))[0]?.ok).toBe(true);
    expect((await listModels(modelsDir, manifest))[0]?.state).toBe('installed');
    const added = await addModel(await freshDir('tiny-add'), manifest, served, 'is');
    expect(added.state).toBe('installed');
  });
});
