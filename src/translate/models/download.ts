// Downloading models over HTTP(S): the only network access Tandem makes, and only on explicit
// request. A download resumes from `<file>.part` with a Range request and is checked (size,
// sha256) before it is renamed into place.
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ModelVariant, SourceLang } from '../../common/index.ts';
import { fileSize, hashInto, sha256File } from './files.ts';
import { expectedFor, readLock, recordInLock, type Expected, type PinSource } from './lock.ts';
import { entryForVariant, modelDir, PART_SUFFIX, selectEntries, type Manifest, type ModelEntry } from './manifest.ts';

export interface FetchProgress {
  lang: SourceLang;
  file: string;
  /** Bytes of this file on disk so far (a resumed prefix included). */
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
}

export interface FetchOptions {
  lang?: SourceLang;
  /** Which ONNX files: fp32 (default) or a variant the manifest lists, e.g. q8 (int8). */
  variant?: ModelVariant;
  /** Overrides `manifest.hubBaseUrl` (tests, offline mirrors). */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?: (p: FetchProgress) => void;
}

interface FetchFileResult {
  file: string;
  url: string | null;
  status: 'downloaded' | 'resumed' | 'already-present';
  bytes: number;
  /** Bytes that crossed the network for this file in this call. */
  bytesTransferred: number;
  sha256: string;
  /** 'tofu' = not pinned anywhere before: the hash was recorded now (trust on first use). */
  pinnedBy: PinSource | 'tofu';
}

interface FetchResult {
  lang: SourceLang;
  id: string;
  revision: string | null;
  variant: ModelVariant;
  dir: string;
  files: FetchFileResult[];
  bytesTransferred: number;
}

/**
 * Download the model files over HTTP(S). Resumes from `<file>.part` with a Range request,
 * checks sha256, and renames into place atomically. A file that is present and verifies is
 * never downloaded again. Aborting (opts.signal) keeps the `.part` for the next run.
 */
export async function fetchModels(modelsDir: string, manifest: Manifest, opts: FetchOptions = {}): Promise<FetchResult[]> {
  const base = (opts.baseUrl ?? manifest.hubBaseUrl).replace(/\/+$/, '');
  const out: FetchResult[] = [];
  const variant = opts.variant ?? 'fp32';
  // Every model must offer the variant before anything is downloaded.
  const entries = selectEntries(manifest, opts.lang).map((e) => entryForVariant(e, variant));
  for (const entry of entries) {
    opts.signal?.throwIfAborted();
    const dir = modelDir(modelsDir, entry);
    await mkdir(dir, { recursive: true });
    let lock = await readLock(dir, entry);
    const results: FetchFileResult[] = [];
    for (const f of entry.files) {
      opts.signal?.throwIfAborted();
      const exp = expectedFor(f, lock);
      const url = fileUrl(manifest.urlTemplate, base, entry, f.path);
      const r = await fetchOne({ entry, file: f.path, dir, url, expected: exp, opts });
      results.push(r);
      const prior = lock?.files[f.path];
      if (prior?.sha256 !== r.sha256 || prior.size !== r.bytes) {
        lock = await recordInLock(dir, entry, lock, 'download', f.path, {
          size: r.bytes,
          sha256: r.sha256,
          pinnedBy: r.pinnedBy === 'manifest' ? 'manifest' : 'tofu',
        });
      }
      if (r.status !== 'already-present') await rename(path.join(dir, f.path + PART_SUFFIX), path.join(dir, f.path));
    }
    out.push({
      lang: entry.lang,
      id: entry.id,
      revision: entry.revision,
      variant,
      dir,
      files: results,
      bytesTransferred: results.reduce((s, r) => s + r.bytesTransferred, 0),
    });
  }
  return out;
}

function fileUrl(template: string, base: string, entry: ModelEntry, file: string): string {
  const enc = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  return template
    .replace('{base}', base)
    .replace('{id}', enc(entry.id))
    .replace('{revision}', encodeURIComponent(entry.revision ?? 'main'))
    .replace('{file}', enc(file));
}

interface FetchOneArgs {
  entry: ModelEntry;
  file: string;
  dir: string;
  url: string;
  expected: Expected;
  opts: FetchOptions;
}

/** How the server answered: the bytes still to write (none after a 416), appended or from byte 0. */
interface Reply {
  body: ReadableStream<Uint8Array> | null;
  append: boolean;
  total: number | null;
}

/**
 * Make sure `<file>.part` holds the verified content of one file (the caller renames it into
 * place after recording it in the lock), or report the final file as already present.
 */
async function fetchOne(a: FetchOneArgs): Promise<FetchFileResult> {
  const finalPath = path.join(a.dir, ...a.file.split('/'));
  const partPath = finalPath + PART_SUFFIX;
  const present = await presentAndVerified(a, finalPath);
  if (present) return present;

  const partSize = await preparePart(partPath, a.expected.size);
  const resumed = partSize > 0;
  // Hash the prefix already on disk, then continue with the bytes that arrive.
  const hash = createHash('sha256');
  if (resumed) await hashInto(hash, partPath);
  const prefixStatus = resumed ? 'resumed' : 'downloaded';
  if (a.expected.size !== null && partSize === a.expected.size) {
    return finishPart(a, partPath, hash, prefixStatus, a.expected.size, 0);
  }

  const reply = await requestRest(a, partPath, partSize);
  if (reply.body === null) return finishPart(a, partPath, hash, prefixStatus, reply.total, 0);
  // A 200 starts the file again from byte 0, so the prefix's hash no longer counts.
  const writeHash = reply.append ? hash : createHash('sha256');
  const transferred = await receive(a, partPath, reply, writeHash, reply.append ? partSize : 0);
  return finishPart(a, partPath, writeHash, reply.append ? prefixStatus : 'downloaded', reply.total, transferred);
}

/** A present file that verifies is never downloaded again. */
async function presentAndVerified(a: FetchOneArgs, finalPath: string): Promise<FetchFileResult | null> {
  const { expected } = a;
  const finalSize = await fileSize(finalPath);
  if (finalSize === null || expected.sha256 === null || (expected.size !== null && expected.size !== finalSize)) return null;
  const sha = await sha256File(finalPath);
  if (sha !== expected.sha256) return null;
  return { file: a.file, url: null, status: 'already-present', bytes: finalSize, bytesTransferred: 0, sha256: sha, pinnedBy: expected.pinnedBy ?? 'tofu' };
}

/** The size of a usable `.part` (a longer one than expected is dropped). */
async function preparePart(partPath: string, expectedSize: number | null): Promise<number> {
  await mkdir(path.dirname(partPath), { recursive: true });
  const partSize = (await fileSize(partPath)) ?? 0;
  if (expectedSize !== null && partSize > expectedSize) {
    await rm(partPath, { force: true });
    return 0;
  }
  return partSize;
}

/** Asks for the bytes after `partSize` and checks the answer against what the manifest expects. */
async function requestRest(a: FetchOneArgs, partPath: string, partSize: number): Promise<Reply> {
  const { entry, file, url, expected } = a;
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (partSize > 0) headers['range'] = `bytes=${partSize}-`;
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'follow', signal: a.opts.signal ?? null });
  } catch (err) {
    throw downloadError(err, `Cannot download ${file} for ${entry.id} from ${url}`);
  }
  const { append, total } = await readStatus(a, res, partPath, partSize);
  if (total !== null && expected.size !== null && total !== expected.size) {
    await res.body?.cancel();
    await rm(partPath, { force: true });
    throw new Error(`Download of ${file} for ${entry.id} from ${url}: the server sends ${total} bytes, the manifest expects ${expected.size}`);
  }
  if (res.status === 416) return { body: null, append, total };
  if (!res.body) throw new Error(`Download of ${file} for ${entry.id} from ${url}: empty response body`);
  return { body: res.body, append, total };
}

/** Interprets the status: 206 continues the `.part`, 416 may mean it is complete, 200 starts again. */
async function readStatus(a: FetchOneArgs, res: Response, partPath: string, partSize: number): Promise<{ append: boolean; total: number | null }> {
  const { entry, file, url } = a;
  const fallback = a.expected.size;
  if (res.status === 206) {
    const cr = parseContentRange(res.headers.get('content-range'));
    if (!cr || cr.start !== partSize) {
      await res.body?.cancel();
      await rm(partPath, { force: true });
      throw new Error(
        `Download of ${file} for ${entry.id} from ${url}: the server answered a resume request with an unexpected range (${res.headers.get('content-range') ?? 'none'}); the partial file was deleted, run the fetch again`,
      );
    }
    return { append: true, total: cr.total ?? fallback };
  }
  if (res.status === 416 && partSize > 0) {
    // Nothing left to send: the .part may already be complete.
    const cr = parseContentRange(res.headers.get('content-range'));
    await res.body?.cancel();
    if (cr?.total !== partSize) {
      await rm(partPath, { force: true });
      throw new Error(`Download of ${file} for ${entry.id} from ${url}: the server refused to resume (HTTP 416); the partial file was deleted, run the fetch again`);
    }
    return { append: false, total: partSize };
  }
  if (res.ok) {
    // 200: the server ignored Range (or there was none): the file starts again from byte 0.
    const len = res.headers.get('content-length');
    return { append: false, total: len !== null && /^\d+$/.test(len) ? Number(len) : fallback };
  }
  await res.body?.cancel();
  throw new Error(`HTTP ${res.status} ${res.statusText} while downloading ${file} for ${entry.id} from ${url}`);
}

/** Writes the body into the `.part`, hashing and reporting progress; returns the bytes transferred. */
async function receive(a: FetchOneArgs, partPath: string, reply: Reply, hash: Hash, startAt: number): Promise<number> {
  const { entry, file, url } = a;
  let received = startAt;
  let transferred = 0;
  const fh = await open(partPath, reply.append ? 'a' : 'w');
  const started = Date.now();
  try {
    for await (const chunk of reply.body as unknown as AsyncIterable<Uint8Array>) {
      await fh.write(chunk);
      hash.update(chunk);
      received += chunk.length;
      transferred += chunk.length;
      if (a.opts.onProgress) {
        const secs = Math.max((Date.now() - started) / 1000, 0.001);
        a.opts.onProgress({ lang: entry.lang, file, receivedBytes: received, totalBytes: reply.total, bytesPerSecond: transferred / secs });
      }
    }
    await fh.sync();
  } catch (err) {
    throw downloadError(
      err,
      `Download of ${file} for ${entry.id} from ${url} stopped after ${received} bytes; the partial file is kept, run the fetch again to resume`,
    );
  } finally {
    await fh.close();
  }
  return transferred;
}

/** Checks the finished `.part` against the expected total, size and hash; a wrong one is deleted. */
async function finishPart(
  a: FetchOneArgs,
  partPath: string,
  hash: Hash,
  status: 'downloaded' | 'resumed',
  total: number | null,
  transferred: number,
): Promise<FetchFileResult> {
  const { entry, file, url, expected } = a;
  const bytes = (await fileSize(partPath)) ?? 0;
  const sha = hash.digest('hex');
  if (total !== null && bytes !== total) {
    throw new Error(
      `Download of ${file} for ${entry.id} from ${url} ended after ${bytes} of ${total} bytes; the partial file is kept, run the fetch again to resume`,
    );
  }
  if (expected.size !== null && bytes !== expected.size) {
    await rm(partPath, { force: true });
    throw new Error(`Size mismatch for ${file} of ${entry.id} downloaded from ${url}: got ${bytes} bytes, expected ${expected.size}; the download was deleted`);
  }
  if (expected.sha256 !== null && sha !== expected.sha256) {
    await rm(partPath, { force: true });
    const by = expected.pinnedBy === 'lock' ? 'the lock file (first download)' : 'the manifest';
    throw new Error(
      `sha256 mismatch for ${file} of ${entry.id} downloaded from ${url}: expected ${expected.sha256} (from ${by}), got ${sha}; the download was deleted`,
    );
  }
  return { file, url, status, bytes, bytesTransferred: transferred, sha256: sha, pinnedBy: expected.pinnedBy ?? 'tofu' };
}

function parseContentRange(h: string | null): { start: number; end: number | null; total: number | null } | null {
  if (!h) return null;
  const m = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(h.trim());
  if (!m) return null;
  return {
    start: m[1] !== undefined ? Number(m[1]) : -1,
    end: m[2] !== undefined ? Number(m[2]) : null,
    total: m[3] !== undefined && m[3] !== '*' ? Number(m[3]) : null,
  };
}

/** Keep AbortErrors as they are (callers check `name === 'AbortError'`); wrap anything else with context. */
function downloadError(err: unknown, context: string): Error {
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return err;
  const cause = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
  return new Error(`${context} (${cause})`, { cause: err });
}
