// The line under the toolbar: how many rows are decided, saving, the last note, the main keys.
import { useMemo } from 'react';
import { ProgressBar } from '../../components/Progress.tsx';
import type { Row } from './types.ts';

interface ReviewMetaProps {
  rows: Row[];
  reviewed: boolean;
  saving: boolean;
  note: string | null;
}

export function ReviewMeta({ rows, reviewed, saving, note }: ReviewMetaProps) {
  const counts = useMemo(() => {
    const c = { accepted: 0, rejected: 0, pending: 0 };
    for (const r of rows) c[r.bead.status]++;
    return c;
  }, [rows]);
  return (
    <div className="doc-meta compare-meta" data-testid="compare-meta">
      <span className="tabular" data-testid="review-counts">
        <span className="stat stat-accepted">{counts.accepted} accepted</span>
        <span className="stat stat-rejected">{counts.rejected} rejected</span>
        <span className="stat stat-pending">{counts.pending} pending</span>
        <span className="muted"> of {rows.length} row{rows.length === 1 ? '' : 's'}</span>
      </span>
      <span className="review-progress"><ProgressBar done={counts.accepted + counts.rejected} total={rows.length} label="Reviewed" /></span>
      {reviewed && <span className="badge badge-done" title="Reviewed alignments are never recomputed">reviewed</span>}
      {saving && <span className="muted small saving">saving…</span>}
      {note && <span className="muted small" role="status">{note}</span>}
      <span className="spacer" />
      <span className="muted small"><kbd>J</kbd>/<kbd>K</kbd> move · <kbd>A</kbd> accept · <kbd>R</kbd> reject · <kbd>E</kbd> edit · <kbd>M</kbd> merge · <kbd>S</kbd> split · <kbd>U</kbd> undo · <kbd>?</kbd> all keys</span>
    </div>
  );
}
