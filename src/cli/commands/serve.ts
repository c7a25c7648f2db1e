// `tandem serve`: the review UI and the api for a browser on a loopback address.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RENDERER_DIR, startServer } from '../../server/index.ts';
import { withTandem } from '../engine.ts';
import { print, UsageError } from '../shared.ts';

export async function serve(flags: { port: string; host: string; open?: boolean }): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not "${flags.port}"`);
  if (!/^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/u.test(flags.host)) throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1 or localhost), not "${flags.host}"`);
  await withTandem(async (t, { signal }) => {
    const server = await startServer({ tandem: t, port, host: flags.host });
    if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) process.stderr.write('tandem: the review UI is not built; run `npm run build` (the api works without it)\n');
    print({ url: server.url, port: server.port, token: server.token }, () => `Tandem is serving on ${server.url}\nOpen that address (it carries this launch's token). Ctrl-C stops.`);
    if (flags.open) openInBrowser(server.url);
    await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
    await server.close();
  });
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`tandem: could not open a browser; open ${url} yourself\n`));
  child.unref();
}
