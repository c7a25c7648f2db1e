// The engine host: runs in an Electron utilityProcess (plain Node, no window), so SQLite, ingest,
// matching and alignment never block the main process that drives the window; translation runs in
// a worker thread inside the engine on top of that. It owns the one Tandem service and JobRunner
// and answers the main process's requests, which main has already validated with the contract's
// schemas (runQuery and JobRunner.start validate again: the engine trusts nobody).
// Built to dist/engine/engine-host.js (scripts/build.mjs), which main starts. The same protocol
// (./protocol.ts) runs over Electron's parentPort or, under plain Node, over a child process's IPC
// channel (child_process.fork): that is how the test suite drives the built host.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, runQuery } from '../src/api/contract.ts';
import { JobRunner } from '../src/api/jobs.ts';
import { Tandem } from '../src/api/service.ts';
import type { Envelope, HostMessage, HostRequest } from './protocol.ts';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The channel to whoever started the host: Electron's parentPort, else Node's IPC channel. */
interface Channel {
  onMessage(listener: (message: unknown) => void): void;
  send(message: HostMessage): void;
  /** Called when the parent goes away (Node IPC only: a utility process is killed by main). */
  onClose(listener: () => void): void;
}

function channel(): Channel {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) return { onMessage: (l) => port.on('message', (e) => l(e.data)), send: (m) => port.postMessage(m), onClose: () => undefined };
  if (process.send) {
    return {
      onMessage: (l) => process.on('message', l),
      send: (m) => void (process.connected && process.send!(m)),
      onClose: (l) => process.once('disconnect', l),
    };
  }
  throw new Error('engine-host runs in an Electron utilityProcess or as a Node child process with an IPC channel');
}

const parent = channel();
const send = (m: HostMessage) => parent.send(m);

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  const dbPath = env('TANDEM_DB');
  const marker = join(env('TANDEM_USER_DATA'), 'samples-imported');
  const tandem = await Tandem.open({ dbPath, modelsDir: env('TANDEM_MODELS'), manifestPath: process.env.TANDEM_MANIFEST || undefined });
  const runner = new JobRunner(tandem);
  runner.subscribe((e) => send({ type: 'job', job: e.job }));

  parent.onMessage((message) => {
    const req = message as HostRequest;
    void answer(req).then((reply) => send({ type: 'reply', id: req.id, reply }));
  });

  async function answer(req: HostRequest): Promise<Envelope> {
    try {
      switch (req.kind) {
        case 'query': return { ok: true, value: await runQuery(tandem, req.method, req.input) };
        case 'startJob': return { ok: true, value: runner.start(req.method, req.input) };
        case 'cancelJob': return { ok: true, value: runner.cancel(req.jobId) };
        case 'listJobs': return { ok: true, value: runner.list() };
      }
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
      // Never a stack trace across the boundary; the detail goes to the log.
      console.error('[tandem engine]', err);
      return { ok: false, error: { code: 'failed', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  // First launch: open the bundled samples (an ordinary ingest job, so the window shows its progress).
  const firstRun = !existsSync(marker);
  if (firstRun) {
    writeFileSync(marker, new Date().toISOString());
    runner.start('ingest', { paths: [env('TANDEM_SAMPLES')] });
  }
  send({ type: 'ready', firstRun });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runner.stop();
    await tandem.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  parent.onClose(() => void stop());
}

main().catch((err: unknown) => {
  send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
