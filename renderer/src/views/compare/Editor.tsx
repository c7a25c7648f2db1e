// The post-editor of one sentence's English, with the machine version beneath it.
import { useEffect, useRef } from 'react';
import type { Editing } from './types.ts';

export function Editor({ e, onDraft, onSave, onCancel, onCycle }: { e: Editing; onDraft: (s: string) => void; onSave: (e: Editing) => void; onCancel: () => void; onCycle: (e: Editing, back: boolean) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const t = ref.current;
    if (!t) return;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  }, [e.side, e.sentence]);
  return (
    <div className="editor" onClick={(ev) => ev.stopPropagation()}>
      <textarea
        ref={ref}
        className="editor-input"
        lang="en"
        rows={2}
        value={e.draft}
        aria-label={`English of sentence ${e.sentence + 1} (${e.side === 'a' ? 'left' : 'right'})`}
        data-testid="editor"
        onChange={(ev) => onDraft(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && !ev.shiftKey) {
            ev.preventDefault();
            onSave(e);
          } else if (ev.key === 'Escape') {
            ev.preventDefault();
            onCancel();
          } else if (ev.key === 'Tab') {
            ev.preventDefault();
            onCycle(e, ev.shiftKey);
          }
        }}
      />
      <div className="editor-machine small">
        <span className="origin origin-model">machine</span> {e.machine ?? <span className="muted">kept in the translation memory</span>}
      </div>
      <div className="editor-hint small muted"><kbd>Enter</kbd> save · <kbd>Esc</kbd> cancel · <kbd>Tab</kbd> other sentence/side</div>
    </div>
  );
}
