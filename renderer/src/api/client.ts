// The one way the review UI talks to the engine. Two transports implement it: HTTP against
// `tandem serve` (./http.ts, browser mode and the end-to-end tests) and, later, Electron IPC
// through the preload bridge. Views never know which one they have.
// Types come from the engine's api table (type-only imports: no engine code reaches the bundle).
import type { JobName, JobResult, JobSnapshot } from '../../../src/api/contract.ts';

export type { JobInput, JobName, JobResult, JobSnapshot, QueryInput, QueryName, QueryResult } from '../../../src/api/contract.ts';
export type { BridgeKey, ConnectionProblem, ImportFailure, ImportStarted, MemoryImportStarted, TandemClient } from '../../../src/api/client.ts';

/** An error the engine reported, with its api code (bad_request, not_found, ...). */
export class ClientError extends Error {
  constructor(readonly code: string, message: string, readonly status = 0) {
    super(message);
    this.name = 'ClientError';
  }
}

/** The typed result of a finished job. */
export function jobResult<K extends JobName>(job: JobSnapshot, method: K): JobResult<K> | null {
  return job.method === method && job.state !== 'running' && job.result !== undefined ? (job.result as JobResult<K>) : null;
}
