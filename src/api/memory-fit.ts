// The memory where segmentation differs: a memory entry may hold two sentences that ingest split
// apart, or a sentence may be two entries of the memory. Before the model runs, such sentences get
// the memory's English (origin imported, with a note in the provenance saying how it was fitted),
// so a memory line is never wasted because the splitter cut it differently.
import { MEMORY_FIT_NOTES, NOTE_SEPARATOR } from '../common/index.ts';
import type { MemoryEntry, Store } from '../store/index.ts';
import { memoryKey } from '../translate/index.ts';

/** Longest run of neighbouring sentences one entry may span, and most entries one sentence may join. */
const MAX_PARTS = 4;

type Sentence = Awaited<ReturnType<Store['sentencesForMemory']>>[number];

export interface MemoryFit {
  /** Sentences given part of an entry that spans them and their neighbours. */
  entryParts: number;
  /** Sentences given the English of several entries joined. */
  entriesJoined: number;
}

/**
 * Fills the memory for sentences it lacks, from entries spanning neighbouring sentences of one
 * paragraph or from consecutive entries making one sentence. `splitEnglish` cuts an English text
 * into sentences (ingest's splitter). Saved entries are keyed by each sentence's own text.
 */
export async function fitMemory(store: Store, filter: { langs?: string[]; documentIds?: number[] }, splitEnglish: (text: string) => string[]): Promise<MemoryFit> {
  const fit: MemoryFit = { entryParts: 0, entriesJoined: 0 };
  const size = await store.memorySize();
  if (!size['imported'] && !size['human']) return fit;
  const sentences = await store.sentencesForMemory(filter);
  const byLang = new Map<string, Sentence[][]>();
  // runs: consecutive sentences of one paragraph
  let run: Sentence[] = [];
  const flush = () => {
    if (run.length) byLang.set(run[0]!.lang, [...(byLang.get(run[0]!.lang) ?? []), run]);
    run = [];
  };
  for (const s of sentences) {
    const last = run.at(-1);
    if (last && (last.documentId !== s.documentId || last.paragraph !== s.paragraph || last.index + 1 !== s.index)) flush();
    run.push(s);
  }
  flush();
  for (const [lang, runs] of byLang) {
    const saved = new Map<string, MemoryEntry>();
    await entriesOverSentences(store, lang, runs, splitEnglish, saved, fit);
    await sentencesOverEntries(store, lang, runs, saved, fit);
    if (saved.size) await store.saveTranslations([...saved.values()]);
  }
  return fit;
}

const joined = (ss: Sentence[]) => memoryKey(ss.map((s) => s.text).join(' '));

/** A window of 2..MAX_PARTS neighbours the memory lacks, whose joined text is an entry. */
async function entriesOverSentences(store: Store, lang: string, runs: Sentence[][], splitEnglish: (text: string) => string[], saved: Map<string, MemoryEntry>, fit: MemoryFit): Promise<void> {
  const keys: string[] = [];
  for (const r of runs) {
    for (let i = 0; i < r.length; i++) {
      for (let n = 2; n <= MAX_PARTS && i + n <= r.length; n++) {
        const w = r.slice(i, i + n);
        if (w.every((s) => !s.inMemory)) keys.push(joined(w));
      }
    }
  }
  if (!keys.length) return;
  const found = await store.memoryEntries(lang, keys);
  if (!found.size) return;
  for (const r of runs) {
    for (let i = 0; i < r.length; ) {
      let used = 0;
      // the longest window first: an entry of three sentences beats one of the first two
      for (let n = Math.min(MAX_PARTS, r.length - i); n >= 2 && !used; n--) {
        const w = r.slice(i, i + n);
        if (w.some((s) => s.inMemory || saved.has(s.memoryKey))) continue;
        const entry = found.get(joined(w));
        const parts = entry ? shareEnglish(splitEnglish(entry.english), w.map((s) => s.text.length)) : null;
        if (!entry || !parts) continue;
        w.forEach((s, k) => {
          saved.set(s.memoryKey, memoryEntry(lang, s, parts[k]!, MEMORY_FIT_NOTES.entryPart(k + 1, n), entry.provenance));
          s.inMemory = true;
        });
        fit.entryParts += n;
        used = n;
      }
      i += used || 1;
    }
  }
}

/** A sentence the memory lacks whose text is 2..MAX_PARTS entries, cut after sentence punctuation. */
async function sentencesOverEntries(store: Store, lang: string, runs: Sentence[][], saved: Map<string, MemoryEntry>, fit: MemoryFit): Promise<void> {
  const open = runs.flat().filter((s) => !s.inMemory && !saved.has(s.memoryKey));
  const pieces = new Map<Sentence, string[][]>();
  const keys: string[] = [];
  for (const s of open) {
    const cuts = [0, ...[...s.text.matchAll(/[.!?;:…»"”]\s+/gu)].map((m) => (m.index ?? 0) + m[0].length), s.text.length];
    if (cuts.length < 3) continue;
    const spans: string[][] = cuts.map((a) => cuts.map((b) => (b > a ? memoryKey(s.text.slice(a, b)) : '')));
    pieces.set(s, spans);
    for (const row of spans) for (const k of row) if (k && k !== s.memoryKey) keys.push(k);
  }
  if (!keys.length) return;
  const found = await store.memoryEntries(lang, keys);
  for (const [s, spans] of pieces) {
    const cover = coverBy(spans, (k) => k !== s.memoryKey && found.has(k));
    if (!cover || cover.length < 2 || saved.has(s.memoryKey)) continue;
    const entries = cover.map((k) => found.get(k)!);
    saved.set(s.memoryKey, memoryEntry(lang, s, entries.map((e) => e.english.trim()).join(' '), MEMORY_FIT_NOTES.entriesJoined(cover.length), [...new Set(entries.map((e) => e.provenance ?? ''))].filter(Boolean).join(' ')));
    fit.entriesJoined++;
  }
}

/** Fewest consecutive spans from the first cut to the last, each one the memory holds (at most MAX_PARTS). */
function coverBy(spans: string[][], known: (key: string) => boolean): string[] | null {
  const last = spans.length - 1;
  const best: (string[] | null)[] = spans.map(() => null);
  best[0] = [];
  for (let a = 0; a < last; a++) {
    const before = best[a];
    if (!before || before.length >= MAX_PARTS) continue;
    for (let b = a + 1; b <= last; b++) {
      const key = spans[a]![b]!;
      if (key && known(key) && (!best[b] || best[b]!.length > before.length + 1)) best[b] = [...before, key];
    }
  }
  return best[last] ?? null;
}

/**
 * The English sentences shared out over `n` source sentences in order, by source length: null when
 * the English has fewer sentences than the sources (it cannot be cut without guessing).
 */
function shareEnglish(english: string[], sourceLengths: number[]): string[] | null {
  const n = sourceLengths.length;
  if (english.length < n) return null;
  if (english.length === n) return english;
  const out: string[] = [];
  const total = sourceLengths.reduce((a, b) => a + b, 0);
  const enTotal = english.reduce((a, s) => a + s.length, 0);
  let e = 0;
  let srcSoFar = 0;
  let enSoFar = 0;
  for (let k = 0; k < n; k++) {
    srcSoFar += sourceLengths[k]!;
    const group: string[] = [english[e]!];
    enSoFar += english[e++]!.length;
    // take more while this source's share is not reached and every later source keeps one
    while (e < english.length && english.length - e > n - k - 1 && (k === n - 1 || enSoFar / enTotal < srcSoFar / total)) {
      group.push(english[e]!);
      enSoFar += english[e++]!.length;
    }
    out.push(group.join(' '));
  }
  return out;
}

function memoryEntry(lang: string, s: Sentence, english: string, note: string, provenance: string | null): MemoryEntry {
  return { sourceLang: lang, memoryKey: s.memoryKey, sourceText: s.text, english, origin: 'imported', provenance: [note, provenance].filter(Boolean).join(NOTE_SEPARATOR) };
}
