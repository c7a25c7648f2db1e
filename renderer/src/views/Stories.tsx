// Stories: run Match, browse the story clusters (the strict "same event" view or the looser
// "same story" view), and judge the document pairs by their evidence: confirm or reject a pair,
// hide pairs under a score threshold, and open a pair side by side in Compare.
import { useEffect, useMemo, useState } from 'react';
import { LEVEL_NAMES } from '../../../src/common/names.ts';
import type { AlignmentMode } from '../../../src/common/values.ts';
import { jobResult, type QueryResult } from '../api/client.ts';
import type { ExportPreset } from '../components/ExportDialog.tsx';
import { ProgressBar } from '../components/Progress.tsx';
import { languageName } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';

type Doc = QueryResult<'documents'>[number];
type Pair = QueryResult<'matches'>[number];
type Decision = QueryResult<'storyDecisions'>[number];
/** The modes an analyst picks between; a document with its own English is always a translation. */
export type AlignMode = Exclude<AlignmentMode, 'translation'>;

import type { EvidenceItem as Evidence } from '../../../src/api/types.ts';

const DIRECTIONS: Record<Evidence['direction'], string> = { for: 'speaks for the level', against: 'speaks against it', neutral: 'neither for nor against' };

const pairKey = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;

export function Stories({ onCompare, onExport, onSelection }: { onCompare: (a: number, b: number, mode: AlignMode) => Promise<void>; onExport: () => void; onSelection: (p: ExportPreset) => void }) {
  const client = useClient();
  const { jobs, revision } = useJobs();
  const [view, setView] = useState<'event' | 'story'>('event');
  const [threshold, setThreshold] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [alignMode, setAlignMode] = useState<AlignMode>('monotonic');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  const documents = useQuery('documents', {}, revision);
  const stories = useQuery('stories', {}, `${revision}:${nonce}`);
  const matches = useQuery('matches', {}, revision);
  const decisions = useQuery('storyDecisions', {}, `${revision}:${nonce}`);

  const matchJob = [...jobs].reverse().find((j) => j.method === 'match');
  const running = matchJob?.state === 'running';
  const lastReport = matchJob ? jobResult(matchJob, 'match') : null;

  const docs = useMemo(() => new Map((documents.data ?? []).map((d) => [d.id, d])), [documents.data]);
  const decided = useMemo(() => decisionMap(decisions.data ?? []), [decisions.data]);
  const clusters = useMemo(() => {
    const list = (view === 'event' ? stories.data?.event : stories.data?.story) ?? [];
    // Clusters with several documents first (largest first), then the documents standing alone.
    return [...list].sort((x, y) => y.documents.length - x.documents.length || x.id.localeCompare(y.id, undefined, { numeric: true }));
  }, [stories.data, view]);
  const grouped = clusters.filter((c) => c.documents.length > 1);
  const alone = clusters.filter((c) => c.documents.length <= 1);

  useEffect(() => {
    if (!clusters.length) return;
    if (!selected || !clusters.some((c) => c.id === selected)) setSelected(clusters[0]!.id);
  }, [clusters, selected]);

  const current = clusters.find((c) => c.id === selected) ?? null;
  const currentId = current?.id;
  useEffect(() => onSelection(currentId ? { story: currentId } : {}), [onSelection, currentId]);
  const inCurrent = new Set(current?.documents ?? []);
  const allPairs = (matches.data ?? []).filter((p) => inCurrent.has(p.a) || inCurrent.has(p.b));
  const pairs = allPairs.filter((p) => p.score >= threshold || decided.has(pairKey(p.a, p.b)));
  const hidden = allPairs.length - pairs.length;

  const runMatch = async () => {
    setError(null);
    try {
      await client.startJob('match', {});
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const decide = async (kind: 'confirm' | 'reject', p: Pair) => {
    setError(null);
    setBusy(`${kind}:${pairKey(p.a, p.b)}`);
    try {
      await client.query('decideStory', { kind, a: p.a, b: p.b });
      setNonce((n) => n + 1);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };

  const compare = async (p: Pair) => {
    setError(null);
    setBusy(`compare:${pairKey(p.a, p.b)}`);
    try {
      await onCompare(p.a, p.b, alignMode);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(null);
    }
  };

  const nothingYet = !running && stories.data && !stories.data.event.length && !stories.data.story.length;
  const failed = stories.error ?? matches.error ?? documents.error ?? decisions.error;

  return (
    <div className="view stories" data-testid="stories">
      <div className="toolbar">
        <h1>Stories</h1>
        <div className="segmented" role="group" aria-label="Cluster by">
          <button type="button" className={view === 'event' ? 'on' : ''} aria-pressed={view === 'event'} onClick={() => setView('event')} title="Reports of the same event (strict)">
            Same event
          </button>
          <button type="button" className={view === 'story' ? 'on' : ''} aria-pressed={view === 'story'} onClick={() => setView('story')} title="Reports of the same story, e.g. earlier and later events (looser)">
            Same story
          </button>
        </div>
        <label className="threshold" title="Hide pairs scoring below this (decided pairs always show)">
          <span>Min. score</span>
          <input type="range" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label="Minimum pair score" data-testid="threshold" />
          <span className="tabular threshold-value">{threshold.toFixed(2)}</span>
        </label>
        <span className="spacer" />
        {running && matchJob && (
          <div className="inline-progress" data-testid="match-progress">
            <span className="small muted">Matching {matchJob.progress ? `${matchJob.progress.done}/${matchJob.progress.total}` : '…'}</span>
            <ProgressBar done={matchJob.progress?.done ?? 0} total={matchJob.progress?.total ?? 0} label="Match progress" />
            <button type="button" className="btn btn-small" onClick={() => void client.cancelJob(matchJob.id)}>Cancel</button>
          </div>
        )}
        <button type="button" className="btn" onClick={onExport} title="Export reviewed pairs of the selected story (Ctrl+E)">
          Export…
        </button>
        <button type="button" className="btn btn-primary" disabled={running} onClick={() => void runMatch()} title="Find matching reports and repeated passages (only changed documents are compared again)">
          {running ? 'Matching…' : 'Run Match'}
        </button>
      </div>
      {lastReport && !running && (
        <div className="doc-meta small" data-testid="match-summary">
          Last run: {lastReport.compared} document{lastReport.compared === 1 ? '' : 's'} compared, {lastReport.pairs.length} pair{lastReport.pairs.length === 1 ? '' : 's'},{' '}
          {lastReport.passages.length} repeated passage{lastReport.passages.length === 1 ? '' : 's'} in {lastReport.seconds.toFixed(1)} s
          {lastReport.cancelled && <span className="badge badge-warn">cancelled</span>}
        </div>
      )}
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {failed && <div className="notice notice-error" role="alert">{failed}</div>}
      {nothingYet ? (
        <div className="empty">
          <p className="empty-title">No stories yet</p>
          <p>Import and translate articles, then press <b>Run Match</b> to group reports of the same event or story and explain every pair.</p>
        </div>
      ) : (
        <div className="stories-body">
          <aside className="cluster-list" aria-label="Clusters" data-testid="clusters">
            <div className="list-head">{grouped.length} {view === 'event' ? 'event' : 'story'} cluster{grouped.length === 1 ? '' : 's'}</div>
            {grouped.map((c) => (
              <ClusterItem key={c.id} id={c.id} documents={c.documents} docs={docs} active={c.id === selected} onSelect={() => setSelected(c.id)} />
            ))}
            {alone.length > 0 && <div className="list-head">Standing alone ({alone.length})</div>}
            {alone.map((c) => (
              <ClusterItem key={c.id} id={c.id} documents={c.documents} docs={docs} active={c.id === selected} onSelect={() => setSelected(c.id)} />
            ))}
          </aside>
          <section className="cluster-detail" aria-label="Cluster">
            {current && (
              <>
                <h2 className="section-title">
                  {current.documents.length > 1 ? `${current.documents.length} reports` : 'One report'}
                  <span className="muted small"> · cluster {current.id}</span>
                </h2>
                <ul className="cluster-docs" data-testid="cluster-docs">
                  {current.documents.map((id) => <DocLine key={id} doc={docs.get(id)} id={id} />)}
                </ul>
                <div className="pairs-head">
                  <h2 className="section-title">Pairs</h2>
                  <span className="muted small">
                    {pairs.length} shown{hidden > 0 ? `, ${hidden} below ${threshold.toFixed(2)} hidden` : ''}
                  </span>
                  <span className="spacer" />
                  <span className="small muted">Compare as</span>
                  <div className="segmented" role="group" aria-label="Compare as">
                    <button type="button" className={alignMode === 'monotonic' ? 'on' : ''} aria-pressed={alignMode === 'monotonic'} onClick={() => setAlignMode('monotonic')} title="Sentence by sentence in order: translations or versions of one text">
                      Translations
                    </button>
                    <button type="button" className={alignMode === 'passages' ? 'on' : ''} aria-pressed={alignMode === 'passages'} onClick={() => setAlignMode('passages')} title="Matching passages wherever they are: independent reports">
                      Independent reports
                    </button>
                  </div>
                </div>
                {pairs.length === 0 && (
                  <p className="muted pad">{allPairs.length ? 'Every pair of this cluster scores below the threshold.' : 'No pairs: nothing else in the library resembles these reports.'}</p>
                )}
                <ul className="pairs" data-testid="pairs">
                  {pairs.map((p) => (
                    <PairCard
                      key={pairKey(p.a, p.b)}
                      p={p}
                      docs={docs}
                      decision={decided.get(pairKey(p.a, p.b)) ?? null}
                      outside={!inCurrent.has(p.a) || !inCurrent.has(p.b)}
                      busy={busy}
                      onDecide={(k) => void decide(k, p)}
                      onCompare={() => void compare(p)}
                    />
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function decisionMap(list: Decision[]): Map<string, 'confirm' | 'reject'> {
  const m = new Map<string, 'confirm' | 'reject'>();
  for (const d of list) if (d.kind !== 'move') m.set(pairKey(d.a, d.b), d.kind);
  return m;
}

function docTitle(doc: Doc | undefined, id: number): string {
  return doc ? doc.title ?? doc.fileName : `Document ${id}`;
}

function ClusterItem({ id, documents, docs, active, onSelect }: { id: string; documents: number[]; docs: Map<number, Doc>; active: boolean; onSelect: () => void }) {
  const langs = [...new Set(documents.map((d) => docs.get(d)?.lang ?? '?'))];
  return (
    <button type="button" className={`cluster${active ? ' active' : ''}`} aria-current={active ? 'true' : undefined} onClick={onSelect} data-testid="cluster" data-cluster={id}>
      <span className="cluster-title">{docTitle(docs.get(documents[0]!), documents[0]!)}</span>
      <span className="cluster-sub">
        {documents.length} report{documents.length === 1 ? '' : 's'}
        {langs.map((l) => <span className="lang-code" key={l}>{l}</span>)}
      </span>
    </button>
  );
}

function DocLine({ doc, id }: { doc: Doc | undefined; id: number }) {
  return (
    <li className="doc-line">
      <span className="lang-code" title={languageName(doc?.lang ?? null)}>{doc?.lang ?? '??'}</span>
      <span className="doc-line-title" title={doc?.path}>{docTitle(doc, id)}</span>
      <span className="muted tabular">{doc?.published ?? 'no date'}</span>
      <span className="muted tabular small">{doc?.sentenceCount ?? 0} sentences</span>
    </li>
  );
}

function PairCard({ p, docs, decision, outside, busy, onDecide, onCompare }: {
  p: Pair; docs: Map<number, Doc>; decision: 'confirm' | 'reject' | null; outside: boolean; busy: string | null;
  onDecide: (k: 'confirm' | 'reject') => void; onCompare: () => void;
}) {
  // Matches stored by an older Tandem carry other evidence shapes until the next Match run.
  const evidence = (p.evidence as Evidence[]).filter((e) => e && typeof e.kind === 'string' && typeof e.label === 'string');
  const key = pairKey(p.a, p.b);
  const da = docs.get(p.a);
  const db = docs.get(p.b);
  const sides: [Doc | undefined, number][] = [[da, p.a], [db, p.b]];
  return (
    <li className={`pair${decision ? ` pair-${decision}` : ''}`} data-testid="pair" data-a={p.a} data-b={p.b} data-level={p.level} data-decision={decision ?? ''}>
      <div className="pair-docs">
        {sides.map(([d, id], i) => (
          <div className="pair-doc" key={i}>
            <span className="pair-arrow" aria-hidden="true">{i === 0 ? '┌' : '└'}</span>
            <span className="lang-code">{d?.lang ?? '??'}</span>
            <span className="pair-title" title={d?.path}>{docTitle(d as Doc | undefined, id)}</span>
            <span className="muted small tabular">{d?.published ?? 'no date'}</span>
          </div>
        ))}
      </div>
      <div className="pair-line">
        <span className={`level level-${p.level}`} data-testid="pair-level">{LEVEL_NAMES[p.level]}</span>
        <span className="score" title={`score ${p.score.toFixed(3)} (${p.basis.replace(/_/gu, ' ')})`}>
          <span className="score-bar"><span className="score-fill" style={{ width: `${Math.round(Math.min(1, p.score) * 100)}%` }} /></span>
          <span className="tabular">{p.score.toFixed(2)}</span>
        </span>
        <span className="muted small">{p.basis.replace(/_/gu, ' ')}</span>
        {outside && <span className="badge badge-muted" title="The other report is in a different cluster">other cluster</span>}
        {decision && <span className={`badge ${decision === 'confirm' ? 'badge-done' : 'badge-failed'}`} data-testid="pair-decision">{decision === 'confirm' ? 'confirmed' : 'rejected'}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small" disabled={busy !== null || decision === 'confirm'} onClick={() => onDecide('confirm')} title="These reports belong together">
          ✓ Confirm
        </button>
        <button type="button" className="btn btn-small" disabled={busy !== null || decision === 'reject'} onClick={() => onDecide('reject')} title="These reports do not belong together">
          ✕ Reject
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={busy !== null} onClick={onCompare} data-testid="pair-compare">
          {busy === `compare:${key}` ? 'Aligning…' : 'Compare'}
        </button>
      </div>
      {p.summary && <p className="pair-summary" data-testid="pair-summary">{p.summary}</p>}
      <div className="chips" data-testid="evidence">
        {evidence.map((e, i) => <EvidenceChip key={i} e={e} />)}
      </div>
    </li>
  );
}

function EvidenceChip({ e }: { e: Evidence }) {
  const values = e.values ?? [];
  const shown = values.slice(0, 4).join(', ');
  const more = values.length > 4 ? ` +${values.length - 4}` : '';
  return (
    <span
      className={`chip chip-${e.kind} chip-${e.direction}${e.decisive ? ' chip-decisive' : ''}`}
      title={`${e.detail}${values.length ? `\n${values.join(', ')}` : ''}\nstrength ${e.weight.toFixed(2)} of 1, ${DIRECTIONS[e.direction]}${e.decisive ? ' · decided the level' : ''}`}
      data-kind={e.kind}
      data-direction={e.direction}
      data-decisive={e.decisive ? 'true' : undefined}
    >
      {e.decisive && <span className="chip-star" aria-label="decided the level">★</span>}
      <span className="chip-sign" aria-label={e.direction}>{e.direction === 'for' ? '+' : e.direction === 'against' ? '−' : '·'}</span>
      <b>{e.label}</b>
      {shown && <span className="chip-detail">{shown}{more}</span>}
      <span className="chip-weight tabular">{e.weight.toFixed(2)}</span>
    </span>
  );
}
