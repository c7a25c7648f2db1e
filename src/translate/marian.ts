// The Marian engine: a Translator backed by transformers.js in a worker thread.
import { Worker } from 'node:worker_threads';
import { CancelledError, MARIAN_WORKER, type SourceLang } from '../common/index.ts';
import type { LoadOptions, WorkerRequest, WorkerResponse } from './marian-protocol.ts';
import type { Translator } from './translator.ts';

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };

export class MarianTranslator implements Translator {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    readonly lang: SourceLang,
    readonly modelId: string,
    readonly revision: string,
    private readonly modelsDir: string,
    private readonly options: LoadOptions = {},
  ) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(MARIAN_WORKER);
    worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'error') p.reject(new Error(`Translation model ${this.modelId}: ${msg.message}`));
      else p.resolve(msg);
    });
    const failAll = (err: Error) => {
      if (this.worker !== worker && this.worker !== null) return; // an old worker, already replaced
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = null;
      this.ready = null;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`translation worker stopped (exit code ${code})`)));
    this.worker = worker;
    this.ready = this.request({ type: 'load', id: 0, modelsDir: this.modelsDir, modelId: this.modelId, options: this.options }).then(() => undefined);
    return this.ready;
  }

  private request(msg: WorkerRequest): Promise<WorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...msg, id });
    });
  }

  async translate(sentences: string[], signal?: AbortSignal): Promise<string[]> {
    if (sentences.length === 0) return [];
    if (signal?.aborted) throw new CancelledError();
    const work = this.start().then(() => this.request({ type: 'translate', id: 0, sentences }));
    // The worker is never terminated mid-inference: onnxruntime aborts the whole process when
    // its thread is torn down during a run. A cancelled caller returns at once and the worker
    // finishes its (bounded) batch, whose result is dropped.
    this.inFlight = work.catch(() => undefined);
    let onAbort = () => undefined as void;
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const reply = await Promise.race([work, cancelled]);
      if (reply.type !== 'translated') throw new Error(`unexpected worker reply ${reply.type}`);
      return reply.english;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Waits for any batch in flight, releases the model's sessions, then stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    await this.inFlight;
    if (this.worker === w) await this.request({ type: 'dispose', id: 0 }).catch(() => undefined);
    for (const p of this.pending.values()) p.reject(new CancelledError('translation worker closed'));
    this.pending.clear();
    this.worker = null;
    this.ready = null;
    await w.terminate();
  }
}
