// Plain text -> paragraphs: blank lines, hard-wrapped prose, soft wraps and hyphenation.
import { SENTENCE_END } from './para.ts';
import { splitRepeatedHead } from './runon.ts';

const BULLET = /^(?:[-*•·▪◦‣–—]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)/u;
/** Words a hyphenated line break must not swallow ("Ost-\nund West"). */
const NO_DEHYPHENATE = /^(?:und|oder|bis|sowie|bzw|en|of|tot|og|eða|and|or|to)\b/u;

/**
 * Splits plain text into paragraphs. Paragraphs are separated by blank lines; when the text has no
 * blank line at all, every non-empty line is a paragraph (unless the text is evidently hard-wrapped
 * prose). Inside a blank-line-separated block, single line breaks are soft wraps and are joined
 * with a space, unless the lines look like separate items (bullets, short lines, full-length lines).
 */
export function splitParagraphs(text: string): string[] {
  const out = splitBlocks(text);
  // A headline printed twice in front of a one-line article: give the copy a paragraph of its own.
  if (out.length > 0) out.splice(0, 1, ...splitRepeatedHead(out[0]!));
  return out;
}

function splitBlocks(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return [];
  const blocks = normalized.split(/\n[ \t\u00a0]*\n\s*/);
  const out: string[] = [];
  if (blocks.length === 1) {
    const lines = splitLines(normalized);
    if (looksHardWrapped(lines)) out.push(...joinBlock(lines));
    else out.push(...lines);
  } else {
    for (const block of blocks) out.push(...joinBlock(splitLines(block)));
  }
  return out.filter((p) => p.length > 0);
}

function splitLines(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Many mid-sentence breaks in short lines: prose wrapped at a fixed width. */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 3) return false;
  const maxLen = Math.max(...lines.map((l) => l.length));
  if (maxLen > 120) return false;
  let continuations = 0;
  for (let i = 1; i < lines.length; i++) {
    if (/^\p{Ll}/u.test(lines[i]!) && !SENTENCE_END.test(lines[i - 1]!)) continuations++;
  }
  return continuations / (lines.length - 1) >= 0.3;
}

function joinBlock(lines: string[]): string[] {
  if (lines.length <= 1) return lines;
  const maxLen = Math.max(...lines.map((l) => l.length));
  // Only short lines (an address, a list of names): keep them apart.
  if (maxLen <= 50) return lines;
  const out: string[] = [];
  let current = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const next = lines[i]!;
    const hardBreak =
      BULLET.test(next) ||
      prev.length > 150 || // nobody wraps this wide: each line is a paragraph
      (SENTENCE_END.test(prev) && prev.length < 0.6 * maxLen) || // short last line of a paragraph
      (!SENTENCE_END.test(prev) && prev.length < 0.5 * maxLen && /^\p{Lu}/u.test(next)); // a heading
    if (hardBreak) {
      out.push(current);
      current = next;
    } else if (/\p{Ll}-$/u.test(prev) && /^\p{Ll}/u.test(next) && !NO_DEHYPHENATE.test(next)) {
      current = current.slice(0, -1) + next; // "Außen-\nminister"
    } else {
      current += ' ' + next;
    }
  }
  out.push(current);
  return out;
}
