// The client every face of the review UI is given: the browser's HTTP transport and the Electron
// preload bridge both implement it, and the views never know which one they have. It lives in the
// api so the renderer and electron/ (which may not import each other) share it.
import type { JobInput, JobName, JobSnapshot, QueryInput, QueryName, QueryResult } from './contract.ts';
import type { SourceLang } from '../common/values.ts';

/** A file the user picked or dropped that never reached the engine (upload refused, too large ...). */
export interface ImportFailure {
  name: string;
  message: string;
}

export interface ImportStarted {
  /** The ingest job, or null when no file could be handed over at all. */
  job: JobSnapshot | null;
  failures: ImportFailure[];
  /** Engine path -> the name the user knows the file by (uploads land under a sanitized name). */
  names: Record<string, string>;
}

/** A memory file handed to the engine: its import job, or why it never got there. */
export interface MemoryImportStarted {
  job: JobSnapshot | null;
  failure: ImportFailure | null;
}

/** Why the engine cannot be reached, in words the user can act on. */
export interface ConnectionProblem {
  /** `unreachable`: nothing answers (stopped, or restarted elsewhere); `token`: it answers but no longer knows this page's token (restarted). */
  kind: 'unreachable' | 'token';
  message: string;
}

export interface TandemClient {
  /** A quick call, answered at once. Rejects with ClientError. */
  query<K extends QueryName>(method: K, input: QueryInput<K>): Promise<QueryResult<K>>;
  /** Starts a long job; its progress and end arrive through onJobEvent. */
  startJob<K extends JobName>(method: K, input: JobInput<K>): Promise<JobSnapshot>;
  /** True when the job was still running and is now stopping. */
  cancelJob(id: string): Promise<boolean>;
  /** Jobs running now and recently finished (to catch up after a reload). */
  listJobs(): Promise<JobSnapshot[]>;
  /** Every change of every job; returns the unsubscribe function. */
  onJobEvent(cb: (job: JobSnapshot) => void): () => void;
  /** Whether the engine is reachable (and when not, why, if the transport can tell); called at once with the current state. */
  onConnection(cb: (connected: boolean, problem?: ConnectionProblem) => void): () => void;
  /** Hands picked or dropped files to the engine and starts one ingest job for them. */
  importFiles(files: File[]): Promise<ImportStarted>;
  /** Hands one picked or dropped translation-memory file (TMX, TSV) to the engine and starts its import job. */
  importMemory(file: File, options: { lang?: SourceLang }): Promise<MemoryImportStarted>;
  /**
   * A native folder picker (the Electron app): the chosen folder, granted for adding a model, or
   * null when cancelled. Absent in browser mode, where the page names a folder on the server.
   */
  chooseModelFolder?(): Promise<string | null>;
  /**
   * Where to write an export: a native save dialog in the app (null when the user cancels it); in
   * browser mode a free name in the `exports/` folder next to the database.
   */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Browser mode only: a link that downloads a finished export (files of the exports folder only). */
  downloadUrl?(file: string): string | null;
}

/** What the Electron preload exposes as `window.tandem`: the client minus the browser-only extra. */
export type BridgeKey = Exclude<keyof TandemClient, 'downloadUrl'>;

/**
 * The bridge's keys, one per method (the Electron smoke test expects exactly these on
 * `window.tandem`). `satisfies Record<BridgeKey, true>` makes a missing or an extra key a type error.
 */
export const BRIDGE_KEYS = Object.keys({
  query: true,
  startJob: true,
  cancelJob: true,
  listJobs: true,
  onJobEvent: true,
  onConnection: true,
  importFiles: true,
  importMemory: true,
  chooseSavePath: true,
  chooseModelFolder: true,
} satisfies Record<BridgeKey, true>).sort() as BridgeKey[];
