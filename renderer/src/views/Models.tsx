// Models: what is installed, what is missing and what to do about it; fetching with progress.
import { useState } from 'react';
import type { QueryResult } from '../api/client.ts';
import { ProgressBar } from '../components/Progress.tsx';
import { bytes, languageName } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';
import { AddFolder, DeleteModel } from './models/ModelActions.tsx';

type Model = QueryResult<'models'>[number];

const STATE_TEXT: Record<Model['state'], string> = {
  installed: 'Installed',
  sideloaded: 'Side-loaded',
  missing: 'Missing',
  partial: 'Partly downloaded',
  corrupt: 'Damaged',
};

export function Models() {
  const client = useClient();
  const { jobs, revision } = useJobs();
  const [changes, setChanges] = useState(0);
  const models = useQuery('models', {}, `${revision}:${changes}`);
  const [error, setError] = useState<string | null>(null);
  const fetching = jobs.filter((j) => j.method === 'fetchModels');
  const running = fetching.find((j) => j.state === 'running');
  const last = fetching.at(-1);
  const usable = (m: Model) => m.state === 'installed' || m.state === 'sideloaded';
  const needed = (models.data ?? []).filter((m) => !usable(m));

  const fetchModels = async (lang?: Model['lang']) => {
    setError(null);
    try {
      await client.startJob('fetchModels', lang ? { lang } : {});
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="view models">
      <div className="toolbar">
        <h1>Models</h1>
        <span className="muted">
          {models.data ? `${models.data.length - needed.length} of ${models.data.length} ready` : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" disabled={!!running || needed.length === 0} onClick={() => void fetchModels()}>
          {running ? 'Fetching…' : needed.length ? 'Fetch missing models' : 'All models ready'}
        </button>
      </div>
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {models.error && <div className="notice notice-error" role="alert">Could not list the models: {models.error}</div>}
      {running && (
        <div className="notice" data-testid="fetch-progress">
          <div className="notice-head">
            <strong>Downloading {running.progress?.item ?? '…'}</strong>
            <span className="spacer" />
            <span className="tabular">
              {bytes(running.progress?.done ?? 0)} of {running.progress?.total ? bytes(running.progress.total) : '?'}
            </span>
          </div>
          <ProgressBar done={running.progress?.done ?? 0} total={running.progress?.total ?? 0} label="Model download" />
        </div>
      )}
      {!running && last?.state === 'failed' && (
        <div className="notice notice-offline" role="alert" data-testid="fetch-offline">
          <strong>Could not download the models — this machine looks offline or cannot reach the model hub.</strong>
          <p className="small">{last.error}</p>
          <p>
            Tandem works fully offline once models are on disk. On a machine with internet access run <code>tandem models fetch</code>, copy
            the model folder on removable media, and add it with “Add model folder…” below (or <code>tandem models add DIR --lang de</code>). Nothing you imported is affected.
          </p>
        </div>
      )}
      <div className="cards">
        {(models.data ?? []).map((m) => (
          <div className={`card model model-${m.state}`} key={m.lang} data-testid="model" data-lang={m.lang} data-state={m.state}>
            <div className="card-head">
              <span className="lang-code">{m.lang}</span>
              <strong>{languageName(m.lang)} → English</strong>
              <span className="spacer" />
              <span className={`badge ${usable(m) ? 'badge-done' : 'badge-warn'}`}>{STATE_TEXT[m.state]}</span>
            </div>
            <dl className="facts">
              <dt>Model</dt>
              <dd><code>{m.id}</code></dd>
              <dt>Revision</dt>
              <dd><code>{m.revision ? m.revision.slice(0, 12) : 'unpinned'}</code>{m.revisionPinned ? '' : ' (not pinned)'}</dd>
              <dt>Size</dt>
              <dd className="tabular" data-testid="model-size" title={m.sizeNote ?? undefined}>
                {m.plannedBytes === null ? 'unknown' : m.sizeApproximate ? <>about {bytes(m.plannedBytes)} <span className="muted small">(estimated)</span></> : bytes(m.plannedBytes)}
              </dd>
              <dt>On disk</dt>
              <dd className="tabular">{bytes(m.bytesOnDisk)}{m.plannedBytes !== null && !usable(m) ? ` of ${m.sizeApproximate ? 'about ' : ''}${bytes(m.plannedBytes)}` : ''}</dd>
              <dt>Folder</dt>
              <dd className="path" title={m.dir}>{m.dir}</dd>
            </dl>
            {m.plannedBytes ? <ProgressBar done={m.bytesOnDisk} total={m.plannedBytes} label={`${m.lang} model files on disk`} tone="muted" /> : null}
            {!usable(m) && (
              <div className="todo">
                {m.missingFiles.length > 0 && (
                  <div className="small">
                    {m.missingFiles.length} file{m.missingFiles.length === 1 ? '' : 's'} missing:
                    <ul className="missing-files" data-testid="missing-files">
                      {m.missingFiles.map((f) => {
                        const status = m.files.find((x) => x.file === f);
                        const size = status?.expectedBytes ?? null;
                        return <li key={f}><code>{f}</code>{size !== null ? <span className="muted"> · {bytes(size)}</span> : null}</li>;
                      })}
                    </ul>
                  </div>
                )}
                <p>
                  To get it, fetch it here or run <code>tandem models fetch --lang {m.lang}</code> (needs the internet: about {bytes(m.plannedBytes)}{m.sizeApproximate ? ', estimated' : ''} to
                  download), or copy the folder from another machine and add it here (or <code>tandem models add DIR --lang {m.lang}</code>).
                </p>
                <div className="model-buttons">
                  <button type="button" className="btn btn-small" disabled={!!running} onClick={() => void fetchModels(m.lang)}>
                    Fetch {languageName(m.lang)}
                  </button>
                  <AddFolder model={m} busy={!!running} />
                </div>
              </div>
            )}
            {usable(m) && <AddFolder model={m} busy={!!running} />}
            <DeleteModel model={m} busy={!!running} onDeleted={() => setChanges((c) => c + 1)} />
          </div>
        ))}
      </div>
    </div>
  );
}
