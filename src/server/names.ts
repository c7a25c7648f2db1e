// File names the page may create in the server's folders: sanitized, and never overwriting a
// file already there.
import { open, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { HttpError } from './http.ts';

/** Longest name an upload is saved under, in bytes of UTF-8 (file systems allow 255; room for " (n)"). */
const MAX_NAME_BYTES = 200;
/** Longest extension kept when a name is shortened, in bytes. */
const MAX_EXT_BYTES = 16;

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
export async function placeFile(part: string, dir: string, name: string): Promise<string> {
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

/** The first of `name`, `name (2)` ... that does not exist in `dir` yet (the export writes it). */
export async function freeName(dir: string, name: string): Promise<string> {
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
