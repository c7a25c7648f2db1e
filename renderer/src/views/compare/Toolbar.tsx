// Compare's toolbar: back, title, the row filter, the alignment mode of a pair, what each side shows, export, help.
import type { ReactNode } from 'react';
import type { AlignMode, CompareData, Mode } from './types.ts';

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'original', label: 'Original' },
  { mode: 'english', label: 'English' },
  { mode: 'both', label: 'Both' },
];

interface ToolbarProps {
  data: CompareData | null;
  translation: boolean;
  /** The title of side A ('…' while loading). */
  titleA: string;
  mode: Mode;
  setMode: (m: Mode) => void;
  switchMode: (to: AlignMode) => void;
  onBack: () => void;
  onExport: () => void;
  onHelp: () => void;
  /** The row filter (./Filter.tsx). */
  filter?: ReactNode;
}

export function Toolbar({ data, translation, titleA, mode, setMode, switchMode, onBack, onExport, onHelp, filter }: ToolbarProps) {
  return (
    <div className="toolbar">
      <button type="button" className="btn btn-quiet" onClick={onBack} title={translation ? 'Back to the document' : 'Back to Stories'}>
        ← {translation ? 'Document' : 'Stories'}
      </button>
      <h1 className={`doc-title${translation ? '' : ' doc-title-fixed'}`}>{translation ? `Review: ${titleA}` : 'Compare'}</h1>
      <span className="spacer" />
      {filter}
      {data && !translation && (
        <div className="segmented" role="group" aria-label="Alignment">
          <button type="button" className={data.alignment.mode === 'monotonic' ? 'on' : ''} aria-pressed={data.alignment.mode === 'monotonic'} onClick={() => switchMode('monotonic')} title="Sentence by sentence in order (translations, versions)">
            In order
          </button>
          <button type="button" className={data.alignment.mode === 'passages' ? 'on' : ''} aria-pressed={data.alignment.mode === 'passages'} onClick={() => switchMode('passages')} title="Matching passages wherever they are (independent reports)">
            Passages
          </button>
        </div>
      )}
      {!translation && <div className="segmented" role="group" aria-label="Show">
        {MODES.map((m) => (
          <button key={m.mode} type="button" className={mode === m.mode ? 'on' : ''} aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)} title={`${m.label} (V cycles)`}>
            {m.label}
          </button>
        ))}
      </div>}
      <button type="button" className="btn btn-small" onClick={onExport} title="Export reviewed pairs of this pair of documents (Ctrl+E)">Export…</button>
      <button type="button" className="btn btn-small" onClick={onHelp} title="Keyboard help (?)">? Keys</button>
    </div>
  );
}
