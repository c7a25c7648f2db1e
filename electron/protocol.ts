// Messages between the Electron main process and the engine host (a utilityProcess), and the IPC
// channel names the preload uses. Shared by electron/main.ts, electron/engine-host.ts and
// electron/preload.ts; types only cross into the renderer.
import type { JobSnapshot } from '../src/api/jobs.ts';

export const CHANNELS = {
  query: 'tandem:query',
  startJob: 'tandem:start-job',
  cancelJob: 'tandem:cancel-job',
  listJobs: 'tandem:list-jobs',
  connected: 'tandem:connected',
  /** A native save dialog for an export's output file (the chosen path is granted to export jobs). */
  chooseSavePath: 'tandem:choose-save-path',
  /** Picked or dropped files from the preload: granted to ingest, and one ingest job started. */
  importPaths: 'tandem:import-paths',
  /** A picked or dropped memory file from the preload: granted to importMemory, and its job started. */
  importMemoryPath: 'tandem:import-memory-path',
  /** A native folder dialog for a model folder (the chosen folder is granted to addModel). */
  chooseModelFolder: 'tandem:choose-model-folder',
  /** main -> renderer */
  job: 'tandem:job',
  /** main -> renderer */
  connection: 'tandem:connection',
} as const;

/** What an IPC handler answers: never a thrown error (its class and code would not survive IPC). */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type HostRequest =
  | { id: number; kind: 'query'; method: string; input: unknown }
  | { id: number; kind: 'startJob'; method: string; input: unknown }
  | { id: number; kind: 'cancelJob'; jobId: string }
  | { id: number; kind: 'listJobs' };

export type HostMessage =
  | { type: 'ready'; firstRun: boolean }
  | { type: 'reply'; id: number; reply: Envelope }
  | { type: 'job'; job: JobSnapshot }
  | { type: 'fatal'; message: string };

/** Job ids are minted by the engine's JobRunner: `job-<n>`. */
export const JOB_ID = /^job-\d{1,12}$/u;
