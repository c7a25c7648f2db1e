// `.tandem-lock.json`, next to a model's files: what was downloaded or side-loaded (size + sha256
// per file). For files the manifest does not pin it is the reference that verification checks
// against (trust on first use).
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LOCK_FILE, Sha256, type ModelEntry, type ModelFile } from './manifest.ts';

/** Who vouches for a file's expected hash: the manifest, or the local lock file (first use). */
export type PinSource = 'manifest' | 'lock';

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

/** What one file should be, and who says so. */
export interface Expected {
  size: number | null;
  sha256: string | null;
  pinnedBy: PinSource | null;
}

/** The lock file of a model folder, if present, valid and about this entry (same id; same revision unless side-loaded). */
export async function readLock(dir: string, entry: ModelEntry): Promise<LockData | null> {
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

/** Adds (or replaces) one file's record and writes the lock atomically (temporary file + rename). */
export async function recordInLock(
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

/**
 * Writes the lock of a side-loaded copy in one go. `dir` is a fresh temporary folder that is
 * renamed into place afterwards, so no temporary file is needed here.
 */
export async function writeSideloadLock(
  dir: string,
  entry: ModelEntry,
  files: ReadonlyArray<{ file: string; bytes: number; sha256: string; pinnedBy: 'manifest' | 'sideload' }>,
): Promise<void> {
  const now = new Date().toISOString();
  const lock: LockData = {
    version: 1,
    id: entry.id,
    revision: null,
    source: 'sideload',
    files: Object.fromEntries(files.map((c) => [c.file, { size: c.bytes, sha256: c.sha256, pinnedBy: c.pinnedBy, recordedAt: now }])),
  };
  await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(lock, null, 2) + '\n');
}

/** A file's expected size and hash: the manifest's pin first, else the lock file's record. */
export function expectedFor(f: ModelFile, lock: LockData | null): Expected {
  const l = lock?.files[f.path];
  if (f.sha256 !== null) return { size: f.size ?? l?.size ?? null, sha256: f.sha256, pinnedBy: 'manifest' };
  if (l) return { size: f.size ?? l.size, sha256: l.sha256, pinnedBy: 'lock' };
  return { size: f.size, sha256: null, pinnedBy: null };
}
