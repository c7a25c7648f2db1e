// A model card's actions: register a model folder for its language (the app's native folder
// picker, or in browser mode a folder path on the server's machine), and delete the installed
// model after a confirmation that says what goes and what stays.
import { useId, useState } from 'react';
import { jobResult, type QueryResult } from '../../api/client.ts';
import { bytes, languageName } from '../../format.ts';
import { useClient, useJobs } from '../../state.tsx';

type Model = QueryResult<'models'>[number];

/** An absolute path on Linux, macOS or Windows. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/u;

export function AddFolder({ model, busy }: { model: Model; busy: boolean }) {
  const client = useClient();
  const { jobs } = useJobs();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [dir, setDir] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = jobs.find((j) => j.id === jobId);
  const added = job ? jobResult(job, 'addModel') : null;
  const running = job?.state === 'running';
  const name = languageName(model.lang);

  const add = async (folder: string) => {
    setError(null);
    try {
      setJobId((await client.startJob('addModel', { dir: folder, lang: model.lang })).id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const start = async () => {
    // The app: the native folder dialog (the folder chosen there is the only one it may read).
    if (client.chooseModelFolder) {
      const folder = await client.chooseModelFolder().catch((err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        return null;
      });
      if (folder) await add(folder);
      return;
    }
    setOpen(true);
  };
  const submit = () => {
    const folder = dir.trim();
    if (!folder) return setError('Type the folder’s full path.');
    if (!ABSOLUTE.test(folder)) return setError(`“${folder}” is not a full path: start it at the root, e.g. /media/usb/${model.id.split('/')[1]} or D:\\${model.id.split('/')[1]}.`);
    void add(folder);
  };

  return (
    <div className={`model-add${open ? ' model-add-open' : ''}`} data-testid="model-add">
      {!open && (
        <button type="button" className="btn btn-small" disabled={busy || running} onClick={() => void start()} data-testid="add-folder">
          {running ? 'Adding…' : 'Add model folder…'}
        </button>
      )}
      {open && (
        <form className="model-add-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <label htmlFor={`${id}-dir`} className="small">Folder with {model.id.split('/')[1]}’s files (config.json, onnx/…), on the machine running <code>tandem serve</code></label>
          <div className="model-add-row">
            <input id={`${id}-dir`} type="text" value={dir} autoFocus spellCheck={false} placeholder={`/media/usb/${model.id.split('/')[1]}`} onChange={(e) => setDir(e.target.value)} disabled={running} data-testid="folder-path" aria-invalid={!!error} />
            <button type="submit" className="btn btn-small btn-primary" disabled={running}>{running ? 'Adding…' : 'Add'}</button>
            <button type="button" className="btn btn-small" disabled={running} onClick={() => { setOpen(false); setError(null); }}>Cancel</button>
          </div>
          <p className="small muted">In the browser Tandem reads only from its inbox folder (<code>inbox/</code> beside the database): copy the model folder there first.</p>
        </form>
      )}
      {running && <p className="small muted" role="status">Checking and copying the files of {name}…</p>}
      {error && <p className="small error-text" role="alert" data-testid="add-error">{error}</p>}
      {job?.state === 'failed' && <p className="small error-text" role="alert" data-testid="add-error">{job.error}</p>}
      {added && <p className="small ok-text" role="status" data-testid="add-done">Added {added.id}: {added.files.length} files, {added.state === 'sideloaded' ? 'side-loaded (not the pinned files: identified by their own hashes)' : 'matching the pinned files'}.</p>}
    </div>
  );
}

export function DeleteModel({ model, busy, onDeleted }: { model: Model; busy: boolean; onDeleted: () => void }) {
  const client = useClient();
  const { jobs } = useJobs();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const translating = jobs.some((j) => j.state === 'running' && (j.method === 'translate' || j.method === 'fetchModels' || j.method === 'addModel'));
  if (model.state === 'missing') return null;
  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      await client.query('deleteModel', { lang: model.lang });
      setAsking(false);
      onDeleted();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setDeleting(false);
    }
  };
  return (
    <div className="model-delete">
      {!asking ? (
        <button type="button" className="btn btn-small btn-quiet btn-danger" disabled={busy || translating} title={translating ? 'Wait for the running job to finish' : undefined} onClick={() => setAsking(true)} data-testid="delete-model">
          Delete model…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-label={`Delete the ${languageName(model.lang)} model?`} data-testid="delete-confirm">
          <p className="small">
            Delete <code>{model.id}</code> ({bytes(model.bytesOnDisk)} on disk)? {languageName(model.lang)} articles are then not translated until a model is fetched or added again.
            The translations it already made stay in the memory.
          </p>
          <button type="button" className="btn btn-small btn-danger" autoFocus disabled={deleting} onClick={() => void remove()} data-testid="delete-yes">Delete</button>{' '}
          <button type="button" className="btn btn-small" disabled={deleting} onClick={() => setAsking(false)}>Keep it</button>
        </div>
      )}
      {error && <p className="small error-text" role="alert">{error}</p>}
    </div>
  );
}
