// The Export dialog: the engine's export choices (format, language pair, review status, minimum
// score, languages, story, documents, output file), a live count from `previewExport` as the
// filters change (exactly what the export writes, with what it leaves out and why), then the
// `export` job with progress, Cancel, and the final report. The same options as `tandem export`,
// so the same filters give the same bytes from the app and from the CLI.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ClientError, jobResult, type JobInput, type QueryInput, type QueryResult } from '../api/client.ts';
import { bytes, duration, fileName, languageName } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';
import { describeSkipped, EXPORT_PAIRS } from '../../../src/common/export-options.ts';
import { ExportCountDetails } from './ExportCountDetails.tsx';
import { ProgressBar } from './Progress.tsx';
import { ModalCard } from './ModalCard.tsx';

type Format = JobInput<'export'>['format'];
type Status = 'accepted' | 'all' | 'exclude-rejected';
type PairChoice = NonNullable<JobInput<'export'>['pair']>;
type Filters = QueryInput<'previewExport'>;
type Preview = QueryResult<'previewExport'>;

/** What the view the dialog was opened from had selected. */
export interface ExportPreset {
  story?: string;
  documentIds?: number[];
}

const FORMATS: { value: Format; label: string; ext: string; note: string }[] = [
  { value: 'tmx', label: 'TMX', ext: '.tmx', note: 'TMX 1.4b translation memory' },
  { value: 'tsv', label: 'TSV', ext: '.tsv', note: 'tab-separated, header row' },
  { value: 'jsonl', label: 'JSONL', ext: '.jsonl', note: 'one JSON object per pair' },
  { value: 'xliff', label: 'XLIFF', ext: '.xlf', note: 'XLIFF 2.1, one file per document' },
];

const STATUSES: { value: Status; label: string }[] = [
  { value: 'accepted', label: 'Accepted only' },
  { value: 'exclude-rejected', label: 'All but rejected' },
  { value: 'all', label: 'All' },
];

const pairLabel = (p: string) => p.split('-').map((l) => languageName(l)).join(' → ');
const PAIR_GROUPS: { label: string; pairs: string[] }[] = [
  { label: 'An original and its English', pairs: EXPORT_PAIRS.filter((p) => p.endsWith('-en')) },
  { label: 'Two originals (no English needed)', pairs: EXPORT_PAIRS.filter((p) => !p.endsWith('-en')) },
];

const LANGS = ['de', 'is', 'nl'] as const;
type SourceLang = (typeof LANGS)[number];

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Swaps a known export extension for the one of `format` (an explicit other name is kept). */
function withExtension(path: string, format: Format): string {
  const ext = FORMATS.find((f) => f.value === format)!.ext;
  for (const f of FORMATS) if (path.toLowerCase().endsWith(f.ext)) return path.slice(0, path.length - f.ext.length) + ext;
  return path;
}

export function ExportDialog({ preset, onClose }: { preset: ExportPreset; onClose: () => void }) {
  const client = useClient();
  const { jobs } = useJobs();
  const id = useId();
  const first = useRef<HTMLSelectElement>(null);

  const [format, setFormat] = useState<Format>('tmx');
  const [pair, setPair] = useState<PairChoice>('auto');
  const [status, setStatus] = useState<Status>('accepted');
  const [minScore, setMinScore] = useState('');
  const [langs, setLangs] = useState<Set<SourceLang>>(new Set(LANGS));
  const [story, setStory] = useState(preset.story ?? '');
  const [documentIds, setDocumentIds] = useState<number[]>(preset.documentIds ?? []);
  const [out, setOut] = useState<string | null>(null);
  const [outChosen, setOutChosen] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [preview, setPreview] = useState<{ data: Preview | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  // Bumped when the alignments change under the dialog (its "Align every matched pair"): count again.
  const [recount, setRecount] = useState(0);


  const documents = useQuery('documents', {});
  const stories = useQuery('stories', {});
  const docs = useMemo(() => new Map((documents.data ?? []).map((d) => [d.id, d])), [documents.data]);

  // The filters exactly as the CLI builds them: no flag, no field (all three languages = no filter).
  const minScoreValue = minScore.trim() === '' ? undefined : Number(minScore);
  const scoreError = minScoreValue !== undefined && (!Number.isFinite(minScoreValue) || minScoreValue < 0 || minScoreValue > 1) ? 'Minimum score is a number from 0 to 1.' : null;
  const langError = langs.size === 0 ? 'Choose at least one language.' : null;
  const filters: Filters = useMemo(() => {
    const f: Filters = { status, pair };
    if (minScoreValue !== undefined && Number.isFinite(minScoreValue)) f.minScore = minScoreValue;
    if (langs.size > 0 && langs.size < LANGS.length) f.langs = LANGS.filter((l) => langs.has(l));
    if (story) f.story = story;
    if (documentIds.length) f.documentIds = [...documentIds];
    return f;
  }, [status, pair, minScoreValue, langs, story, documentIds]);
  const filterKey = JSON.stringify(filters);
  const invalid = scoreError ?? langError;

  // The live count, debounced while typing.
  useEffect(() => {
    if (invalid) return;
    let alive = true;
    setPreview((p) => ({ ...p, loading: true }));
    const timer = setTimeout(() => {
      client.query('previewExport', JSON.parse(filterKey) as Filters).then(
        (data) => alive && setPreview({ data, error: null, loading: false }),
        (err: unknown) => alive && setPreview({ data: null, error: message(err), loading: false }),
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filterKey, invalid, recount]);

  const job = jobs.find((j) => j.id === jobId) ?? null;
  const running = starting || job?.state === 'running';
  const report = job ? jobResult(job, 'export') : null;
  const pairsFound = Object.keys(preview.data?.languagePairs ?? {});
  const xliffError = format !== 'xliff' || !preview.data
    ? null
    : pair === 'all'
      ? preview.data.langs.length > 1 ? `XLIFF carries one source language per file, and these pairs have ${preview.data.langs.map(languageName).join(' and ')} sources: tick one language.` : null
      : pairsFound.length > 1 ? `XLIFF carries one language pair per file, and these are ${pairsFound.map(pairLabel).join(', ')}: choose one pair.` : null;
  const blocker = invalid ?? xliffError ?? (preview.data && preview.data.pairs === 0 ? preview.data.hint ?? 'No pairs match these filters.' : null);

  const defaultName = () => {
    const ext = FORMATS.find((f) => f.value === format)!.ext;
    const scope = story ? `story-${story}` : documentIds.length ? `doc-${[...documentIds].sort((a, b) => a - b).join('-')}` : 'pairs';
    return `tandem-${scope}${pair === 'auto' ? '' : `-${pair}`}-${status}${ext}`;
  };

  /**
   * Asks where to write. Picked with "Choose…" the file stays chosen; otherwise each Export asks
   * again (the app's save dialog; in browser mode a fresh name for these filters).
   */
  const choose = async (explicit: boolean): Promise<string | null> => {
    setError(null);
    try {
      const path = await client.chooseSavePath(explicit && out ? fileName(out) : defaultName());
      if (path) {
        setOut(path);
        setOutChosen(explicit);
      }
      return path;
    } catch (err) {
      setError(`Could not choose where to save: ${message(err)}`);
      return null;
    }
  };

  const start = async () => {
    if (blocker || running) return;
    setError(null);
    const target = outChosen && out ? out : await choose(false);
    if (!target) return;
    setStarting(true);
    try {
      const started = await client.startJob('export', { ...filters, format, out: target });
      setJobId(started.id);
    } catch (err) {
      setError(err instanceof ClientError ? err.message : message(err));
    } finally {
      setStarting(false);
    }
  };

  const changeFormat = (f: Format) => {
    setFormat(f);
    setOut((o) => (o ? withExtension(o, f) : o));
  };

  const toggleLang = (l: SourceLang) =>
    setLangs((prev) => {
      const next = new Set(prev);
      if (next.has(l)) next.delete(l);
      else next.add(l);
      return next;
    });

  const storyOptions = (kind: 'event' | 'story') =>
    [...(stories.data?.[kind] ?? [])]
      .sort((x, y) => y.documents.length - x.documents.length || x.id.localeCompare(y.id, undefined, { numeric: true }))
      .map((c) => {
        const titles = c.documents.map((d) => docs.get(d)?.title ?? `#${d}`);
        const label = `${c.id} · ${c.documents.length} report${c.documents.length === 1 ? '' : 's'}: ${titles.join(' / ')}`;
        return <option key={c.id} value={c.id}>{label.length > 110 ? `${label.slice(0, 107)}…` : label}</option>;
      });

  const downloadUrl = report && client.downloadUrl ? client.downloadUrl(report.file) : null;
  const countText = invalid
    ? invalid
    : preview.error
      ? preview.error
      : preview.data
        ? `${preview.data.pairs} pair${preview.data.pairs === 1 ? '' : 's'} from ${preview.data.alignments} alignment${preview.data.alignments === 1 ? '' : 's'}${pairsFound.length ? ` · ${Object.entries(preview.data.languagePairs).map(([p, n]) => `${p} ${n}`).join(', ')}` : ''}`
        : 'Counting…';

  return (
    <ModalCard title="Export pairs" className="export-dialog" testId="export-dialog" first={first} onClose={onClose} busy={running}>
      <div className="export-form">
        <label htmlFor={`${id}-format`}>Format</label>
        <div className="export-field">
          <select id={`${id}-format`} ref={first} value={format} onChange={(e) => changeFormat(e.target.value as Format)} disabled={running} data-testid="export-format">
            {FORMATS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
          <span className="muted small">{FORMATS.find((f) => f.value === format)!.note}</span>
        </div>

        <label htmlFor={`${id}-pair`}>Language pair</label>
        <div className="export-field">
          <select id={`${id}-pair`} value={pair} onChange={(e) => setPair(e.target.value as PairChoice)} disabled={running} data-testid="export-pair" className="export-select">
            <option value="auto">Each alignment's own pair (two languages per unit)</option>
            {PAIR_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.pairs.map((p) => <option key={p} value={p}>{p} · {pairLabel(p)}</option>)}
              </optgroup>
            ))}
            <option value="all">All sides in one unit (original, English, other original)</option>
          </select>
          <span className="muted small">{pair === 'all' ? 'for archiving: CAT tools expect two languages' : 'what CAT tools import: one source, one target'}</span>
        </div>

        <span id={`${id}-status`}>Review status</span>
        <div className="segmented" role="radiogroup" aria-labelledby={`${id}-status`} data-testid="export-status">
          {STATUSES.map((s) => (
            <button key={s.value} type="button" role="radio" aria-checked={status === s.value} className={status === s.value ? 'on' : ''} disabled={running} onClick={() => setStatus(s.value)}>
              {s.label}
            </button>
          ))}
        </div>

        <label htmlFor={`${id}-score`}>Minimum score</label>
        <div className="export-field">
          <input id={`${id}-score`} type="number" min={0} max={1} step={0.05} placeholder="any" value={minScore} onChange={(e) => setMinScore(e.target.value)} disabled={running} className="score-input" data-testid="export-min-score" aria-invalid={!!scoreError} />
          <span className="muted small">0–1; empty takes every score</span>
        </div>

        <span id={`${id}-langs`}>Languages</span>
        <div className="export-field" role="group" aria-labelledby={`${id}-langs`} data-testid="export-langs">
          {LANGS.map((l) => (
            <label key={l} className="check">
              <input type="checkbox" checked={langs.has(l)} onChange={() => toggleLang(l)} disabled={running} value={l} />
              <span className="lang-code">{l}</span> {languageName(l)}
            </label>
          ))}
        </div>

        <label htmlFor={`${id}-story`}>Story</label>
        <select id={`${id}-story`} value={story} onChange={(e) => setStory(e.target.value)} disabled={running} data-testid="export-story" className="export-select">
          <option value="">Any story</option>
          {story && stories.data && ![...stories.data.event, ...stories.data.story].some((c) => c.id === story) && <option value={story}>{story}</option>}
          {(stories.data?.event.length ?? 0) > 0 && <optgroup label="Same event">{storyOptions('event')}</optgroup>}
          {(stories.data?.story.length ?? 0) > 0 && <optgroup label="Same story">{storyOptions('story')}</optgroup>}
        </select>

        <span id={`${id}-docs`}>Documents</span>
        <div className="export-field export-docs" role="group" aria-labelledby={`${id}-docs`} data-testid="export-docs">
          {documentIds.length === 0 && <span className="muted small">Any document</span>}
          {documentIds.map((d) => (
            <span key={d} className="chip" data-doc={d}>
              <span className="lang-code">{docs.get(d)?.lang ?? '?'}</span>
              <span className="chip-detail" title={docs.get(d)?.title ?? undefined}>#{d} {docs.get(d)?.title ?? ''}</span>
              <button type="button" className="chip-remove" aria-label={`Remove document ${d}`} onClick={() => setDocumentIds((ids) => ids.filter((x) => x !== d))} disabled={running}>✕</button>
            </span>
          ))}
          <select
            aria-label="Add a document"
            value=""
            disabled={running}
            className="export-select export-add"
            onChange={(e) => {
              const v = Number(e.target.value);
              if (v) setDocumentIds((ids) => (ids.includes(v) ? ids : [...ids, v]));
            }}
          >
            <option value="">Add a document…</option>
            {(documents.data ?? []).filter((d) => !documentIds.includes(d.id)).map((d) => (
              <option key={d.id} value={d.id}>#{d.id} {d.lang ?? '??'} · {(d.title ?? d.fileName).slice(0, 80)}</option>
            ))}
          </select>
          {documentIds.length > 0 && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setDocumentIds([])} disabled={running}>Clear</button>
          )}
        </div>

        <span id={`${id}-out`}>Output file</span>
        <div className="export-field export-out">
          <code className="out-path" aria-labelledby={`${id}-out`} data-testid="export-out" title={out ?? undefined}>{out ? <span dir="ltr">{out}</span> : <span className="muted">asked when you export</span>}</code>
          <button type="button" className="btn btn-small" onClick={() => void choose(true)} disabled={running}>Choose…</button>
        </div>
      </div>

      <div className={`export-count${blocker && !preview.loading ? ' export-count-warn' : ''}`} role="status" aria-live="polite" data-testid="export-count" data-pairs={preview.data && !invalid ? preview.data.pairs : undefined}>
        {countText}
        {preview.loading && !invalid && <span className="muted small"> · counting…</span>}
      </div>
      {preview.data && !invalid && <ExportCountDetails preview={preview.data} onAligned={() => setRecount((n) => n + 1)} />}
      {xliffError && <div className="notice notice-error export-notice" role="alert" data-testid="export-error">{xliffError}</div>}
      {error && <div className="notice notice-error export-notice" role="alert" data-testid="export-error">{error}</div>}

      {job && job.state === 'running' && (
        <div className="export-progress" data-testid="export-progress">
          <ProgressBar done={job.progress?.done ?? 0} total={job.progress?.total ?? 0} label="Export progress" />
          <span className="tabular small">{job.progress ? `${job.progress.done} / ${job.progress.total}` : 'starting…'}</span>
          <span className="tabular small muted">{job.progress?.etaSeconds !== undefined ? `ETA ${duration(job.progress.etaSeconds)}` : ''}</span>
          <button type="button" className="btn btn-small" onClick={() => void client.cancelJob(job.id)}>Cancel export</button>
        </div>
      )}
      {job?.state === 'failed' && <div className="notice notice-error export-notice" role="alert" data-testid="export-error">Export failed: {job.error}</div>}
      {job?.state === 'cancelled' && <div className="notice notice-warn export-notice" role="status" data-testid="export-cancelled">Export cancelled: no file was written.</div>}
      {report && job?.state === 'done' && (
        <div className="notice notice-ok export-notice export-report" role="status" data-testid="export-report">
          <div>
            <strong>{report.pairs} pair{report.pairs === 1 ? '' : 's'}</strong> written as {report.format.toUpperCase()} · {bytes(report.bytes)} ({report.bytes} bytes) in {report.seconds.toFixed(1)} s
          </div>
          <div className="small">
            {report.skipped ? describeSkipped(report) : 'None skipped'}
            {' · '}
            {report.droppedChars ? `${report.droppedChars} characters XML cannot carry were left out` : 'no characters dropped'}
          </div>
          <div className="export-file">
            <code data-testid="export-file" title={report.file}><span dir="ltr">{report.file}</span></code>
            {downloadUrl && <a className="btn btn-small" href={downloadUrl} download={fileName(report.file)} data-testid="export-download">Download</a>}
          </div>
        </div>
      )}

      <div className="card-foot">
        <span className="muted small"><kbd>Esc</kbd> closes{running ? ' (the export goes on in the status bar)' : ''}</span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={onClose}>{report || running ? 'Close' : 'Cancel'}</button>
        <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={running || !!blocker || preview.loading} data-testid="export-start">
          {running ? 'Exporting…' : report ? 'Export again' : 'Export'}
        </button>
      </div>
    </ModalCard>
  );
}
