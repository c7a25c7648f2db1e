// What the Tandem window may name on disk. A job's paths (the contract's jobPaths: ingest and
// importMemory read, export writes) must be ones the user chose in this session: files and folders
// picked or dropped (handed over by the preload from webUtils.getPathForFile, never typed by the
// page) and targets chosen in the native save dialog. The main process keeps one PathGrants and asks
// it before a job reaches the engine; the CLI calls the service directly and keeps full paths.
// Plain Node (no Electron import), so it is unit-tested without the Electron binary.
import { basename, extname, isAbsolute, resolve, sep } from 'node:path';
import { jobPaths, type ValidJob } from '../src/api/contract.ts';

/** An export chosen as `x.tmx` may be written as `x.tsv` too: the dialog's format switch keeps the name. */
const EXPORT_EXTENSIONS = new Set(['.tmx', '.tsv', '.jsonl', '.xlf', '.xliff']);

/** Longest path accepted from the window (longer is no real file). */
const MAX_PATH = 4096;

export class PathGrants {
  private readonly reads = new Set<string>();
  private readonly writes = new Set<string>();

  /**
   * Files or folders the user picked or dropped: they (and, for a folder, what is in it) may be
   * read. Returns the paths as granted (absolute, normalized); throws on a path that is not absolute.
   */
  allowRead(paths: readonly unknown[]): string[] {
    const keys = paths.map((p) => key(p));
    for (const k of keys) this.reads.add(k);
    return keys;
  }

  /** A file the user chose in the save dialog: an export may be written there. */
  allowWrite(path: unknown): string {
    const k = key(path);
    this.writes.add(writeKey(k));
    return k;
  }

  mayRead(path: string): boolean {
    if (!isAbsolute(path) || path.length > MAX_PATH || path.includes('\0')) return false;
    const k = resolve(path);
    if (this.reads.has(k)) return true;
    for (const granted of this.reads) if (k.startsWith(granted.endsWith(sep) ? granted : granted + sep)) return true;
    return false;
  }

  mayWrite(path: string): boolean {
    if (!isAbsolute(path) || path.length > MAX_PATH || path.includes('\0')) return false;
    return this.writes.has(writeKey(resolve(path)));
  }

  /**
   * Null when every path of the job was granted; otherwise the refusal for the window (it names
   * the file, never its folder).
   */
  refusal(job: ValidJob): string | null {
    const { reads, writes } = jobPaths(job);
    const unread = reads.find((p) => !this.mayRead(p));
    if (unread !== undefined) return `${job.method}: ${shown(unread)} was not picked or dropped in this window; import files with File › Import… or by dropping them on the window`;
    const unwritten = writes.find((p) => !this.mayWrite(p));
    if (unwritten !== undefined) return `${job.method}: ${shown(unwritten)} was not chosen in the save dialog; choose where to save in the Export dialog`;
    return null;
  }
}

function key(path: unknown): string {
  if (typeof path !== 'string' || !path || path.length > MAX_PATH || path.includes('\0') || !isAbsolute(path)) {
    throw new Error('a granted path must be an absolute path');
  }
  return resolve(path);
}

/** The same key for a chosen export target under any export format's extension. */
function writeKey(path: string): string {
  const ext = extname(path);
  return EXPORT_EXTENSIONS.has(ext.toLowerCase()) ? `${path.slice(0, path.length - ext.length)}\0export` : path;
}

function shown(path: string): string {
  const name = basename(path);
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
}
