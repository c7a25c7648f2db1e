// Files between the page and the server's folders: uploads into the inbox, export paths and
// downloads in the exports folder, and the check that keeps a job's paths inside them.
import { randomBytes } from 'node:crypto';
import { mkdir, open, realpath, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { jobPaths, type ValidJob } from '../api/contract.ts';
import { shown, type Folders } from './folders.ts';
import { formatBytes } from '../common/index.ts';
import { HttpError, requireType, sendJson } from './http.ts';
import { freeName, placeFile, sanitizeFileName } from './names.ts';

/** Export files as downloads (always as attachments, never rendered). */
const DOWNLOAD_TYPES: Record<string, string> = {
  '.tmx': 'application/xml; charset=utf-8',
  '.xlf': 'application/xliff+xml; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
};

export class PageFiles {
  constructor(private readonly folders: Folders, private readonly maxUpload: number) {}

  /** POST /api/upload?name=: the body, as application/octet-stream, saved in the inbox under a free name. */
  async upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { inbox } = this.folders;
    const maxUpload = this.maxUpload;
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

  /** A free path for an export in the exports folder (created if needed): `{path, folder, name}`. */
  async exportPath(res: ServerResponse, url: URL): Promise<void> {
    let name: string;
    try {
      name = sanitizeFileName(url.searchParams.get('name') || 'tandem-export');
    } catch {
      throw new HttpError('bad_request', 'export-path: ?name= must be a file name');
    }
    await mkdir(this.folders.exports, { recursive: true });
    const path = await freeName(this.folders.exports, name);
    sendJson(res, 200, { path, folder: this.folders.exports, name: basename(path) });
  }

  /** A finished export, by its bare file name; nothing outside the exports folder, no partial files. */
  async download(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const exportsDir = this.folders.exports;
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

  /**
   * Refuses a job that names a file the page may not name: in browser mode jobs read only from the
   * inbox (uploads) and write only into the exports folder. Messages name the file, not its folder.
   */
  async confine(job: ValidJob): Promise<void> {
    const { reads, writes } = jobPaths(job);
    for (const path of reads) {
      if (!(await within(this.folders.inbox, path, true))) {
        if (job.method === 'addModel') {
          throw new HttpError('forbidden', `addModel: ${shown(path)} is not in the inbox; in browser mode Tandem reads only from its inbox folder (inbox/ beside the database): copy the model folder there and give its full path, or run \`tandem models add DIR --lang L\``);
        }
        throw new HttpError('forbidden', `${job.method}: ${shown(path)} is not in the inbox; in browser mode only uploaded files can be read (pick or drop them in the page)`);
      }
    }
    for (const path of writes) {
      if (!(await within(this.folders.exports, path, false)) || basename(path).startsWith('.')) {
        throw new HttpError('forbidden', `${job.method}: ${shown(path)} is not in the exports folder; in browser mode exports are written there only (use the Export dialog)`);
      }
    }
  }
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
