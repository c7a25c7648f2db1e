// Word-level diff of two aligned English sentences (jsdiff's array diff over our own tokens).
// Tokens: words (any script, so ä ß þ ð survive), numbers with their separators (1,000.5, 8.000),
// and single punctuation marks. Whitespace is carried on the preceding token so the parts
// concatenate back to the text. Equal parts show the text of `b` (as jsdiff does).
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

/** Word diff of a (old) against b (new). The parts that are not `removed` concatenate to b. */
export function wordDiff(a: string, b: string, opts: WordDiffOptions = {}): DiffPart[] {
  const ua = units(a, opts), ub = units(b, opts);
  const changes = diffArrays(ua.units, ub.units, { comparator: (x, y) => x.key === y.key });
  const parts: DiffPart[] = [];
  const push = (value: string, kind: 'added' | 'removed' | null) => {
    if (!value) return;
    const last = parts[parts.length - 1];
    const same = last && (kind === 'added' ? last.added === true : kind === 'removed' ? last.removed === true : !last.added && !last.removed);
    if (last && same) last.value += value;
    else parts.push(kind === 'added' ? { value, added: true } : kind === 'removed' ? { value, removed: true } : { value });
  };
  if (ua.lead || ub.lead) {
    if (ua.lead === ub.lead) push(ub.lead, null);
    else {
      push(ua.lead, 'removed');
      push(ub.lead, 'added');
    }
  }
  // Walk both unit lists in step with the change list so equal runs can show b's own text.
  let ia = 0, ib = 0;
  for (const c of changes) {
    const count = c.value.length;
    if (c.added) {
      push(ub.units.slice(ib, ib + count).map((u) => u.text).join(''), 'added');
      ib += count;
    } else if (c.removed) {
      push(ua.units.slice(ia, ia + count).map((u) => u.text).join(''), 'removed');
      ia += count;
    } else {
      push(ub.units.slice(ib, ib + count).map((u) => u.text).join(''), null);
      ia += count;
      ib += count;
    }
  }
  return parts;
}
