// Under the Export dialog's live count: the rows that will be skipped, by reason (the same walk as
// the export, so exactly what it leaves out), and with nothing to write, why and what to do —
// including, when nothing is aligned yet, aligning every matched pair (the alignBatch job, i.e.
// `tandem align --matched`) or each document with its English (`--self`), with progress and Cancel.
import { useEffect, useState } from 'react';
import { jobResult, type JobInput, type QueryResult } from '../api/client.ts';
import { EXPORT_SKIP_REASONS, EXPORT_SKIP_TEXT } from '../../../src/common/export-options.ts';
import { useClient, useJobs } from '../state.tsx';
import { ProgressBar } from './Progress.tsx';

type Preview = QueryResult<'previewExport'>;

export function ExportCountDetails({ preview, onAligned }: { preview: Preview; onAligned: () => void }) {
  const client = useClient();
  const { jobs } = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = jobs.find((j) => j.id === jobId) ?? null;
  const state = job?.state;
  const report = job ? jobResult(job, 'alignBatch') : null;
  const running = state === 'running';

  // Count again once the alignments are saved (or the job stopped: what it saved counts); once per
  // finished job, so the effect follows the job's state only, not the parent's callback.
  useEffect(() => {
    if (state && state !== 'running') onAligned();
  }, [state]);

  const start = async (input: JobInput<'alignBatch'>) => {
    setError(null);
    try {
      setJobId((await client.startJob('alignBatch', input)).id);
    } catch (err) {
      setError(`Could not start aligning: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <>
      {preview.skipped > 0 && preview.pairs > 0 && (
        <div className="export-skipped small" data-testid="export-skipped">
          <span>{preview.skipped} selected row{preview.skipped === 1 ? '' : 's'} will be skipped:</span>
          <ul>
            {EXPORT_SKIP_REASONS.filter((r) => preview.skippedBy[r] > 0).map((r) => (
              <li key={r} data-reason={r} data-count={preview.skippedBy[r]}>
                {preview.skippedBy[r]} {EXPORT_SKIP_TEXT[r]}
                {r === 'otherPair' && ` (${Object.entries(preview.otherPairs).map(([p, k]) => `${p}: ${k}`).join(', ')})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.pairs === 0 && preview.hint && (
        // With nothing to write the hint names the skip reasons too, so the list above stays away.
        <div className="notice notice-warn export-notice" role="status" data-testid="export-hint">
          <div>{preview.hint}</div>
          {preview.emptyReason === 'nothing_aligned' && !running && (
            <div className="export-hint-actions">
              <button type="button" className="btn btn-small" onClick={() => void start({ matched: true })} data-testid="export-align-matched">Align every matched pair</button>
              <button type="button" className="btn btn-small" onClick={() => void start({ self: true })} data-testid="export-align-self">Align each document with its English</button>
            </div>
          )}
        </div>
      )}
      {job && running && (
        <div className="export-progress" data-testid="export-align-progress">
          <ProgressBar done={job.progress?.done ?? 0} total={job.progress?.total ?? 0} label="Alignment progress" />
          <span className="tabular small">{job.progress ? `${job.progress.done} / ${job.progress.total} aligned` : 'starting…'}</span>
          <span className="small muted">{job.progress?.item ?? ''}</span>
          <button type="button" className="btn btn-small" onClick={() => void client.cancelJob(job.id)}>Cancel aligning</button>
        </div>
      )}
      {report && !running && (
        <div className="notice notice-ok export-notice small" role="status" data-testid="export-align-report">
          {report.aligned + report.stored} of {report.total} aligned{report.failed ? `, ${report.failed} failed` : ''}{report.cancelled ? ` (cancelled: ${report.notReached} not aligned; what was saved is kept)` : ''}.
          {report.total === 0 && ' Nothing to align: find matching reports first (Translate, then match), or align each document with its English.'}
        </div>
      )}
      {error && <div className="notice notice-error export-notice" role="alert" data-testid="export-error">{error}</div>}
    </>
  );
}
