// One aligned row: its status gutter and both sides (original, English with the word diff,
// the editor in place of a sentence being edited).
import { memo, type ReactNode } from 'react';
import { sideRuns } from './diffText.ts';
import { Editor, type EditorProps } from './Editor.tsx';
import { SourceEditor } from './SourceEditor.tsx';
import type { Mode, Row, Side, Sentence } from './types.ts';
import { draftKey } from './useDrafts.ts';
import { OriginTag } from '../../components/OriginTag.tsx';
import type { SourceEditing, SourceHandlers } from './useOperations.ts';

interface RowProps {
  row: Row;
  /** The row's place among the rows shown. */
  index: number;
  /** Its number in the whole alignment (the same as index + 1 unless a filter hides rows). */
  number: number;
  /** The element id of the row (the list's aria-activedescendant points at the focused one). */
  id: string;
  focused: boolean;
  mode: Mode;
  translation: boolean;
  langA: string | null;
  langB: string | null;
  /** The editor's props when this row is open. */
  editor: EditorProps | null;
  onFocus: (i: number) => void;
  /** The side the operation keys act on, on the focused row. */
  chosenSide: Side | null;
  source: SourceEditing | null;
  sourceHandlers: SourceHandlers;
}

export const RowView = memo(function RowView(p: RowProps) {
  const { row, index, focused, mode, translation, editor: open } = p;
  const editing = open?.e ?? null;
  const { bead } = row;
  // In the open row: the editor on its sentence, the changed drafts of the others (not saved yet).
  const editor = (side: Side, s: Sentence) => {
    if (!open || !editing) return null;
    if (editing.side === side && editing.sentence === s.index) return <Editor key={`edit-${side}-${s.index}`} {...open} />;
    const draft = editing.drafts[draftKey({ side, sentence: s.index })];
    return draft !== undefined && draft.trim() !== (s.english ?? '').trim() ? <English key={`d${s.index}`} s={{ ...s, english: draft }} draft /> : null;
  };
  const src = p.source;
  const original = (side: Side, s: Sentence, lang: string | null, num: boolean) => (src && src.side === side && src.sentence === s.index
    ? <SourceEditor key={`src-${side}-${s.index}`} e={src} lang={lang} {...p.sourceHandlers} />
    : <div key={`o${s.index}`} className="cmp-orig" lang={lang ?? undefined} data-testid="original" data-sentence={s.index}>{num && <span className="s-num">{s.index + 1}</span>}{s.text}<Revised s={s} /></div>);
  return (
    <div
      className={`cmp-row status-${bead.status}${focused ? ' focused' : ''}`}
      id={p.id}
      role="row"
      aria-rowindex={p.number}
      aria-selected={focused}
      data-testid="cmp-row"
      data-row={index}
      data-bead={bead.id}
      data-status={bead.status}
      data-kind={bead.kind}
      aria-current={focused ? 'true' : undefined}
      onClick={() => p.onFocus(index)}
    >
      <div className="cmp-gutter" role="rowheader" aria-label={`Row ${p.number}, ${bead.status}, ${bead.kind}, score ${bead.score.toFixed(2)}`}>
        <span className="tabular cmp-pos" aria-hidden="true">{p.number}</span>
        <span className={`status status-${bead.status}`} data-testid="row-status" aria-hidden="true">{bead.status}</span>
        <span className="muted small tabular" aria-hidden="true" title={`${bead.origin === 'human' ? 'made by hand' : 'aligned automatically'}; score ${bead.score.toFixed(3)}`}>
          {bead.kind} · {bead.score.toFixed(2)}
        </span>
      </div>
      {translation ? (
        <>
          <Cell repeated={row.repeated.a} empty={!row.a.length} chosen={p.chosenSide === 'a'} side="a">
            {row.a.map((s) => original('a', s, p.langA, false))}
          </Cell>
          <Cell repeated={row.repeated.a} empty={!row.a.length}>
            {row.a.map((s) => editor('a', s) ?? <English key={s.index} s={s} />)}
          </Cell>
        </>
      ) : (
        <>
          <SideCell side="a" sentences={row.a} lang={p.langA} mode={mode} diff={row.diff} repeated={row.repeated.a} editingHere={editing?.side === 'a'} editor={editor} original={original} chosen={p.chosenSide === 'a'} />
          <SideCell side="b" sentences={row.b} lang={p.langB} mode={mode} diff={row.diff} repeated={row.repeated.b} editingHere={editing?.side === 'b'} editor={editor} original={original} chosen={p.chosenSide === 'b'} />
        </>
      )}
    </div>
  );
});

/** An analyst's split or fix of a source sentence, with the ingested text on hover. */
function Revised({ s }: { s: Sentence }) {
  if (!s.revision) return null;
  const r = s.revision;
  return <span className="origin origin-human" data-testid="revised" title={`${r.kind === 'edit' ? 'Fixed' : 'Split'} in review${r.by ? ` by ${r.by}` : ''}${r.at ? ` on ${r.at.slice(0, 16).replace('T', ' ')}` : ''}; ingested: ${r.original}`}>{r.kind === 'edit' ? 'fixed' : 'split'}</span>;
}

function Cell({ repeated, empty, chosen, side, children }: { repeated: boolean; empty: boolean; chosen?: boolean; side?: Side; children: ReactNode }) {
  return (
    <div role="gridcell" className={`cmp-cell${repeated ? ' repeated' : ''}${empty ? ' empty-cell' : ''}${chosen ? ' chosen' : ''}`} data-repeated={repeated ? 'true' : undefined} data-side={side} data-chosen={chosen ? 'true' : undefined}>
      {repeated && <span className="repeat-tag" title="Part of a passage repeated within or across reports">repeated</span>}
      {empty ? <span className="muted small gap-note">no sentence on this side</span> : children}
    </div>
  );
}

function SideCell({ side, sentences, lang, mode, diff, repeated, editingHere, editor, original, chosen }: {
  side: Side; sentences: Sentence[]; lang: string | null; mode: Mode; diff: Row['diff']; repeated: boolean; editingHere: boolean;
  editor: (side: Side, s: Sentence) => ReactNode; original: (side: Side, s: Sentence, lang: string | null, num: boolean) => ReactNode; chosen: boolean;
}) {
  const english = lang === 'en';
  const showOriginal = mode !== 'english' && !english;
  const showEnglish = mode !== 'original' || english;
  return (
    <Cell repeated={repeated} empty={!sentences.length} chosen={chosen} side={side}>
      {showOriginal && sentences.map((s) => original(side, s, lang, true))}
      {showEnglish && (editingHere || !diff
        ? sentences.map((s) => editor(side, s) ?? <English key={`e${s.index}`} s={s} num={!showOriginal} />)
        : (
          <div className="cmp-en" lang="en" data-testid={`english-${side}`}>
            <span className="diff-text" data-testid={`diff-${side}`}>
              {sideRuns(diff, side).map((run, i) => (run.changed ? <mark key={i} className={side === 'a' ? 'diff-del' : 'diff-ins'}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
            </span>
            {[...new Set(sentences.map((s) => s.origin))].map((o) => o && (
              <OriginTag key={o} source={o} machine={o === 'human' ? sentences.map((s) => s.machine).filter(Boolean).join(' ') || null : null} />
            ))}
          </div>
        ))}
    </Cell>
  );
}

function English({ s, num, draft }: { s: Sentence; num?: boolean; draft?: boolean }) {
  return (
    <div className="cmp-en" lang="en" data-testid={draft ? 'draft' : 'english'} data-sentence={s.index}>
      {num && <span className="s-num">{s.index + 1}</span>}
      {s.english ?? <span className="not-translated">not translated yet</span>}
      {draft && <span className="origin origin-draft" title="Changed, not saved yet: Enter saves the row">draft</span>}
      {!draft && s.english !== null && <OriginTag source={s.origin} provenance={s.provenance} machine={s.machine} />}
    </div>
  );
}
