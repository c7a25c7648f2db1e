// The keyboard help overlay: every key of Compare (handled in useKeyMap.ts) and the view keys.

const COMPARE_KEYS: [string, string][] = [
  ['J / ↓', 'next row'],
  ['K / ↑', 'previous row'],
  ['Home / End', 'first / last row'],
  ['N', 'next pending row'],
  ['A', 'accept the row (and move on)'],
  ['R', 'reject the row (and move on)'],
  ['X', 'reset the row to pending'],
  ['E', 'edit the English of the row'],
  ['Tab', 'while editing: the other sentence or side'],
  ['Enter / Esc', 'while editing: save / cancel'],
  ['M', 'merge the row with the next one'],
  ['S', 'split the row'],
  ['← / →', 'choose the side (left / right) the operations act on'],
  ['Shift+↑ / Shift+↓', 'shift: move the first sentence of that side into the row above / the last into the row below'],
  ['G', 'insert an empty cell on that side (its cells below move down)'],
  ['Backspace / Delete', 'remove the empty cell on that side (its cells below move up)'],
  ['T', 'edit the source text of that side (an OCR or typo fix)'],
  ['Ctrl+Enter', 'while editing the source: split the sentence at the caret'],
  ['[ / ]', 'previous / next row scoring below the threshold'],
  ['F', 'the row filter (status, kind, score); Esc back to the rows'],
  ['U / Ctrl+Z', 'undo the last decision'],
  ['V', 'show original / English / both'],
  ['?', 'this help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard" onClick={onClose} data-testid="help">
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <div className="card-head">
          <h1>Keyboard</h1>
          <span className="spacer" />
          <button type="button" className="btn btn-small btn-quiet" onClick={onClose} aria-label="Close">✕</button>
        </div>
        <table className="keys">
          <tbody>
            {COMPARE_KEYS.map(([k, what]) => (
              <tr key={k}><td><kbd>{k}</kbd></td><td>{what}</td></tr>
            ))}
            <tr><td><kbd>Ctrl+1…5</kbd></td><td>Library · Document · Stories · Compare · Models</td></tr>
          </tbody>
        </table>
        <p className="muted small">Every decision is saved at once. Edits keep the machine translation in the memory underneath.</p>
      </div>
    </div>
  );
}
