// The keyboard help overlay: the key tables of keys.ts (the ones useKeyMap.ts and the editor run),
// so it lists every key the view handles. A modal dialog: it takes the focus and gives it back.
import { useEffect, useId, useRef } from 'react';
import { useReturnFocus } from '../../components/useReturnFocus.ts';
import { APP_KEYS, EDITOR_KEYS, ROW_KEYS } from './keys.ts';

export function HelpOverlay({ onClose, fallbackFocus }: { onClose: () => void; fallbackFocus?: () => HTMLElement | null }) {
  const title = useId();
  const close = useRef<HTMLButtonElement>(null);
  useReturnFocus(fallbackFocus);
  useEffect(() => close.current?.focus(), []);
  const rows = [...ROW_KEYS, ...EDITOR_KEYS, ...APP_KEYS];
  return (
    <div className="overlay" onClick={onClose} data-testid="help">
      <div
        className="overlay-card" role="dialog" aria-modal="true" aria-labelledby={title}
        onClick={(e) => e.stopPropagation()}
        // The only control is Close: Tab stays on it.
        onKeyDown={(e) => e.key === 'Tab' && e.preventDefault()}
      >
        <div className="card-head">
          <h1 id={title}>Keyboard</h1>
          <span className="spacer" />
          <button ref={close} type="button" className="btn btn-small btn-quiet" onClick={onClose} aria-label="Close">✕</button>
        </div>
        <table className="keys">
          <tbody>
            {rows.map(({ label, what }) => (
              <tr key={label} data-testid="help-key"><td><kbd>{label}</kbd></td><td>{what}</td></tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">Every decision is saved at once. Edits keep the machine translation in the memory underneath.</p>
      </div>
    </div>
  );
}
