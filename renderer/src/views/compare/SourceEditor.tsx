// The editor of one source sentence: fix its text (Enter saves) or split it at the caret
// (Ctrl+Enter). The ingested text stays in the database either way.
import { useEffect, useRef } from 'react';
import type { SourceEditing } from './useOperations.ts';

interface SourceEditorProps {
  e: SourceEditing;
  lang: string | null;
  onDraft: (s: string) => void;
  onSave: (e: SourceEditing) => void;
  onSplit: (e: SourceEditing, caret: number) => void;
  onCancel: () => void;
}

export function SourceEditor({ e, lang, onDraft, onSave, onSplit, onCancel }: SourceEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [e.side, e.sentence]);
  return (
    <div className="editor source-editor" onClick={(ev) => ev.stopPropagation()}>
      <textarea
        ref={ref}
        className="editor-input"
        lang={lang ?? undefined}
        rows={2}
        value={e.draft}
        aria-label={`Source text of sentence ${e.sentence + 1} (${e.side === 'a' ? 'left' : 'right'})`}
        data-testid="source-editor"
        onChange={(ev) => onDraft(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
            ev.preventDefault();
            onSplit(e, ev.currentTarget.selectionStart);
          } else if (ev.key === 'Enter' && !ev.shiftKey) {
            ev.preventDefault();
            onSave(e);
          } else if (ev.key === 'Escape') {
            ev.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="editor-hint small muted"><kbd>Enter</kbd> save the text · <kbd>Ctrl+Enter</kbd> split at the caret · <kbd>Esc</kbd> cancel</div>
    </div>
  );
}
