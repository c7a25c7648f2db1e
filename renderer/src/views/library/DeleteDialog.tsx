// The confirmation before documents are deleted: which documents, and exactly how many
// alignments, decisions, matches and story memberships go with them (counted by the engine's dry
// run); the translation memory stays. Cancel has the focus; Esc cancels; Tab stays inside.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { describeDeletion } from '../../../../src/common/deletion.ts';
import type { QueryResult } from '../../api/client.ts';
import { useReturnFocus } from '../../components/useReturnFocus.ts';
import { useClient } from '../../state.tsx';

type Result = QueryResult<'deleteDocuments'>;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function DeleteDialog({ ids, onDeleted, onClose, fallbackFocus }: { ids: number[]; onDeleted: (r: Result) => void; onClose: () => void; fallbackFocus: () => HTMLElement | null }) {
  const client = useClient();
  const id = useId();
  const card = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [preview, setPreview] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  useReturnFocus(fallbackFocus);

  const key = ids.join(',');
  useEffect(() => {
    let alive = true;
    client.query('deleteDocuments', { ids, dryRun: true }).then((r) => alive && setPreview(r), (err: unknown) => alive && setError(message(err)));
    return () => {
      alive = false;
    };
  }, [client, key]);
  useEffect(() => cancel.current?.focus(), []);

  const confirm = async () => {
    setDeleting(true);
    setError(null);
    try {
      onDeleted(await client.query('deleteDocuments', { ids }));
    } catch (err) {
      setError(message(err));
      setDeleting(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape' && !deleting) {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...(card.current?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : (at + 1) % items.length;
      e.preventDefault();
      items[next]?.focus();
    }
  };

  const said = preview ? describeDeletion(preview.counts) : null;
  const names = preview?.documents ?? [];
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && !deleting && onClose()}>
      <div ref={card} className="overlay-card delete-dialog" role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} data-testid="delete-dialog" onKeyDown={onKey}>
        <div className="card-head">
          <h1 id={`${id}-title`}>Delete {ids.length === 1 ? 'document' : `${ids.length} documents`}?</h1>
        </div>
        <div id={`${id}-what`}>
          {said ? (
            <>
              <p className="delete-what" data-testid="delete-what">Delete {said.what}:</p>
              <ul className="delete-names">
                {names.slice(0, 8).map((d) => <li key={d.id}>#{d.id} {d.title ?? d.fileName}</li>)}
                {names.length > 8 && <li className="muted">and {names.length - 8} more</li>}
              </ul>
              <p data-testid="delete-with">{said.with}</p>
            </>
          ) : (
            !error && <p className="muted">Counting what goes with {ids.length === 1 ? 'it' : 'them'}…</p>
          )}
          {error && <div className="notice notice-error" role="alert">{error}</div>}
        </div>
        <div className="card-foot">
          <span className="muted small"><kbd>Esc</kbd> cancels</span>
          <span className="spacer" />
          <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={deleting}>Cancel</button>
          <button type="button" className="btn btn-danger-solid" onClick={() => void confirm()} disabled={!preview || deleting} data-testid="delete-confirm">
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>
    </div>
  );
}
