// The built review UI, served read-only from its folder. The page response carries the CSP and
// the token cookie; nothing outside the folder is ever read.
import { open, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentType, PAGE_CSP, RENDERER_DIR } from '../common/index.ts';
import { HttpError } from './http.ts';

/** The built renderer of this install (the same from source and from the bundle). */
export const DEFAULT_RENDERER_DIR = RENDERER_DIR;

type StaticHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Serves files of `rendererDir` (resolved); `sessionCookie` is set with the page itself. */
export function staticFiles(rendererDir: string, sessionCookie: () => string): StaticHandler {
  return async (req, res, url) => {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError('not_found', 'Not found');
    }
    if (rel.includes('\0') || rel.includes('\\')) throw new HttpError('not_found', 'Not found');
    if (rel === '/' || rel === '/index.html') rel = '/index.html';
    const full = resolve(rendererDir, `.${rel}`);
    if (!full.startsWith(rendererDir + sep)) throw new HttpError('not_found', 'Not found');
    let real: string;
    try {
      real = await realpath(full);
      const root = await realpath(rendererDir);
      if (!real.startsWith(root + sep) || !(await stat(real)).isFile()) throw new Error('outside');
    } catch {
      if (rel === '/index.html') throw new HttpError('not_built', 'The review UI is not built: run `npm run build:renderer`');
      throw new HttpError('not_found', 'Not found');
    }
    const type = contentType(extname(real));
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (rel === '/index.html') {
      headers['Content-Security-Policy'] = PAGE_CSP;
      // Lets the page's own scripts and styles load without the token in their URLs.
      headers['Set-Cookie'] = sessionCookie();
    }
    const fh = await open(real, 'r');
    try {
      const size = (await fh.stat()).size;
      headers['Content-Length'] = String(size);
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return void res.end();
      await pipeline(fh.createReadStream(), res);
    } finally {
      await fh.close().catch(() => undefined);
    }
  };
}
