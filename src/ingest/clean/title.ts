// The title: flagged where a paragraph repeats it, found in plain text as a headline repeated
// right below itself.
import { countWords, type BoilerplateReason, type Para } from './para.ts';

/**
 * Flags repetitions of the title. With a known title (from HTML metadata), every paragraph that
 * repeats it is flagged. Otherwise a short headline-like line near the top that is repeated within
 * the next three paragraphs is the title: its first occurrence stays (it is the headline), later
 * copies are flagged. Returns the index of the kept headline, if one was found.
 */
export function markRepeatedTitle(paras: Para[], reasons: (BoilerplateReason | null)[], title: string | null): number | null {
  if (title && title.trim()) {
    const keys = titleKeys(title);
    let firstIndex: number | null = null;
    paras.forEach((p, i) => {
      if (reasons[i] === null && p.words <= 40 && keys.has(key(p.text))) {
        reasons[i] = 'repeated_title';
        firstIndex ??= i;
      }
    });
    return firstIndex;
  }
  const limit = Math.min(paras.length, 8);
  for (let i = 0; i < limit; i++) {
    const p = paras[i]!;
    if (reasons[i] !== null || p.words < 2 || p.words > 30 || /[.]$/u.test(p.text)) continue;
    const k = key(p.text);
    for (let j = i + 1; j <= i + 3 && j < paras.length; j++) {
      if (key(paras[j]!.text) !== k) continue;
      paras.forEach((q, m) => {
        if (m > i && key(q.text) === k) reasons[m] = 'repeated_title';
      });
      return i;
    }
  }
  return null;
}

/** The title, and its parts when it carries a site name ("Headline – Site", "Headline | Site"). */
function titleKeys(title: string): Set<string> {
  const keys = new Set([key(title)]);
  const parts = title.split(/\s+[|–—-]\s+|\s+[|]\s*/u).map((s) => s.trim()).filter(Boolean);
  if (parts.length > 1) {
    const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
    if (countWords(longest) >= 3) keys.add(key(longest));
    const firstPart = parts[0]!;
    if (countWords(firstPart) >= 3) keys.add(key(firstPart));
  }
  keys.delete('');
  return keys;
}

function key(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}
