// Import translation memory: a TMX or TSV file picked or dropped, its language (TSV needs one),
// then the `importMemory` job (the same code as `tandem tm import`) with progress, Cancel, and its
// report: units read, pairs imported per language, what was skipped and why, references decoded.
import { useId, useRef, useState, type DragEvent as ReactDragEvent } from 'react';
import { jobResult, type JobSnapshot } from '../api/client.ts';
import { bytes, languageName } from '../format.ts';
import { useClient, useJobs } from '../state.tsx';
import { ProgressBar } from './Progress.tsx';
import { ModalCard } from './ModalCard.tsx';

type Lang = 'de' | 'is' | 'nl';
const LANGS: Lang[] = ['de', 'is', 'nl'];

/** Memory files the dialog takes; dropped on the window, these open the dialog instead of an article import. */
export const MEMORY_ACCEPT = '.tmx,.tsv,.tab';
export const isMemoryFile = (name: string) => /\.(tmx|tsv|tab)$/iu.test(name);
const isTmx = (name: string) => /\.tmx$/iu.test(name);

export function MemoryDialog({ initial, onClose }: { initial: File | null; onClose: () => void }) {
  const client = useClient();
  const { jobs } = useJobs();
  const id = useId();
  const chooser = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(initial);
  const [lang, setLang] = useState<Lang | ''>('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const job: JobSnapshot | undefined = jobs.find((j) => j.id === jobId);
  const running = job?.state === 'running' || (jobId !== null && !job);
  const report = job ? jobResult(job, 'importMemory') : null;

  const problem = !file
    ? 'Choose a TMX or TSV file, or drop one here.'
    : !/\.(tmx|tsv|tab|txt)$/iu.test(file.name)
      ? `${file.name}: not a memory file Tandem reads (TMX 1.4, or TSV: source<TAB>English).`
      : !isTmx(file.name) && !lang
        ? `${file.name} is TSV: say which language its first column is in.`
        : null;

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setJobId(null);
    setError(null);
  };
  const start = async () => {
    if (!file || problem) return;
    setError(null);
    try {
      const started = await client.importMemory(file, lang ? { lang } : {});
      if (started.failure) setError(`${started.failure.name}: ${started.failure.message}`);
      else if (started.job) setJobId(started.job.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const drop = (e: ReactDragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  return (
    <ModalCard title="Import translation memory" className="memory-dialog" testId="memory-dialog" first={chooser} onClose={() => !running && onClose()} busy={running} closeDisabled={running}>
      <p className="muted small">
        Pairs of a sentence and its English, from a CAT tool or an MT service. Sentences with the same text then need no model, and a memory line that
        holds several sentences is used too. Same as <code>tandem tm import FILE</code>.
      </p>

      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        data-testid="memory-drop"
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <button type="button" ref={chooser} className="btn" disabled={running} onClick={() => picker.current?.click()}>Choose file…</button>
        <span>{file ? <><strong data-testid="memory-file">{file.name}</strong> <span className="muted">({bytes(file.size)})</span></> : <span className="muted">or drop a .tmx or .tsv file here</span>}</span>
        <input ref={picker} type="file" accept={`${MEMORY_ACCEPT},.txt`} hidden data-testid="memory-picker" onChange={(e) => {
          choose(e.target.files?.[0]);
          e.target.value = '';
        }} />
      </div>

      <div className="export-form">
        <label htmlFor={`${id}-lang`}>Source language</label>
        <div className="export-field">
          <select id={`${id}-lang`} value={lang} disabled={running} onChange={(e) => setLang(e.target.value as Lang | '')} data-testid="memory-lang">
            <option value="">{file && !isTmx(file.name) ? 'Choose…' : 'As the file says (TMX)'}</option>
            {LANGS.map((l) => <option key={l} value={l}>{languageName(l)} ({l})</option>)}
          </select>
          <span className="muted small">{file && isTmx(file.name) ? 'A language here imports only its units.' : 'TSV files do not say their language.'}</span>
        </div>
      </div>

      {running && (
        <div className="notice" data-testid="memory-progress">
          <div className="notice-head">
            <strong>Importing {file?.name}</strong>
            <span className="spacer" />
            <span className="tabular">{bytes(job?.progress?.done ?? 0)} of {job?.progress?.total ? bytes(job.progress.total) : '?'}</span>
          </div>
          <ProgressBar done={job?.progress?.done ?? 0} total={job?.progress?.total ?? 0} label="Memory import" />
        </div>
      )}
      {job?.state === 'failed' && <div className="notice notice-error" role="alert">{job.error}</div>}
      {job?.state === 'cancelled' && <div className="notice notice-warn" role="status" data-testid="memory-cancelled">{job.error ?? 'Cancelled'}. The pairs saved before the cancel stay in the memory.</div>}
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {report && (
        <div className="notice notice-ok" role="status" data-testid="memory-report">
          <p><strong>{report.imported} of {report.read} pairs imported</strong>{Object.keys(report.byLang).length ? ` — ${Object.entries(report.byLang).map(([l, n]) => `${languageName(l)}: ${n}`).join(', ')}` : ''}.</p>
          {report.decoded > 0 && <p data-testid="memory-decoded">{report.decoded} pair{report.decoded === 1 ? '' : 's'} held HTML character references (such as <code>&amp;#39;</code>): decoded.</p>}
          {report.skipped.length > 0 && (
            <ul className="small" data-testid="memory-skipped">
              {report.skipped.map((s) => <li key={s.reason}>{s.count} skipped: {s.reason}</li>)}
            </ul>
          )}
          <p className="small muted">Translate (Library or a document) to use it: sentences found in the memory need no model.</p>
        </div>
      )}

      <div className="card-foot">
        {!running && problem && file && <span className="muted small" data-testid="memory-problem">{problem}</span>}
        <span className="spacer" />
        {running ? (
          <button type="button" className="btn" onClick={() => job && void client.cancelJob(job.id)} data-testid="memory-cancel">Cancel</button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>{report ? 'Close' : 'Cancel'}</button>
            <button type="button" className="btn btn-primary" disabled={!!problem} onClick={() => void start()} data-testid="memory-import">Import</button>
          </>
        )}
      </div>
    </ModalCard>
  );
}
