// The post-editor of one sentence's English, with the machine version beneath it. Its keys come
// from keys.ts (EDITOR_KEYS); Esc with changed drafts asks first (ConfirmDiscard).
import { useEffect, useRef } from 'react';
import { ConfirmDiscard } from './ConfirmDiscard.tsx';
import { editorCommand } from './keys.ts';
import type { Editing } from './types.ts';

export interface EditorProps {
  e: Editing;
  /** How many sentences of the row have a changed draft. */
  changed: number;
  onDraft: (s: string) => void;
  onSave: (e: Editing) => void;
  onCancel: () => void;
  onCycle: (e: Editing, back: boolean) => void;
  onKeep: () => void;
  onDiscard: () => void;
}

export function Editor({ e, changed, onDraft, onSave, onCancel, onCycle, onKeep, onDiscard }: EditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const t = ref.current;
    if (!t || e.confirming) return;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  }, [e.side, e.sentence, e.confirming]);
  return (
    <div className="editor" onClick={(ev) => ev.stopPropagation()}>
      <textarea
        ref={ref}
        className="editor-input"
        lang="en"
        rows={2}
        value={e.draft}
        readOnly={e.confirming}
        aria-label={`English of sentence ${e.sentence + 1} (${e.side === 'a' ? 'left' : 'right'})`}
        data-testid="editor"
        onChange={(ev) => onDraft(ev.target.value)}
        onKeyDown={(ev) => {
          const command = editorCommand(ev);
          if (!command) return;
          ev.preventDefault();
          if (command === 'save') onSave(e);
          else if (command === 'cancel') onCancel();
          else onCycle(e, command === 'previous');
        }}
      />
      <div className="editor-machine small">
        <span className="origin origin-model">machine</span> {e.machine ?? <span className="muted">kept in the translation memory</span>}
      </div>
      {e.confirming
        ? <ConfirmDiscard count={changed} onKeep={onKeep} onDiscard={onDiscard} />
        : (
          <div className="editor-hint small muted">
            <kbd>Enter</kbd> save{changed > 1 ? ` all ${changed} changed sentences` : ''} · <kbd>Esc</kbd> close · <kbd>Tab</kbd> other sentence/side
            {changed > 0 && <span className="badge" data-testid="changed-count"> {changed} changed</span>}
          </div>
        )}
    </div>
  );
}
