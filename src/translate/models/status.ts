// What is installed: a quick look from presence and sizes (listModels), or a full check that
// hashes every file (verifyModels).
import path from 'node:path';
import type { ModelVariant, SourceLang } from '../../common/index.ts';
import { fileSize, sha256File } from './files.ts';
import { expectedFor, readLock, type PinSource } from './lock.ts';
import { modelDir, PART_SUFFIX, selectEntries, type Manifest } from './manifest.ts';
import { installedVariant } from './variants.ts';

type ModelState = 'installed' | 'missing' | 'partial' | 'corrupt' | 'sideloaded';

interface ModelFileStatus {
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
  /** Which ONNX files are installed (or being fetched) and load: fp32 or e.g. q8. */
  variant: ModelVariant;
  revisionPinned: boolean;
  dir: string;
  state: ModelState;
  /** Final files plus unfinished `.part` downloads. */
  bytesOnDisk: number;
  /** Sum of known expected sizes; null when any size is unknown. */
  expectedBytes: number | null;
  /**
   * The model's size for planning: exact sizes where known, else the manifest's approximate ones
   * (then `sizeApproximate` is true and `sizeNote` says where they come from); null if neither.
   */
  plannedBytes: number | null;
  sizeApproximate: boolean;
  sizeNote: string | null;
  missingFiles: string[];
  /** Files whose sha256 neither manifest nor lock file pins. */
  unpinnedFiles: string[];
  files: ModelFileStatus[];
}

type VerifyFileStatus = 'ok' | 'mismatch' | 'missing' | 'unpinned';

interface VerifyFileResult {
  file: string;
  status: VerifyFileStatus;
  expectedSha256: string | null;
  actualSha256: string | null;
  expectedBytes: number | null;
  actualBytes: number | null;
  pinnedBy: PinSource | null;
}

interface VerifyResult {
  lang: SourceLang;
  id: string;
  dir: string;
  ok: boolean;
  files: VerifyFileResult[];
}

/** State of every model in the manifest, from file presence and sizes only (no hashing). */
export async function listModels(modelsDir: string, manifest: Manifest): Promise<ModelStatus[]> {
  const out: ModelStatus[] = [];
  for (const listed of manifest.models) {
    const { entry, variant } = await installedVariant(modelsDir, listed);
    const dir = modelDir(modelsDir, entry);
    const lock = await readLock(dir, entry);
    const files: ModelFileStatus[] = [];
    let bytesOnDisk = 0;
    let expectedTotal: number | null = 0;
    let planned: number | null = 0;
    let approximate = false;
    let sizeMismatch = false;
    for (const f of entry.files) {
      const exp = expectedFor(f, lock);
      const bytes = await fileSize(path.join(dir, f.path));
      const partBytes = await fileSize(path.join(dir, f.path + PART_SUFFIX));
      bytesOnDisk += (bytes ?? 0) + (partBytes ?? 0);
      expectedTotal = expectedTotal === null || exp.size === null ? null : expectedTotal + exp.size;
      const plan = exp.size ?? f.approxSize ?? null;
      if (exp.size === null && plan !== null) approximate = true;
      planned = planned === null || plan === null ? null : planned + plan;
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
      variant,
      revisionPinned: entry.revision !== null,
      dir,
      state,
      bytesOnDisk,
      expectedBytes: expectedTotal,
      plannedBytes: planned,
      sizeApproximate: approximate,
      sizeNote: approximate ? (entry.sizeNote ?? null) : null,
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
  for (const listed of selectEntries(manifest, opts.lang)) {
    const { entry } = await installedVariant(modelsDir, listed);
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
