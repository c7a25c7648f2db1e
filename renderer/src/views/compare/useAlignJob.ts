// Opening a pair in Compare: an alignment stored before (and still valid) opens at once; otherwise
// the engine aligns it as a job, whose progress Compare shows with Cancel until it is done.
import { useCallback, useEffect, useState } from 'react';
import { jobResult, type JobSnapshot } from '../../api/client.ts';
import { useClient, useJobs } from '../../state.tsx';
import type { AlignMode } from './types.ts';

export interface AlignJobState {
  /** The running align job (a first snapshot until its events arrive), or null. */
  job: JobSnapshot | null;
  /** Why the last align job ended without an alignment (cancelled, failed), or null. */
  ended: string | null;
  open: (a: number, b: number, mode?: AlignMode) => Promise<void>;
  cancel: () => void;
}

export function useAlignJob(show: (alignmentId: number | null) => void): AlignJobState {
  const client = useClient();
  const { jobs } = useJobs();
  const [started, setStarted] = useState<JobSnapshot | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const job = started ? (jobs.find((j) => j.id === started.id) ?? started) : null;

  const open = useCallback(async (a: number, b: number, mode?: AlignMode) => {
    const input = a === b ? { a, b } : { a, b, mode };
    setEnded(null);
    const stored = await client.query('storedAlignment', input);
    if (stored) {
      show(stored.id);
      return;
    }
    setStarted(await client.startJob('align', input));
    show(null);
  }, [client, show]);

  useEffect(() => {
    if (!job || job.state === 'running') return;
    setStarted(null);
    const result = jobResult(job, 'align');
    if (job.state === 'done' && result) show(result.id);
    else setEnded(job.state === 'cancelled' ? 'Aligning was cancelled; nothing was stored.' : `Aligning failed: ${job.error ?? 'unknown error'}`);
  }, [job, show]);

  const cancel = useCallback(() => {
    if (started) void client.cancelJob(started.id);
  }, [client, started]);

  return { job, ended, open, cancel };
}
