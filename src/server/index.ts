// The local HTTP bridge (browser mode, end-to-end tests): the built renderer and the api on a
// loopback address. Who may call it is guard.ts; what the page may name is confined too: jobs
// read files from inbox/ (where uploads land) and write exports to exports/ only (files.ts), and
// no error message shows an absolute path (folders.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { JobRunner } from '../api/jobs.ts';
import type { Tandem } from '../api/service.ts';
import { EventStreams } from './events.ts';
import { PageFiles } from './files.ts';
import { redactor, serverFolders } from './folders.ts';
import { assertLoopback, Guard } from './guard.ts';
import { HttpError, sendError } from './http.ts';
import { apiRoutes } from './routes.ts';
import { DEFAULT_RENDERER_DIR, staticFiles } from './static.ts';

export { DEFAULT_RENDERER_DIR } from './static.ts';
export { sanitizeFileName } from './names.ts';

interface ServerOptions {
  tandem: Tandem;
  /** 0 or absent: a random free port. */
  port?: number;
  /** A loopback address only (default 127.0.0.1). */
  host?: string;
  /** Folder of the built renderer (default dist/renderer of this checkout). */
  rendererDir?: string;
  /** Largest uploaded file accepted, in bytes (default 16 MB, the ingest default). */
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** The page address, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD = 16 * 1024 * 1024;

/** Starts the bridge. The one entry point of this module. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopback(host);
  const folders = serverFolders(opts.tandem.store.path, resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR));
  const redact = redactor(folders);
  const guard = new Guard();
  const runner = new JobRunner(opts.tandem);
  const events = new EventStreams(runner, redact);
  const files = new PageFiles(folders, opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD);
  const api = apiRoutes({ tandem: opts.tandem, runner, events, files, redact });
  const page = staticFiles(folders.renderer, () => guard.sessionCookie());

  const server = createServer((req, res) => {
    const handle = async (): Promise<void> => {
      const { url, method, isApi } = guard.admit(req, res);
      if (isApi) return api(req, res, url, method);
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError('method_not_allowed', `${method} is not allowed here`);
      return page(req, res, url);
    };
    handle().catch((err: unknown) => sendError(res, err, redact.text));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard.bind(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${guard.token}`,
    port,
    token: guard.token,
    async close() {
      await runner.stop();
      events.closeAll();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}
