// Word-level diff of two aligned English sentences (jsdiff's array diff over our own tokens).
// Tokens: words (any script, so ä ß þ ð survive), numbers with their separators (1,000.5, 8.000),
// and single punctuation marks. Each token keeps the whitespace that follows it in its own
// sentence, so every side's parts concatenate back to exactly that sentence: the parts that are
// not `added` give `a` (an equal part carries `a`'s own text in `valueA` where it differs from
// `b`'s, e.g. in spacing or, with ignoreCase, in case), the parts that are not `removed` give `b`.
import { diffArrays } from 'diff';
import type { DiffPart } from './types.ts';
import { tokenize } from './tokenize.ts';

export interface WordDiffOptions {
  ignoreCase?: boolean;
  ignorePunctuation?: boolean;
}

interface Unit {
  /** Comparison key. */
  key: string;
  /** Display text: the token, any punctuation ignored after it, and the following whitespace. */
  text: string;
}

function units(s: string, opts: WordDiffOptions): { lead: string; units: Unit[] } {
  let lead = '';
  const out: Unit[] = [];
  for (const t of tokenize(s)) {
    const ignored = t.kind === 'space' || (opts.ignorePunctuation === true && t.kind === 'punct');
    if (ignored) {
      const last = out[out.length - 1];
      if (last) last.text += t.text;
      else lead += t.text;
      continue;
    }
    const key = opts.ignoreCase ? t.text.toLocaleLowerCase() : t.text;
    out.push({ key, text: t.text });
  }
  return { lead, units: out };
}

type Kind = 'added' | 'removed' | null;

/** Collects parts, joining neighbours of one kind. `valueA`: a's text of an equal part. */
function collector() {
  const parts: DiffPart[] = [];
  const kindOf = (p: DiffPart): Kind => (p.added ? 'added' : p.removed ? 'removed' : null);
  const push = (value: string, kind: Kind, valueA = value) => {
    if (!value && !(kind === null && valueA)) return;
    const last = parts[parts.length - 1];
    if (last && kindOf(last) === kind) {
      if (kind === null && (last.valueA !== undefined || valueA !== value)) last.valueA = (last.valueA ?? last.value) + valueA;
      last.value += value;
      return;
    }
    if (kind === 'added') parts.push({ value, added: true });
    else if (kind === 'removed') parts.push({ value, removed: true });
    else parts.push(valueA === value ? { value } : { value, valueA });
  };
  return { parts, push };
}

const textOf = (us: Unit[], from: number, count: number) => us.slice(from, from + count).map((u) => u.text).join('');

/** Word diff of a (old) against b (new); see the file comment for how the parts give both texts back. */
export function wordDiff(a: string, b: string, opts: WordDiffOptions = {}): DiffPart[] {
  const ua = units(a, opts), ub = units(b, opts);
  const changes = diffArrays(ua.units, ub.units, { comparator: (x, y) => x.key === y.key });
  const { parts, push } = collector();
  if (ua.lead === ub.lead) push(ub.lead, null);
  else {
    push(ua.lead, 'removed');
    push(ub.lead, 'added');
  }
  // Walk both unit lists in step with the change list so each side keeps its own text.
  let ia = 0, ib = 0;
  for (const c of changes) {
    const count = c.value.length;
    if (c.added) {
      push(textOf(ub.units, ib, count), 'added');
      ib += count;
    } else if (c.removed) {
      push(textOf(ua.units, ia, count), 'removed');
      ia += count;
    } else {
      push(textOf(ub.units, ib, count), null, textOf(ua.units, ia, count));
      ia += count;
      ib += count;
    }
  }
  return parts;
}

