// The built JavaScript runs on its own: the CLI bundle under plain Node, and the engine host as a
// child process speaking the same protocol as the Electron utility process (electron/protocol.ts),
// answering a real query and running a real translate job through the built worker with the
// generated tiny models, so the bundles really load sqlite3 and onnxruntime-node.
// dist/cli and dist/engine are built from the current sources by the suite's globalSetup
// (test/support/build.ts).
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../src/api/jobs.ts';
import type { Envelope, HostMessage, HostRequest } from '../../electron/protocol.ts';
import { ensureRendererBuilt } from '../e2e/renderer.ts';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const samples = join(root, 'samples');
const dir = tempDir('tandem-bundles-');

describe('the built UI', () => {
  it("is React's production build, also when built under the test runner (NODE_ENV=test)", () => {
    expect(process.env.NODE_ENV).toBe('test');
    ensureRendererBuilt();
    const assets = join(dist, 'renderer', 'assets');
    const code = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    // the development runtime's JSX factory and its warnings exist only in a development build
    expect(code).not.toMatch(/jsxDEV|Warning: Each child in a list should have a unique/u);
  });
});

describe('the built CLI', () => {
  const cli = join(dist, 'cli', 'tandem.js');
  const tandem = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '', NODE_OPTIONS: '' } });

  it('is JavaScript that needs no TypeScript loader', () => {
    for (const face of ['cli', 'engine']) {
      for (const file of readdirSync(join(dist, face)).filter((f) => f.endsWith('.js'))) {
        const code = readFileSync(join(dist, face, file), 'utf8');
        expect(code, `${face}/${file}`).not.toMatch(/["']tsx(?:\/[^"']*)?["']/u);
        expect(code, `${face}/${file}`).not.toMatch(/\bimport\(?\s*["'][^"']+\.ts["']/u);
      }
    }
  });

  it('prints its help', () => {
    const r = tandem(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tandem /u);
    expect(r.stdout).toContain('documents');
  });

  it('ingests a sample into a new database and lists it', () => {
    const db = join(dir, 'cli.db');
    const file = join(samples, readdirSync(samples).filter((f) => f.endsWith('.txt')).sort()[0]!);
    const ingest = tandem(['--db', db, '--models', join(dir, 'no-models'), '--json', 'ingest', file]);
    expect(ingest.status, ingest.stderr).toBe(0);
    const report = JSON.parse(ingest.stdout) as { documents: { id: number; status: string; lang: string }[] };
    expect(report.documents).toEqual([expect.objectContaining({ status: 'ingested', lang: 'de' })]);
    const docs = tandem(['--db', db, '--json', 'documents']);
    expect(docs.status, docs.stderr).toBe(0);
    expect(JSON.parse(docs.stdout)).toEqual([expect.objectContaining({ id: report.documents[0]!.id, lang: 'de' })]);
  });
});

/** The main process's side of the protocol, over a Node IPC channel instead of Electron's parentPort. */
class HostClient {
  private nextId = 1;
  private readonly replies = new Map<number, (e: Envelope) => void>();
  private readonly jobWaiters: { test: (j: JobSnapshot) => boolean; resolve: (j: JobSnapshot) => void }[] = [];
  readonly jobs: JobSnapshot[] = [];
  readonly ready: Promise<Extract<HostMessage, { type: 'ready' }>>;
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    let onReady!: (m: Extract<HostMessage, { type: 'ready' }>) => void;
    let onFatal!: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => ((onReady = resolve), (onFatal = reject)));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => onFatal(new Error(`engine host exited (${code}) before it was ready`)));
    child.on('message', (m: HostMessage) => {
      if (m.type === 'ready') onReady(m);
      else if (m.type === 'fatal') onFatal(new Error(m.message));
      else if (m.type === 'reply') {
        this.replies.get(m.id)?.(m.reply);
        this.replies.delete(m.id);
      } else if (m.type === 'job') {
        this.jobs.push(m.job);
        for (const w of [...this.jobWaiters]) {
          if (w.test(m.job)) {
            this.jobWaiters.splice(this.jobWaiters.indexOf(w), 1);
            w.resolve(m.job);
          }
        }
      }
    });
  }

  ask(request: Omit<Extract<HostRequest, { kind: 'query' }>, 'id'> | Omit<Extract<HostRequest, { kind: 'startJob' }>, 'id'>): Promise<Envelope> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  async query<T>(method: string, input: unknown = {}): Promise<T> {
    const reply = await this.ask({ kind: 'query', method, input });
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  }

  /** Resolves with the first job event (already seen or to come) that passes `test`. */
  job(test: (j: JobSnapshot) => boolean): Promise<JobSnapshot> {
    const seen = this.jobs.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.jobWaiters.push({ test, resolve }));
  }

  /** Starts a job and resolves when it has finished (done, failed or cancelled). */
  async runJob(method: string, input: unknown): Promise<JobSnapshot> {
    const reply = await this.ask({ kind: 'startJob', method, input });
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    const { id } = reply.value as JobSnapshot;
    return this.job((j) => j.id === id && j.state !== 'running');
  }
}

describe('the built engine host under plain Node', () => {
  let host: HostClient;

  beforeAll(async () => {
    const modelsDir = join(dir, 'models');
    const manifest = await installTinyModels(modelsDir, ['de', 'nl', 'is']);
    const userData = join(dir, 'user-data');
    mkdirSync(userData, { recursive: true });
    const child = fork(join(dist, 'engine', 'engine-host.js'), [], {
      // plain Node: none of the test runner's loaders or flags
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env, NODE_OPTIONS: '',
        TANDEM_USER_DATA: userData, TANDEM_DB: join(userData, 'tandem.db'),
        TANDEM_MODELS: modelsDir, TANDEM_MANIFEST: manifest, TANDEM_SAMPLES: samples,
      },
    });
    host = new HostClient(child);
    await host.ready;
  });

  afterAll(async () => {
    if (host && host.child.exitCode === null) {
      host.child.disconnect();
      await host.exited;
    }
  });

  it('imports the samples on first start, as in the app, and answers a query', async () => {
    const ingest = await host.job((j) => j.method === 'ingest' && j.state !== 'running');
    expect(ingest.state, ingest.error).toBe('done');
    const docs = await host.query<{ id: number; lang: string; status: string }[]>('documents');
    expect(docs.map((d) => d.lang)).toEqual(['de', 'is', 'nl', 'de', 'de']);
  });

  it('refuses bad input with an error envelope, not a stack trace', async () => {
    const reply = await host.ask({ kind: 'query', method: 'sentences', input: { id: 'one' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await host.ask({ kind: 'query', method: 'frobnicate', input: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('runs a translate job through the built worker with the tiny models', async () => {
    const done = await host.runJob('translate', {});
    expect(done.state, done.error).toBe('done');
    const report = done.result as { translated: number; byModel: number; missingModels: string[] };
    expect(report.missingModels).toEqual([]);
    expect(report.byModel).toBeGreaterThan(0);
    const docs = await host.query<{ id: number; sentenceCount: number; translatedCount: number }[]>('documents');
    for (const d of docs) expect(d.translatedCount).toBe(d.sentenceCount);
    const sentences = await host.query<{ translation: string | null; origin: string | null }[]>('sentences', { id: docs[0]!.id });
    expect(sentences[0]).toMatchObject({ translation: expect.any(String), origin: 'model' });
  });

  it('stops cleanly when its parent goes away', async () => {
    host.child.disconnect();
    expect(await host.exited).toBe(0);
  });
});
