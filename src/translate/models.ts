// Model manifest and model management: list, verify, fetch (the only network access Tandem
// makes, and only on explicit request) and side-load from removable media.
//
// On disk a model lives at `${modelsDir}/${id}/...` (e.g. models/Xenova/opus-mt-de-en/onnx/
// encoder_model.onnx), which is where transformers.js finds it with `env.localModelPath =
// modelsDir` and `allowRemoteModels = false`. Next to the files sits `.tandem-lock.json`, the
// record of what was downloaded or side-loaded (size + sha256 per file): for files the manifest
// does not pin it is the reference that `verifyModels` checks against (trust on first use).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { lstat, mkdir, open, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MANIFEST } from '../common/paths.ts';
import { SOURCE_LANGS } from '../api/types.ts';
import type { SourceLang } from '../api/types.ts';

// ---------------------------------------------------------------------------------------------
// Manifest schema
// ---------------------------------------------------------------------------------------------

/** Files transformers.js needs to run a Marian model in fp32 (encoder + merged decoder). */
export const REQUIRED_MODEL_FILES = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model.onnx',
  'onnx/decoder_model_merged.onnx',
] as const;

const LOCK_FILE = '.tandem-lock.json';
const PART_SUFFIX = '.part';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const RelPath = z
  .string()
  .min(1)
  .refine(
    (p) => p.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..') && !p.endsWith(PART_SUFFIX) && p !== LOCK_FILE,
    'file path must be relative, use "/" and contain no "..", "." or empty segments',
  );
const ModelId = z
  .string()
  .refine((id) => {
    const parts = id.split('/');
    return parts.length === 2 && parts.every((s) => SEGMENT.test(s) && s !== '..' && !s.startsWith('.'));
  }, 'model id must look like "owner/name"');

export const ModelFile = z.object({
  path: RelPath,
  /** Exact size in bytes, or null when not pinned. */
  size: z.number().int().nonnegative().nullable(),
  /** sha256 (hex) of the file, or null when not pinned (trust on first use). */
  sha256: Sha256.nullable(),
  /** Where the pinned values came from. */
  source: z.string().optional(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export const ModelQuality = z.object({
  model: z.string(),
  testset: z.string(),
  bleu: z.number().nullable(),
  chrf: z.number().nullable(),
  source: z.string(),
});
export type ModelQuality = z.infer<typeof ModelQuality>;

export const ModelEntry = z
  .object({
    lang: z.enum(SOURCE_LANGS),
    /** Model id as transformers.js loads it, e.g. `Xenova/opus-mt-de-en`. */
    id: ModelId,
    /** The Helsinki-NLP model it was converted from. */
    upstream: z.string(),
    /** Git commit of the hub repository, or null for `main` (not pinned). */
    revision: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'revision must be a 40-hex git commit')
      .nullable(),
    note: z.string().optional(),
    quality: z.array(ModelQuality).optional(),
    files: z.array(ModelFile).min(1),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    for (const f of entry.files) {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', message: `${entry.id}: file ${f.path} listed twice` });
      seen.add(f.path);
    }
    for (const req of REQUIRED_MODEL_FILES) {
      if (!seen.has(req)) ctx.addIssue({ code: 'custom', message: `${entry.id}: required file ${req} is not listed` });
    }
  });
export type ModelEntry = z.infer<typeof ModelEntry>;

export const Manifest = z
  .object({
    manifestVersion: z.literal(1),
    hubBaseUrl: z.string().url(),
    urlTemplate: z.string().default('{base}/{id}/resolve/{revision}/{file}'),
    notes: z.string().optional(),
    models: z.array(ModelEntry),
  })
  .superRefine((m, ctx) => {
    const langs = new Set<string>();
    for (const e of m.models) {
      if (langs.has(e.lang)) ctx.addIssue({ code: 'custom', message: `language ${e.lang} has more than one model` });
      langs.add(e.lang);
    }
    for (const key of ['{base}', '{id}', '{file}']) {
      if (!m.urlTemplate.includes(key)) ctx.addIssue({ code: 'custom', message: `urlTemplate lacks ${key}` });
    }
  });
export type Manifest = z.infer<typeof Manifest>;


/** Read and validate a manifest (default: the bundled `models/manifest.json`). */
export function loadManifest(manifestPath: string = DEFAULT_MANIFEST): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read model manifest ${manifestPath}: ${(err as Error).message}`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid model manifest ${manifestPath}: ${issues}`);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Public result types
// ---------------------------------------------------------------------------------------------

export type ModelState = 'installed' | 'missing' | 'partial' | 'corrupt' | 'sideloaded';
/** Who vouches for a file's expected hash: the manifest, or the local lock file (first use). */
export type PinSource = 'manifest' | 'lock';

export interface ModelFileStatus {
  file: string;
  present: boolean;
  bytes: number | null;
  expectedBytes: number | null;
  /** Bytes of an unfinished download (`<file>.part`), if any. */
  partBytes: number | null;
  /** null = unpinned: neither manifest nor lock file gives a hash. */
  pinnedBy: PinSource | null;
  expectedSha256: string | null;
}

export interface ModelStatus {
  lang: SourceLang;
  id: string;
  revision: string | null;
  revisionPinned: boolean;
  dir: string;
  state: ModelState;
  /** Final files plus unfinished `.part` downloads. */
  bytesOnDisk: number;
  /** Sum of known expected sizes; null when any size is unknown. */
  expectedBytes: number | null;
  missingFiles: string[];
  /** Files whose sha256 neither manifest nor lock file pins. */
  unpinnedFiles: string[];
  files: ModelFileStatus[];
}

export type VerifyFileStatus = 'ok' | 'mismatch' | 'missing' | 'unpinned';

export interface VerifyFileResult {
  file: string;
  status: VerifyFileStatus;
  expectedSha256: string | null;
  actualSha256: string | null;
  expectedBytes: number | null;
  actualBytes: number | null;
  pinnedBy: PinSource | null;
}

export interface VerifyResult {
  lang: SourceLang;
  id: string;
  dir: string;
  ok: boolean;
  files: VerifyFileResult[];
}

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
  /** Overrides `manifest.hubBaseUrl` (tests, offline mirrors). */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?: (p: FetchProgress) => void;
}

export interface FetchFileResult {
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

export interface FetchResult {
  lang: SourceLang;
  id: string;
  revision: string | null;
  dir: string;
  files: FetchFileResult[];
  bytesTransferred: number;
}

export interface AddResult {
  lang: SourceLang;
  id: string;
  dir: string;
  state: 'installed' | 'sideloaded';
  replacedExisting: boolean;
  files: Array<{ file: string; bytes: number; sha256: string; pinnedBy: 'manifest' | 'sideload' }>;
}

// ---------------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------------

/** Folder of one model: `${modelsDir}/${id}` (where transformers.js looks with localModelPath). */
export function modelDir(modelsDir: string, entry: ModelEntry): string {
  return path.join(modelsDir, ...entry.id.split('/'));
}

const LANG_NAMES: Record<SourceLang, string> = { de: 'German', is: 'Icelandic', nl: 'Dutch' };

/** The message shown when a language has no usable model. */
export function missingModelMessage(lang: SourceLang, manifest: Manifest): string {
  const entry = manifest.models.find((m) => m.lang === lang);
  const what = entry ? ` (${entry.id} is not installed)` : '';
  return (
    `No translation model for ${LANG_NAMES[lang]} (${lang})${what}. ` +
    `Run \`tandem models fetch --lang ${lang}\`, or copy a model folder here and run ` +
    `\`tandem models add DIR --lang ${lang}\`.`
  );
}

/** State of every model in the manifest, from file presence and sizes only (no hashing). */
export async function listModels(modelsDir: string, manifest: Manifest): Promise<ModelStatus[]> {
  const out: ModelStatus[] = [];
  for (const entry of manifest.models) {
    const dir = modelDir(modelsDir, entry);
    const lock = await readLock(dir, entry);
    const files: ModelFileStatus[] = [];
    let bytesOnDisk = 0;
    let expectedTotal: number | null = 0;
    let sizeMismatch = false;
    for (const f of entry.files) {
      const exp = expectedFor(f, lock);
      const bytes = await fileSize(path.join(dir, f.path));
      const partBytes = await fileSize(path.join(dir, f.path + PART_SUFFIX));
      bytesOnDisk += (bytes ?? 0) + (partBytes ?? 0);
      expectedTotal = expectedTotal === null || exp.size === null ? null : expectedTotal + exp.size;
      if (bytes !== null && exp.size !== null && bytes !== exp.size) sizeMismatch = true;
      files.push({ file: f.path, present: bytes !== null, bytes, expectedBytes: exp.size, partBytes, pinnedBy: exp.pinnedBy, expectedSha256: exp.sha256 });
    }
    const missingFiles = files.filter((f) => !f.present).map((f) => f.file);
    const anyPart = files.some((f) => f.partBytes !== null);
    let state: ModelState;
    if (missingFiles.length === files.length && !anyPart) state = 'missing';
    else if (missingFiles.length > 0) state = 'partial';
    else if (sizeMismatch) state = 'corrupt';
    else if (lock?.source === 'sideload' && Object.values(lock.files).some((f) => f.pinnedBy === 'sideload')) state = 'sideloaded';
    else state = 'installed';
    out.push({
      lang: entry.lang,
      id: entry.id,
      revision: entry.revision,
      revisionPinned: entry.revision !== null,
      dir,
      state,
      bytesOnDisk,
      expectedBytes: expectedTotal,
      missingFiles,
      unpinnedFiles: files.filter((f) => f.pinnedBy === null).map((f) => f.file),
      files,
    });
  }
  return out;
}

/** Hash every file (streaming) and compare with the manifest, or with the lock file where the manifest pins nothing. */
export async function verifyModels(
  modelsDir: string,
  manifest: Manifest,
  opts: { lang?: SourceLang } = {},
): Promise<VerifyResult[]> {
  const out: VerifyResult[] = [];
  for (const entry of selectEntries(manifest, opts.lang)) {
    const dir = modelDir(modelsDir, entry);
    const lock = await readLock(dir, entry);
    const files: VerifyFileResult[] = [];
    for (const f of entry.files) {
      const exp = expectedFor(f, lock);
      const file = path.join(dir, f.path);
      const actualBytes = await fileSize(file);
      const base = { file: f.path, expectedSha256: exp.sha256, expectedBytes: exp.size, actualBytes, pinnedBy: exp.pinnedBy };
      if (actualBytes === null) {
        files.push({ ...base, status: 'missing', actualSha256: null });
        continue;
      }
      const actualSha256 = await sha256File(file);
      let status: VerifyFileStatus;
      if (exp.size !== null && exp.size !== actualBytes) status = 'mismatch';
      else if (exp.sha256 === null) status = 'unpinned';
      else status = exp.sha256 === actualSha256 ? 'ok' : 'mismatch';
      files.push({ ...base, status, actualSha256 });
    }
    out.push({ lang: entry.lang, id: entry.id, dir, ok: files.every((f) => f.status === 'ok'), files });
  }
  return out;
}

/**
 * Download the model files over HTTP(S). Resumes from `<file>.part` with a Range request,
 * checks sha256, and renames into place atomically. A file that is present and verifies is
 * never downloaded again. Aborting (opts.signal) keeps the `.part` for the next run.
 */
export async function fetchModels(modelsDir: string, manifest: Manifest, opts: FetchOptions = {}): Promise<FetchResult[]> {
  const base = (opts.baseUrl ?? manifest.hubBaseUrl).replace(/\/+$/, '');
  const out: FetchResult[] = [];
  for (const entry of selectEntries(manifest, opts.lang)) {
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
      dir,
      files: results,
      bytesTransferred: results.reduce((s, r) => s + r.bytesTransferred, 0),
    });
  }
  return out;
}

/**
 * Side-load a model folder (e.g. copied from removable media): validate it, copy it into
 * `${modelsDir}/${id}` through a temporary folder in modelsDir and a rename.
 */
export async function addModel(modelsDir: string, manifest: Manifest, sourceDir: string, lang: SourceLang): Promise<AddResult> {
  const entry = selectEntries(manifest, lang)[0]!;
  const problems: string[] = [];
  let srcRoot: string;
  try {
    srcRoot = await realpath(sourceDir);
    if (!(await stat(srcRoot)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new Error(`Cannot add model from ${sourceDir}: ${(err as Error).message}`);
  }
  await mkdir(modelsDir, { recursive: true });
  const dest = modelDir(modelsDir, entry);
  const modelsRoot = await realpath(modelsDir);
  if (isInside(srcRoot, path.join(modelsRoot, ...entry.id.split('/')))) {
    throw new Error(`Cannot add model from ${sourceDir}: it is the installed model folder itself`);
  }

  // 1. Every required file: a regular file inside the source folder (symlinks may not escape).
  const sources = new Map<string, string>();
  for (const f of entry.files) {
    const p = path.join(srcRoot, ...f.path.split('/'));
    try {
      const st = await lstat(p);
      let real = p;
      if (st.isSymbolicLink()) {
        real = await realpath(p);
        if (!isInside(real, srcRoot)) {
          problems.push(`${f.path} is a symlink pointing outside the model folder (${real})`);
          continue;
        }
      } else {
        // A parent directory could itself be a symlink (e.g. onnx -> /elsewhere).
        real = await realpath(p);
        if (!isInside(real, srcRoot)) {
          problems.push(`${f.path} resolves outside the model folder (${real})`);
          continue;
        }
      }
      if (!(await stat(real)).isFile()) {
        problems.push(`${f.path} is not a regular file`);
        continue;
      }
      sources.set(f.path, real);
    } catch {
      problems.push(`${f.path} is missing`);
    }
  }

  // 2. Content checks.
  for (const [rel, real] of sources) {
    const problem = await checkContent(rel, real);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new Error(`Cannot add model for ${LANG_NAMES[lang]} (${lang}) from ${sourceDir}: ${problems.join('; ')}`);

  // 3. Copy into a temporary folder in modelsDir, hashing the bytes actually copied.
  const tmp = path.join(modelsDir, `.tandem-add-${randomBytes(6).toString('hex')}`);
  const copied: AddResult['files'] = [];
  let replacedExisting = false;
  try {
    for (const f of entry.files) {
      const to = path.join(tmp, ...f.path.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      const { bytes, sha256 } = await copyAndHash(sources.get(f.path)!, to);
      if (f.size !== null && f.size !== bytes) problems.push(`${f.path} has ${bytes} bytes, the manifest expects ${f.size}`);
      else if (f.sha256 !== null && f.sha256 !== sha256) problems.push(`${f.path} has sha256 ${sha256}, the manifest expects ${f.sha256}`);
      copied.push({ file: f.path, bytes, sha256, pinnedBy: f.sha256 !== null ? 'manifest' : 'sideload' });
    }
    if (problems.length > 0) throw new Error(`Cannot add model for ${LANG_NAMES[lang]} (${lang}) from ${sourceDir}: ${problems.join('; ')}`);
    const now = new Date().toISOString();
    const lock: LockData = {
      version: 1,
      id: entry.id,
      revision: null,
      source: 'sideload',
      files: Object.fromEntries(copied.map((c) => [c.file, { size: c.bytes, sha256: c.sha256, pinnedBy: c.pinnedBy, recordedAt: now }])),
    };
    await writeFile(path.join(tmp, LOCK_FILE), JSON.stringify(lock, null, 2) + '\n');

    // 4. Refuse to replace a complete, verified install; otherwise swap the folders.
    if ((await fileSize(dest, true)) !== null) {
      const [v] = await verifyModels(modelsDir, manifest, { lang });
      if (v?.ok) throw new Error(`${entry.id} is already installed and verifies in ${dest}; remove it first to replace it`);
      const old = path.join(modelsDir, `.tandem-old-${randomBytes(6).toString('hex')}`);
      await rename(dest, old);
      await rename(tmp, dest);
      await rm(old, { recursive: true, force: true });
      replacedExisting = true;
    } else {
      await mkdir(path.dirname(dest), { recursive: true });
      await rename(tmp, dest);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const sideloaded = copied.some((c) => c.pinnedBy === 'sideload');
  return { lang, id: entry.id, dir: dest, state: sideloaded ? 'sideloaded' : 'installed', replacedExisting, files: copied };
}

// ---------------------------------------------------------------------------------------------
// Private helpers
// ---------------------------------------------------------------------------------------------

const LockEntry = z.object({
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  pinnedBy: z.enum(['manifest', 'tofu', 'sideload']),
  recordedAt: z.string(),
});
const LockData = z.object({
  version: z.literal(1),
  id: z.string(),
  revision: z.string().nullable(),
  source: z.enum(['download', 'sideload']),
  files: z.record(z.string(), LockEntry),
});
type LockData = z.infer<typeof LockData>;

interface Expected {
  size: number | null;
  sha256: string | null;
  pinnedBy: PinSource | null;
}

function selectEntries(manifest: Manifest, lang: SourceLang | undefined): ModelEntry[] {
  if (lang === undefined) return manifest.models;
  const e = manifest.models.find((m) => m.lang === lang);
  if (!e) throw new Error(`The model manifest has no model for ${lang}`);
  return [e];
}

/** The lock file of a model folder, if present, valid and about this entry (same id; same revision unless side-loaded). */
async function readLock(dir: string, entry: ModelEntry): Promise<LockData | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  let parsed: ReturnType<typeof LockData.safeParse>;
  try {
    parsed = LockData.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const lock = parsed.data;
  if (lock.id !== entry.id) return null;
  if (lock.source === 'download' && lock.revision !== entry.revision) return null;
  return lock;
}

async function recordInLock(
  dir: string,
  entry: ModelEntry,
  lock: LockData | null,
  source: LockData['source'],
  file: string,
  data: { size: number; sha256: string; pinnedBy: z.infer<typeof LockEntry>['pinnedBy'] },
): Promise<LockData> {
  const next: LockData = lock
    ? { ...lock, files: { ...lock.files } }
    : { version: 1, id: entry.id, revision: source === 'download' ? entry.revision : null, source, files: {} };
  next.files[file] = { ...data, recordedAt: new Date().toISOString() };
  const target = path.join(dir, LOCK_FILE);
  const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(next, null, 2) + '\n');
  await rename(tmp, target);
  return next;
}

function expectedFor(f: ModelFile, lock: LockData | null): Expected {
  const l = lock?.files[f.path];
  if (f.sha256 !== null) return { size: f.size ?? l?.size ?? null, sha256: f.sha256, pinnedBy: 'manifest' };
  if (l) return { size: f.size ?? l.size, sha256: l.sha256, pinnedBy: 'lock' };
  return { size: f.size, sha256: null, pinnedBy: null };
}

function fileUrl(template: string, base: string, entry: ModelEntry, file: string): string {
  const enc = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  return template
    .replace('{base}', base)
    .replace('{id}', enc(entry.id))
    .replace('{revision}', encodeURIComponent(entry.revision ?? 'main'))
    .replace('{file}', enc(file));
}

/** Size of a regular file (or, with anyType, of anything that exists), or null when absent. */
async function fileSize(p: string, anyType = false): Promise<number | null> {
  try {
    const st = await stat(p);
    return st.isFile() || anyType ? st.size : null;
  } catch {
    return null;
  }
}

async function sha256File(p: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function copyAndHash(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const fh = await open(to, 'w');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      await fh.write(buf);
      bytes += buf.length;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Content sanity checks for side-loaded files; returns a problem description or null. */
async function checkContent(rel: string, real: string): Promise<string | null> {
  if (rel.endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(real, 'utf8'));
    } catch (err) {
      return `${rel} is not valid JSON (${(err as Error).message})`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${rel} is not a JSON object`;
    if (rel === 'config.json') {
      const mt = (value as Record<string, unknown>)['model_type'];
      if (mt !== 'marian') return `config.json has model_type ${JSON.stringify(mt)}, expected "marian"`;
    }
    return null;
  }
  if (rel.endsWith('.onnx')) {
    const fh = await open(real, 'r');
    try {
      const head = Buffer.alloc(64);
      const { bytesRead } = await fh.read(head, 0, head.length, 0);
      return onnxHeaderProblem(rel, head.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  }
  return null;
}

/** ModelProto field numbers with their protobuf wire types (onnx.proto). */
const MODEL_PROTO_FIELDS = new Map<number, number>([
  [1, 0], // ir_version: int64
  [2, 2], // producer_name
  [3, 2], // producer_version
  [4, 2], // domain
  [5, 0], // model_version
  [6, 2], // doc_string
  [7, 2], // graph
  [8, 2], // opset_import
  [14, 2], // metadata_props
  [20, 2], // training_info
  [25, 2], // functions
]);

function onnxHeaderProblem(rel: string, head: Buffer): string | null {
  if (head.length === 0) return `${rel} is empty`;
  if (head.subarray(0, 24).toString('latin1').startsWith('version https://git-lfs')) {
    return `${rel} is a Git LFS pointer, not the model weights (copy the real file, e.g. with git lfs pull)`;
  }
  const tag = readVarint(head, 0);
  if (!tag) return `${rel} does not start like an ONNX model (no protobuf field tag)`;
  const field = Number(tag.value >> 3n);
  const wire = Number(tag.value & 7n);
  if (MODEL_PROTO_FIELDS.get(field) !== wire) return `${rel} does not start like an ONNX model (unexpected first field ${field}/${wire})`;
  if (field === 1) {
    const ir = readVarint(head, tag.next);
    if (!ir || ir.value < 1n || ir.value > 100n) return `${rel} does not start like an ONNX model (implausible ir_version)`;
  }
  return null;
}

function readVarint(buf: Buffer, at: number): { value: bigint; next: number } | null {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
    shift += 7n;
  }
  return null;
}

// --- downloading -----------------------------------------------------------------------------

interface FetchOneArgs {
  entry: ModelEntry;
  file: string;
  dir: string;
  url: string;
  expected: Expected;
  opts: FetchOptions;
}

/**
 * Make sure `<file>.part` holds the verified content of one file (the caller renames it into
 * place after recording it in the lock), or report the final file as already present.
 */
async function fetchOne(a: FetchOneArgs): Promise<FetchFileResult> {
  const { entry, file, dir, url, expected } = a;
  const finalPath = path.join(dir, ...file.split('/'));
  const partPath = finalPath + PART_SUFFIX;
  const pinnedBy: FetchFileResult['pinnedBy'] = expected.pinnedBy ?? 'tofu';

  // A present file that verifies is never downloaded again.
  const finalSize = await fileSize(finalPath);
  if (finalSize !== null && expected.sha256 !== null && (expected.size === null || expected.size === finalSize)) {
    const sha = await sha256File(finalPath);
    if (sha === expected.sha256) {
      return { file, url: null, status: 'already-present', bytes: finalSize, bytesTransferred: 0, sha256: sha, pinnedBy };
    }
  }

  await mkdir(path.dirname(partPath), { recursive: true });
  let partSize = (await fileSize(partPath)) ?? 0;
  if (expected.size !== null && partSize > expected.size) {
    await rm(partPath, { force: true });
    partSize = 0;
  }
  const resumedFrom = partSize;

  const hash = createHash('sha256');
  let received = partSize;
  let transferred = 0;
  let total: number | null = expected.size;

  const complete = expected.size !== null && partSize === expected.size;
  if (partSize > 0) {
    // Hash the prefix already on disk, then continue with the bytes that arrive.
    for await (const chunk of createReadStream(partPath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  }

  if (!complete) {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (partSize > 0) headers['range'] = `bytes=${partSize}-`;
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'follow', signal: a.opts.signal ?? null });
    } catch (err) {
      throw downloadError(err, `Cannot download ${file} for ${entry.id} from ${url}`);
    }
    let append = false;
    if (res.status === 206) {
      const cr = parseContentRange(res.headers.get('content-range'));
      if (!cr || cr.start !== partSize) {
        await res.body?.cancel();
        await rm(partPath, { force: true });
        throw new Error(
          `Download of ${file} for ${entry.id} from ${url}: the server answered a resume request with an unexpected range (${res.headers.get('content-range') ?? 'none'}); the partial file was deleted, run the fetch again`,
        );
      }
      append = true;
      if (cr.total !== null) total = cr.total;
    } else if (res.status === 416 && partSize > 0) {
      // Nothing left to send: the .part may already be complete.
      const cr = parseContentRange(res.headers.get('content-range'));
      await res.body?.cancel();
      if (cr?.total !== partSize) {
        await rm(partPath, { force: true });
        throw new Error(`Download of ${file} for ${entry.id} from ${url}: the server refused to resume (HTTP 416); the partial file was deleted, run the fetch again`);
      }
      total = partSize;
    } else if (res.ok) {
      // 200: the server ignored Range (or there was none): the file starts again from byte 0.
      const len = res.headers.get('content-length');
      if (len !== null && /^\d+$/.test(len)) total = Number(len);
    } else {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} ${res.statusText} while downloading ${file} for ${entry.id} from ${url}`);
    }

    if (total !== null && expected.size !== null && total !== expected.size) {
      await res.body?.cancel();
      await rm(partPath, { force: true });
      throw new Error(`Download of ${file} for ${entry.id} from ${url}: the server sends ${total} bytes, the manifest expects ${expected.size}`);
    }

    if (res.status !== 416) {
      const body = res.body;
      if (!body) throw new Error(`Download of ${file} for ${entry.id} from ${url}: empty response body`);
      const writeHash = append ? hash : createHash('sha256');
      if (!append) received = 0;
      const fh = await open(partPath, append ? 'a' : 'w');
      const started = Date.now();
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          await fh.write(chunk);
          writeHash.update(chunk);
          received += chunk.length;
          transferred += chunk.length;
          if (a.opts.onProgress) {
            const secs = Math.max((Date.now() - started) / 1000, 0.001);
            a.opts.onProgress({ lang: entry.lang, file, receivedBytes: received, totalBytes: total, bytesPerSecond: transferred / secs });
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
      if (!append) return finish(writeHash, 'downloaded');
    }
  }
  return finish(hash, resumedFrom > 0 ? 'resumed' : 'downloaded');

  async function finish(h: ReturnType<typeof createHash>, status: 'downloaded' | 'resumed'): Promise<FetchFileResult> {
    const bytes = (await fileSize(partPath)) ?? 0;
    const sha = h.digest('hex');
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
    return { file, url, status, bytes, bytesTransferred: transferred, sha256: sha, pinnedBy };
  }
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
