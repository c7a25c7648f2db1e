// The Library's full-text search: every sentence (original or English) that holds the words,
// best hits first, the words marked in context; a hit opens its document at that sentence.
// Keys: Ctrl+F or / focus the field, typing searches (debounced), Enter searches at once,
// ↑/↓ move through the hits, Enter opens the active one, Escape clears.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { QueryInput, QueryResult } from '../api/client.ts';
import { useClient } from '../state.tsx';
import './SearchPanel.css';

type Result = QueryResult<'search'>;
type Hit = Result['hits'][number];
type Side = NonNullable<QueryInput<'search'>['side']>;
type Lang = NonNullable<QueryInput<'search'>['lang']>;

const SIDES: { side: Side; label: string }[] = [
  { side: 'both', label: 'Original and English' },
  { side: 'original', label: 'Original' },
  { side: 'english', label: 'English' },
];
const LANG_CHOICES: { lang: Lang | ''; label: string }[] = [
  { lang: '', label: 'All languages' }, { lang: 'de', label: 'German' }, { lang: 'nl', label: 'Dutch' }, { lang: 'is', label: 'Icelandic' }, { lang: 'en', label: 'English' },
];
/** Pause in typing after which the search runs by itself. */
const DEBOUNCE_MS = 250;
const LIMIT = 100;

type State =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'done'; query: string; result: Result }
  | { kind: 'error'; query: string; message: string };

export function SearchPanel({ onOpen }: { onOpen: (documentId: number, sentence: number) => void }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [side, setSide] = useState<Side>('both');
  const [lang, setLang] = useState<Lang | ''>('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [active, setActive] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const latest = useRef(0);
  const id = useId();

  const run = useCallback(async (query: string, s: Side, l: Lang | '') => {
    const ticket = ++latest.current;
    if (!query.trim()) {
      setState({ kind: 'idle' });
      return;
    }
    setState({ kind: 'searching', query });
    try {
      const result = await client.query('search', { query, side: s, limit: LIMIT, ...(l ? { lang: l } : {}) });
      if (ticket !== latest.current) return;
      setState({ kind: 'done', query, result });
      setActive(0);
    } catch (err) {
      if (ticket !== latest.current) return;
      setState({ kind: 'error', query, message: err instanceof Error ? err.message.replace(/^search: /u, '') : String(err) });
    }
  }, [client]);

  // Search as the analyst types, after a short pause; a newer search makes an older answer stale.
  useEffect(() => {
    const timer = window.setTimeout(() => void run(text, side, lang), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, side, lang, run]);

  // Ctrl+F, or / outside a text field, focuses the search field.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      const ctrlF = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f';
      if (!ctrlF && !(e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) return;
      e.preventDefault();
      field.current?.focus();
      field.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = state.kind === 'done' ? state.result.hits : [];
  useEffect(() => {
    list.current?.querySelector(`[data-hit="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && hits.length) setActive((a) => Math.min(hits.length - 1, a + 1));
    else if (e.key === 'ArrowUp' && hits.length) setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') {
      // Enter opens the active hit of the answer to this very text; otherwise it searches now.
      const hit = state.kind === 'done' && state.query === text ? hits[active] : undefined;
      if (hit) onOpen(hit.documentId, hit.sentence);
      else void run(text, side, lang);
    } else if (e.key === 'Escape' && text) {
      setText('');
    } else return;
    e.preventDefault();
  };

  const open = state.kind !== 'idle';
  return (
    <div className="search-panel" data-testid="search-panel">
      <div className="search-row">
        <input
          ref={field}
          className="search search-text"
          type="search"
          role="combobox"
          aria-label="Search sentences"
          aria-expanded={hits.length > 0}
          aria-controls={hits.length ? `${id}-hits` : undefined}
          aria-activedescendant={hits[active] ? `${id}-hit-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="Search sentences (Ctrl+F or /): Lawrow, Pjongjang, “a phrase”, prefix*"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          data-testid="search-input"
        />
        <select className="search-select" aria-label="Search in" value={side} onChange={(e) => setSide(e.target.value as Side)}>
          {SIDES.map((s) => <option key={s.side} value={s.side}>{s.label}</option>)}
        </select>
        <select className="search-select" aria-label="Document language" value={lang} onChange={(e) => setLang(e.target.value as Lang | '')}>
          {LANG_CHOICES.map((l) => <option key={l.lang} value={l.lang}>{l.label}</option>)}
        </select>
        <span className="muted small search-status" role="status" data-testid="search-status">
          {state.kind === 'searching' && 'Searching…'}
          {state.kind === 'done' && (hits.length
            ? `${state.result.more ? `First ${hits.length}` : hits.length} hit${hits.length === 1 ? '' : 's'} · ↑↓ choose, Enter opens`
            : `No sentence holds ${state.result.terms.join(' ')}`)}
        </span>
      </div>
      {state.kind === 'error' && <div className="notice notice-error search-error" role="alert">{state.message}</div>}
      {open && hits.length > 0 && (
        <ul ref={list} className="search-hits" id={`${id}-hits`} role="listbox" aria-label="Search hits">
          {hits.map((h, i) => (
            <li
              key={`${h.documentId}-${h.sentence}-${h.side}`}
              id={`${id}-hit-${i}`}
              role="option"
              aria-selected={i === active}
              className={`search-hit${i === active ? ' active' : ''}`}
              data-testid="search-hit"
              data-hit={i}
              data-doc={h.documentId}
              data-sentence={h.sentence}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onOpen(h.documentId, h.sentence)}
            >
              <HitLine hit={h} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HitLine({ hit }: { hit: Hit }) {
  return (
    <>
      <div className="hit-where">
        <span className="lang-code">{hit.lang ?? '??'}</span>
        <span className="hit-title">{hit.title ?? hit.fileName}</span>
        <span className="muted small">sentence {hit.sentence + 1}{hit.side === 'english' ? ' · in the English' : ''}</span>
      </div>
      <div className="hit-text" lang={hit.side === 'english' ? 'en' : hit.lang ?? undefined} data-testid="hit-text">
        {hit.segments.map((s, i) => (s.hit ? <mark key={i} className="hit-mark">{s.text}</mark> : <span key={i}>{s.text}</span>))}
      </div>
      {hit.other && <div className="hit-other muted small">{hit.other}</div>}
    </>
  );
}
