// Long jobs for the interactive faces (app and HTTP bridge): started by name, observed through
// events, cancelled by id. The CLI runs jobs in the foreground instead.
import { CancelledError } from '../common/index.ts';
import { runJob, validateJob, type JobName } from './contract.ts';
import type { Tandem } from './service.ts';
import type { Progress } from './types.ts';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSnapshot {
  id: string;
  method: JobName;
  state: JobState;
  progress: Progress | null;
  result?: unknown;
  error?: string;
  startedAt: string;
}

export type JobEvent = { type: 'job'; job: JobSnapshot };

/** Progress events are at most this often per job, so a fast loop cannot flood the UI. */
const PROGRESS_INTERVAL_MS = 100;

export class JobRunner {
  private readonly running = new Map<string, { snapshot: JobSnapshot; controller: AbortController }>();
  private readonly finished: JobSnapshot[] = [];
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private next = 1;

  constructor(private readonly tandem: Tandem) {}

  /** Validates input at once (throws ApiError), then runs the job in the background. */
  start(method: string, input: unknown): JobSnapshot {
    const job = validateJob(method, input);
    const controller = new AbortController();
    const id = `job-${this.next++}`;
    const snapshot: JobSnapshot = { id, method: job.method, state: 'running', progress: null, startedAt: new Date().toISOString() };
    let lastEmit = 0;
    const work = runJob(this.tandem, job, {
      signal: controller.signal,
      onProgress: (p) => {
        snapshot.progress = p;
        const now = Date.now();
        if (now - lastEmit >= PROGRESS_INTERVAL_MS || p.done === p.total) {
          lastEmit = now;
          this.emit(snapshot);
        }
      },
    });
    this.running.set(id, { snapshot, controller });
    this.emit(snapshot);
    work.then(
      (result) => this.finish(id, (r) => ((r.state = (result as { cancelled?: boolean })?.cancelled ? 'cancelled' : 'done'), (r.result = result))),
      (err: unknown) => this.finish(id, (r) => {
        r.state = err instanceof CancelledError || controller.signal.aborted ? 'cancelled' : 'failed';
        r.error = err instanceof Error ? err.message : String(err);
      }),
    );
    return { ...snapshot };
  }

  cancel(id: string): boolean {
    const job = this.running.get(id);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  list(): JobSnapshot[] {
    return [...this.finished, ...[...this.running.values()].map((j) => ({ ...j.snapshot }))];
  }

  subscribe(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels everything still running and waits for it to stop. */
  async stop(): Promise<void> {
    for (const j of this.running.values()) j.controller.abort();
    while (this.running.size) await new Promise((r) => setTimeout(r, 10));
  }

  private finish(id: string, update: (s: JobSnapshot) => void): void {
    const job = this.running.get(id);
    if (!job) return;
    update(job.snapshot);
    this.running.delete(id);
    this.finished.push(job.snapshot);
    if (this.finished.length > 100) this.finished.shift();
    this.emit(job.snapshot);
  }

  private emit(snapshot: JobSnapshot): void {
    for (const l of this.listeners) l({ type: 'job', job: { ...snapshot } });
  }
}
