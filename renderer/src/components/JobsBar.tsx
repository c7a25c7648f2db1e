// The status area: every long job with its progress, rate, ETA and a Cancel button.
import { useState } from 'react';
import { jobResult, type JobSnapshot } from '../api/client.ts';
import { bytes, duration, fileName } from '../format.ts';
import { useClient, useJobs } from '../state.tsx';
import { ProgressBar } from './Progress.tsx';

const TITLES: Partial<Record<JobSnapshot['method'], string>> = {
  ingest: 'Import',
  translate: 'Translate',
  importMemory: 'Import memory',
  fetchModels: 'Fetch models',
  addModel: 'Add model',
  match: 'Match stories',
  export: 'Export',
  align: 'Align',
  alignBatch: 'Align in bulk',
};

const title = (m: JobSnapshot['method']): string => TITLES[m] ?? m;

export function summarize(job: JobSnapshot): string {
  if (job.state === 'failed') return job.error ?? 'failed';
  const ingest = jobResult(job, 'ingest');
  if (ingest) {
    const n = (s: string) => ingest.documents.filter((d) => d.status === s).length;
    const parts = [`${n('ingested')} added`];
    if (n('duplicate')) parts.push(`${n('duplicate')} already in the library`);
    if (n('unsupported')) parts.push(`${n('unsupported')} unsupported language`);
    if (n('rejected')) parts.push(`${n('rejected')} rejected`);
    return parts.join(', ');
  }
  const tr = jobResult(job, 'translate');
  if (tr) {
    const s = `${tr.translated} sentences have English; ${tr.byModel} new by model in ${tr.seconds.toFixed(1)} s`;
    return tr.missingModels.length ? `${s}. No model for: ${tr.missingModels.join(', ')}` : s;
  }
  const fetched = jobResult(job, 'fetchModels');
  if (fetched) return `${fetched.length} model${fetched.length === 1 ? '' : 's'} checked`;
  const addedModel = jobResult(job, 'addModel');
  if (addedModel) return `${addedModel.id} added for ${addedModel.lang} (${addedModel.files.length} files${addedModel.state === 'sideloaded' ? ', side-loaded' : ''})`;
  const match = jobResult(job, 'match');
  if (match) return `${match.pairs.length} pairs, ${match.storyViews.event.filter((s) => s.documents.length > 1).length} event clusters, ${match.passages.length} repeated passages (${match.compared} compared)`;
  const exported = jobResult(job, 'export');
  if (exported) return `${exported.pairs} pairs → ${fileName(exported.file)} (${bytes(exported.bytes)})${exported.skipped ? `, ${exported.skipped} skipped` : ''}`;
  const aligned = jobResult(job, 'align');
  if (aligned) return `${aligned.rows} rows aligned`;
  const bulk = jobResult(job, 'alignBatch');
  if (bulk) return `${bulk.aligned + bulk.stored} of ${bulk.total} aligned (${bulk.aligned} new)${bulk.failed ? `, ${bulk.failed} failed` : ''}${bulk.cancelled ? `; cancelled, ${bulk.notReached} not reached` : ''}`;
  const tm = jobResult(job, 'importMemory');
  if (tm) {
    const skipped = tm.skipped.reduce((n, x) => n + x.count, 0);
    return `${tm.imported} of ${tm.read} pairs imported from ${fileName(tm.file)}${skipped ? `, ${skipped} skipped` : ''}${tm.decoded ? `, ${tm.decoded} HTML-decoded` : ''}`;
  }
  return job.state === 'cancelled' ? job.error ?? 'cancelled; finished work is saved' : job.state;
}

function rate(job: JobSnapshot): string {
  const p = job.progress;
  if (!p?.perSecond) return '';
  return job.method === 'fetchModels' || job.method === 'importMemory' ? `${bytes(p.perSecond)}/s` : `${p.perSecond.toFixed(p.perSecond < 10 ? 1 : 0)}/s`;
}

function amount(job: JobSnapshot): string {
  const p = job.progress;
  if (!p) return 'starting…';
  if (job.method === 'fetchModels' || job.method === 'importMemory') return `${bytes(p.done)} of ${p.total ? bytes(p.total) : '?'}`;
  return `${p.done} / ${p.total || '?'}`;
}

export function JobsBar() {
  const client = useClient();
  const { jobs, connected, problem } = useJobs();
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState(false);
  const running = jobs.filter((j) => j.state === 'running');
  const finished = jobs.filter((j) => j.state !== 'running' && !dismissed.has(j.id));
  const latest = finished.at(-1);
  const earlier = finished.slice(0, -1);
  const count = (state: JobSnapshot['state']) => earlier.filter((j) => j.state === state).length;
  const tally = [count('done') && `${count('done')} done`, count('failed') && `${count('failed')} failed`, count('cancelled') && `${count('cancelled')} cancelled`].filter(Boolean).join(', ');
  const dismissAll = () => {
    setDismissed((d) => new Set([...d, ...finished.map((j) => j.id)]));
    setExpanded(false);
  };

  return (
    <section className="jobs" aria-label="Jobs" aria-live="polite">
      {!connected && (
        <div className={`job job-offline${problem?.kind === 'token' ? ' job-token' : ''}`} role="alert" data-testid="connection" data-problem={problem?.kind ?? 'offline'}>
          {problem?.message ?? 'Not connected to Tandem — retrying…'}
        </div>
      )}
      {running.length === 0 && finished.length === 0 && connected && <div className="job job-idle">No jobs running</div>}
      {running.map((job) => (
        <div className="job job-running" key={job.id} data-job={job.method} data-state={job.state}>
          <span className="job-title">{title(job.method)}</span>
          <span className="job-item" title={job.progress?.item}>{job.progress?.item ?? ''}</span>
          <ProgressBar done={job.progress?.done ?? 0} total={job.progress?.total ?? 0} label={`${title(job.method)} progress`} />
          <span className="job-amount">{amount(job)}</span>
          <span className="job-rate">{rate(job)}</span>
          <span className="job-eta">{job.progress?.etaSeconds !== undefined ? `ETA ${duration(job.progress.etaSeconds)}` : ''}</span>
          <button type="button" className="btn btn-small" onClick={() => void client.cancelJob(job.id)}>
            Cancel
          </button>
        </div>
      ))}
      {latest && (
        // Finished jobs fold into one line: the latest one's result, and how many more; the list opens on demand.
        <div className={`job job-${latest.state} job-finished`} data-testid="finished-jobs" data-count={finished.length} data-job={latest.method} data-state={latest.state}>
          <span className="job-title">{title(latest.method)}</span>
          <span className={`badge badge-${latest.state}`}>{latest.state}</span>
          <span className="job-summary" title={summarize(latest)}>{summarize(latest)}</span>
          {earlier.length > 0 ? (
            <button type="button" className="btn btn-small btn-quiet job-toggle" aria-expanded={expanded} aria-controls="finished-list" data-testid="finished-toggle" onClick={() => setExpanded((e) => !e)}>
              {expanded ? '▾' : '▸'} {earlier.length} earlier{tally ? ` (${tally})` : ''}
            </button>
          ) : <span />}
          <button type="button" className="btn btn-small btn-quiet" aria-label={finished.length > 1 ? 'Clear all finished jobs' : `Dismiss ${title(latest.method)} result`} onClick={dismissAll}>
            ✕
          </button>
        </div>
      )}
      {expanded && earlier.length > 0 && (
        <ul className="finished-list" id="finished-list" aria-label="Earlier finished jobs" data-testid="finished-list">
          {[...earlier].reverse().map((job) => (
            <li className={`job job-${job.state}`} key={job.id} data-job={job.method} data-state={job.state}>
              <span className="job-title">{title(job.method)}</span>
              <span className={`badge badge-${job.state}`}>{job.state}</span>
              <span className="job-summary" title={summarize(job)}>{summarize(job)}</span>
              <button type="button" className="btn btn-small btn-quiet" aria-label={`Dismiss ${title(job.method)} result`} onClick={() => setDismissed((d) => new Set(d).add(job.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
