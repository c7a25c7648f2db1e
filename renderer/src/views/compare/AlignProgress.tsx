// Compare while a pair is being aligned: what is aligned, how far it is, and Cancel; or, after a
// cancelled or failed run, why there is nothing to show.
import { ProgressBar } from '../../components/Progress.tsx';
import { duration } from '../../format.ts';
import type { AlignJobState } from './useAlignJob.ts';

export function AlignProgress({ align, onBack }: { align: AlignJobState; onBack: () => void }) {
  const { job, ended } = align;
  const p = job?.progress ?? null;
  const percent = p && p.total ? Math.floor((100 * p.done) / p.total) : 0;
  return (
    <div className="view compare" data-testid="align-view">
      <div className="toolbar">
        <button type="button" className="btn btn-quiet" onClick={onBack} title="Back to Stories">← Stories</button>
        <h1 className="doc-title">Compare</h1>
      </div>
      {job ? (
        <div className="align-progress" data-testid="align-progress" data-state={job.state} role="status" aria-live="polite">
          <p className="empty-title">Aligning {p?.item ?? 'the pair'}…</p>
          <ProgressBar done={p?.done ?? 0} total={p?.total ?? 0} label="Alignment progress" />
          <p className="muted small tabular" data-testid="align-amount">
            {p ? `${percent}% of the search` : 'starting…'}
            {p?.etaSeconds !== undefined && p.done > 0 ? ` · about ${duration(p.etaSeconds)} left` : ''}
          </p>
          <button type="button" className="btn" data-testid="align-cancel" onClick={align.cancel}>Cancel</button>
        </div>
      ) : (
        <div className="empty" data-testid="align-ended">
          <p className="empty-title">{ended ?? 'Nothing to compare yet'}</p>
          <button type="button" className="btn" onClick={onBack}>Back to Stories</button>
        </div>
      )}
    </div>
  );
}
