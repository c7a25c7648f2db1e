// Boundaries ICU misses: an ellipsis or a dash before a capital, sentences glued together.
import { CLOSERS, LEADERS, UPPER, isSpace } from './chars.ts';

/** Sentences glued where a paragraph break was lost: "gesagt.Wenn", "worden?Die". */
const GLUED = /(?<=\p{Ll}{2}[.?!])(?=\p{Lu}\p{Ll})/gu;
const HAS_GLUED = /\p{Ll}{2}[.?!]\p{Lu}\p{Ll}/u;

/** Whether the text may hold a boundary ICU misses (a cheap check before extraBoundaries). */
export function mayMissBoundaries(text: string): boolean {
  return text.includes('…') || /[.?!]["'”“’‘»«)\]]*\s+[-–—]/.test(text) || HAS_GLUED.test(text);
}

/** "…" + capital, `.?!` + dash + capital ("Ende. – Dann ..."), glued sentences. Start offsets. */
export function extraBoundaries(text: string): number[] {
  const out: number[] = [];
  const len = text.length;
  // Ellipsis character: ICU does not treat it as a sentence terminator.
  for (let i = text.indexOf('…'); i >= 0; i = text.indexOf('…', i + 1)) {
    const before = text[i - 1];
    if (before === '(' || before === '[') continue;
    let j = i + 1;
    while (j < len && CLOSERS.includes(text[j] as string) && text[j] !== ')' && text[j] !== ']') j++;
    const ws = j;
    while (j < len && isSpace(text.charCodeAt(j))) j++;
    if (j === ws || j >= len) continue;
    let k = j;
    while (k < len && LEADERS.includes(text[k] as string)) k++;
    if (UPPER.test(text[k] ?? '')) out.push(j);
  }
  // Dash opening a sentence: ICU keeps "Ende. - Gut so." together.
  const DASH_AFTER_END = /[.?!…]["'”“’‘»«)\]]*\s+(?=[-–—]\s?["'„“‘‚»«(]*\p{Lu})/gu;
  for (const m of text.matchAll(DASH_AFTER_END)) out.push((m.index ?? 0) + m[0].length);
  for (const m of text.matchAll(GLUED)) out.push(m.index);
  return out;
}
