// Passages mode: the sentences no link holds, as runs beside the row they follow in their own
// report, collapsed to their count and expandable (Enter or click on the run's button).
import type { Mode, Side, UnmatchedRun } from './types.ts';

export const runKey = (r: UnmatchedRun) => `${r.side}-${r.sentences[0]?.index ?? 0}`;

interface RunsProps {
  runs: UnmatchedRun[];
  open: ReadonlySet<string>;
  onToggle: (key: string) => void;
  mode: Mode;
  langs: Record<Side, string | null>;
}

export function UnmatchedRuns({ runs, open, onToggle, mode, langs }: RunsProps) {
  if (!runs.length) return null;
  return (
    <>
      {runs.map((run) => {
        const key = runKey(run);
        const expanded = open.has(key);
        const n = run.sentences.length;
        const first = run.sentences[0]!.index + 1;
        const last = run.sentences[n - 1]!.index + 1;
        const cell = (
          <div className="cmp-cell unmatched-cell" role="gridcell">
            <button type="button" className="btn btn-quiet btn-small unmatched-toggle" aria-expanded={expanded} onClick={() => onToggle(key)} data-testid="unmatched-toggle">
              {expanded ? '▾' : '▸'} {n} unmatched sentence{n === 1 ? '' : 's'} <span className="muted">({first === last ? `sentence ${first}` : `sentences ${first}–${last}`})</span>
            </button>
            {expanded && run.sentences.map((s) => (
              <div key={s.index} className="unmatched-sentence" data-testid="unmatched-sentence">
                {mode !== 'english' && langs[run.side] !== 'en' && <div className="cmp-orig" lang={langs[run.side] ?? undefined}><span className="s-num">{s.index + 1}</span>{s.text}</div>}
                {(mode !== 'original' || langs[run.side] === 'en') && <div className="cmp-en" lang="en">{s.english ?? <span className="not-translated">not translated yet</span>}</div>}
              </div>
            ))}
          </div>
        );
        return (
          // In the rows' grid, a run is a row of its own (not counted in aria-rowcount: it holds no bead).
          <div key={key} role="row" className="cmp-row unmatched-run" data-testid="unmatched-run" data-side={run.side} data-count={n} data-expanded={expanded ? 'true' : 'false'}>
            <div className="cmp-gutter" role="rowheader"><span className="muted small">unmatched</span></div>
            {run.side === 'a' ? cell : <div className="cmp-cell empty-cell" role="gridcell" />}
            {run.side === 'b' ? cell : <div className="cmp-cell empty-cell" role="gridcell" />}
          </div>
        );
      })}
    </>
  );
}
