// Source and translation: one document sentence by sentence, the original beside its English,
// paragraphs visible, and the boilerplate cleaning set aside shown collapsed with its reason.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { QueryResult } from '../api/client.ts';
import { languageName, percent } from '../format.ts';
import { useClient, useJobs, useQuery } from '../state.tsx';
import { englishSource } from '../../../src/common/names.ts';
import { OriginTag } from '../components/OriginTag.tsx';

type Sentence = QueryResult<'sentences'>[number];
type Paragraph = QueryResult<'paragraphs'>[number];
type Mode = 'both' | 'original' | 'english';

type Item =
  | { kind: 'paragraph'; index: number; sentences: number }
  | { kind: 'boilerplate'; paragraph: Paragraph }
  /** A content paragraph without sentences (a document in a language Tandem does not split or translate): its text, to read. */
  | { kind: 'text'; paragraph: Paragraph }
  | { kind: 'sentence'; s: Sentence; ordinal: number };

const MODES: { mode: Mode; label: string; key: string }[] = [
  { mode: 'original', label: 'Original', key: 'o' },
  { mode: 'english', label: 'English', key: 'e' },
  { mode: 'both', label: 'Both', key: 'b' },
];

type ViewProps = { id: number | null; sentence?: number; onBack: () => void; onReview: (id: number) => Promise<void> };

/** `sentence`: open at that sentence (its index), scrolled to and marked (a search hit). */
export function DocumentView({ id, sentence, onBack, onReview }: ViewProps) {
  if (id === null) {
    return (
      <div className="view">
        <div className="empty">
          <p className="empty-title">No document open</p>
          <p>Open one from the Library (<kbd>Ctrl</kbd>+<kbd>1</kbd>) to read it beside its English.</p>
        </div>
      </div>
    );
  }
  return <DocumentBody key={id} id={id} sentence={sentence} onBack={onBack} onReview={onReview} />;
}

function DocumentBody({ id, sentence, onBack, onReview }: ViewProps & { id: number }) {
  const client = useClient();
  const { jobs, revision } = useJobs();
  const doc = useQuery('document', { id }, revision);
  const sentences = useQuery('sentences', { id }, revision);
  const paragraphs = useQuery('paragraphs', { id });
  const [mode, setMode] = useState<Mode>('both');
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const items = useMemo(() => buildItems(paragraphs.data ?? [], sentences.data ?? []), [paragraphs.data, sentences.data]);
  const sentencePositions = useMemo(() => items.flatMap((it, i) => (it.kind === 'sentence' ? [i] : [])), [items]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i]?.kind === 'sentence' ? 56 : 30),
    overscan: 8,
  });

  // Opened at a sentence: once its row exists, make it the active one and scroll it into the middle.
  const shownTarget = useRef<number | null>(null);
  useEffect(() => {
    if (sentence === undefined || shownTarget.current === sentence) return;
    const ordinal = sentencePositions.findIndex((pos) => { const it = items[pos]; return it?.kind === 'sentence' && it.s.index === sentence; });
    if (ordinal < 0) return;
    shownTarget.current = sentence;
    setActive(ordinal);
    virtualizer.scrollToIndex(sentencePositions[ordinal]!, { align: 'center' });
  }, [sentence, items, sentencePositions, virtualizer]);

  const untranslated = (sentences.data ?? []).filter((s) => s.translation === null && doc.data?.lang !== 'en').length;
  const boilerplate = (paragraphs.data ?? []).filter((p) => p.dropped).length;
  const translating = jobs.some((j) => j.method === 'translate' && j.state === 'running');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      const go = (to: number) => {
        const n = Math.max(0, Math.min(sentencePositions.length - 1, to));
        setActive(n);
        const pos = sentencePositions[n];
        if (pos !== undefined) virtualizer.scrollToIndex(pos, { align: 'auto' });
      };
      const key = e.key.toLowerCase();
      if (key === 'j' || e.key === 'ArrowDown') go(active + 1);
      else if (key === 'k' || e.key === 'ArrowUp') go(active - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(sentencePositions.length - 1);
      else {
        const m = MODES.find((x) => x.key === key);
        if (!m) return;
        setMode(m.mode);
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, sentencePositions, virtualizer]);

  const translate = async () => {
    setError(null);
    try {
      await client.startJob('translate', { documentIds: [id] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const d = doc.data;
  /** A document in a language Tandem does not translate (its paragraphs as text) or an English original: no English column. */
  const textOnly = d?.status === 'unsupported' || d?.lang === 'en';
  const shown: Mode = textOnly ? 'original' : mode;
  const failed = doc.error ?? sentences.error ?? paragraphs.error;
  return (
    <div className="view document">
      <div className="toolbar">
        <button type="button" className="btn btn-quiet" onClick={onBack} title="Back to the Library (Ctrl+1)">
          ← Library
        </button>
        <h1 className="doc-title" title={d?.title ?? d?.fileName}>{d ? d.title ?? d.fileName : 'Loading…'}</h1>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Show" style={textOnly ? { display: 'none' } : undefined}>
          {MODES.map((m) => (
            <button key={m.mode} type="button" className={mode === m.mode ? 'on' : ''} aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)} title={`${m.label} (${m.key.toUpperCase()})`}>
              {m.label}
            </button>
          ))}
        </div>
        {d?.status === 'ingested' && d.lang !== 'en' && (
          <button
            type="button"
            className="btn"
            title="Review this article against its English row by row: accept, reject, post-edit (opens Compare)"
            onClick={() => {
              setError(null);
              onReview(id).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
            }}
            data-testid="review-translation"
          >
            Review translation
          </button>
        )}
        {d?.status === 'ingested' && d.lang !== 'en' && untranslated > 0 && (
          <button type="button" className="btn btn-primary" disabled={translating} onClick={() => void translate()}>
            {translating ? 'Translating…' : 'Translate'}
          </button>
        )}
      </div>
      {d && (
        <div className="doc-meta" data-testid="doc-meta">
          <span className="lang-code">{d.lang ?? d.detectedLang ?? '??'}</span> {languageName(d.lang ?? d.detectedLang)} {d.lang ? `(${percent(d.langConfidence)})` : '(detected)'}
          <span className="sep">·</span> {d.published ?? 'no date'}
          {d.status === 'ingested' && (
            <>
              <span className="sep">·</span> {d.sentenceCount} sentences
              {d.lang === 'en' ? (
                <><span className="sep">·</span> original English</>
              ) : (
                <><span className="sep">·</span> {d.sentenceCount - untranslated} translated</>
              )}
              {d.lang !== 'en' && untranslated > 0 && <span className="badge badge-warn">{untranslated} untranslated</span>}
            </>
          )}
          <span className="sep">·</span> {boilerplate} set aside as boilerplate
          <span className="sep">·</span> <span className="muted" title={d.path}>{d.fileName}</span>
          <span className="spacer" />
          <span className="muted small">
            <kbd>J</kbd>/<kbd>K</kbd> next/previous sentence · <kbd>O</kbd> <kbd>E</kbd> <kbd>B</kbd> original/English/both
          </span>
        </div>
      )}
      {d?.status === 'unsupported' && (
        <div className="notice notice-warn" data-testid="unsupported-notice">This document's language ({languageName(d.detectedLang)}) is not one Tandem translates; it is stored without English. Its text is shown as imported, paragraph by paragraph.</div>
      )}
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {failed && <div className="notice notice-error" role="alert">{failed}</div>}
      <div className={`pair-head mode-${shown}`} role="presentation">
        <span />
        {shown !== 'english' && <span>Original ({d ? d.lang ?? d.detectedLang ?? '?' : '…'})</span>}
        {shown !== 'original' && <span>English</span>}
      </div>
      <div ref={scroller} className="doc-body" tabIndex={0} aria-label="Sentences" data-testid="doc-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="vrow" style={{ transform: `translateY(${v.start}px)` }}>
                {item.kind === 'paragraph' && (
                  <div className="para-mark">
                    ¶ {item.index + 1}
                    <span className="muted"> · {item.sentences} sentence{item.sentences === 1 ? '' : 's'}</span>
                  </div>
                )}
                {item.kind === 'boilerplate' && (
                  <Boilerplate
                    p={item.paragraph}
                    open={expanded.has(item.paragraph.index)}
                    toggle={() =>
                      setExpanded((s) => {
                        const n = new Set(s);
                        if (!n.delete(item.paragraph.index)) n.add(item.paragraph.index);
                        return n;
                      })
                    }
                  />
                )}
                {item.kind === 'text' && (
                  <div className="plain-paragraph" data-testid="plain-paragraph">
                    <span className="s-index tabular">¶ {item.paragraph.index + 1}</span>
                    <div>{item.paragraph.text}</div>
                  </div>
                )}
                {item.kind === 'sentence' && (
                  <SentenceRow s={item.s} lang={d?.lang ?? null} mode={shown} active={sentencePositions[active] === v.index} target={item.s.index === sentence} onSelect={() => setActive(item.ordinal)} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function buildItems(paragraphs: Paragraph[], sentences: Sentence[]): Item[] {
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  const items: Item[] = [];
  let ordinal = 0;
  const seen = new Set<number>();
  for (const p of paragraphs) {
    seen.add(p.index);
    if (p.dropped) {
      items.push({ kind: 'boilerplate', paragraph: p });
      continue;
    }
    const list = byParagraph.get(p.index) ?? [];
    if (!list.length) {
      if (p.text.trim()) items.push({ kind: 'text', paragraph: p });
      continue;
    }
    items.push({ kind: 'paragraph', index: p.index, sentences: list.length });
    for (const s of list) items.push({ kind: 'sentence', s, ordinal: ordinal++ });
  }
  for (const [index, list] of byParagraph) {
    if (seen.has(index)) continue;
    items.push({ kind: 'paragraph', index, sentences: list.length });
    for (const s of list) items.push({ kind: 'sentence', s, ordinal: ordinal++ });
  }
  return items;
}

function Boilerplate({ p, open, toggle }: { p: Paragraph; open: boolean; toggle: () => void }) {
  return (
    <div className={`boilerplate${open ? ' open' : ''}`} data-testid="boilerplate">
      <button type="button" className="boiler-toggle" aria-expanded={open} onClick={toggle}>
        <span className="chev" aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span className="badge badge-muted">set aside</span>
        <span className="boiler-reason" data-reason={p.dropped}>{p.dropped?.replace(/_/gu, ' ')}</span>
        {!open && <span className="boiler-preview">{p.text}</span>}
      </button>
      {open && <div className="boiler-text">{p.text}</div>}
    </div>
  );
}

function SentenceRow({ s, lang, mode, active, target, onSelect }: { s: Sentence; lang: string | null; mode: Mode; active: boolean; target: boolean; onSelect: () => void }) {
  const source = englishSource(lang, s.origin);
  const english = source === 'document' ? s.text : s.translation;
  const missing = english === null;
  return (
    <div
      className={`sentence mode-${mode}${active ? ' active' : ''}${missing ? ' untranslated' : ''}${target ? ' search-target' : ''}`}
      data-search-target={target ? 'true' : undefined}
      data-testid="sentence"
      data-index={s.index}
      aria-current={active ? 'true' : undefined}
      onClick={onSelect}
    >
      <span className="s-index tabular">{s.index + 1}</span>
      {mode !== 'english' && <div className="s-original" lang={undefined}>{s.text}</div>}
      {mode !== 'original' && (
        <div className="s-english" lang="en" data-testid="english">
          {missing ? (
            <span className="not-translated">not translated yet</span>
          ) : (
            <>
              {english}
              <OriginTag source={source} provenance={s.provenance} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
