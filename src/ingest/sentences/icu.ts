// ICU's sentence boundaries (Intl.Segmenter), in overlapping windows for long paragraphs.
import type { Lang } from '../../common/index.ts';
import { isSpace } from './chars.ts';

const SEGMENTERS = new Map<Lang, Intl.Segmenter>();
export function segmenterFor(lang: Lang): Intl.Segmenter {
  let s = SEGMENTERS.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    SEGMENTERS.set(lang, s);
  }
  return s;
}

/** ICU cost grows super-linearly with string length; ~4k chars is its sweet spot (measured). */
const DIRECT_LIMIT = 8000;
const WINDOW = 4000;
/** Boundaries this close to a window's end may depend on text beyond it: recompute them. */
const MARGIN = 300;

/** Interior ICU boundaries (start offsets of segments after the first), ascending. */
export function icuBoundaries(text: string, seg: Intl.Segmenter): number[] {
  const out: number[] = [];
  const len = text.length;
  if (len <= DIRECT_LIMIT) {
    for (const s of seg.segment(text)) if (s.index > 0) out.push(s.index);
    return out;
  }
  let pos = 0;
  while (pos < len) {
    if (len - pos <= WINDOW + MARGIN) {
      for (const s of seg.segment(text.slice(pos))) if (s.index > 0) out.push(pos + s.index);
      break;
    }
    const chunk = text.slice(pos, pos + WINDOW + MARGIN);
    let last = -1;
    for (const s of seg.segment(chunk)) {
      if (s.index === 0) continue;
      if (s.index > WINDOW) break;
      out.push(pos + s.index);
      last = s.index;
    }
    if (last > 0) {
      pos += last;
    } else {
      // No sentence boundary in a whole window (a run-on "sentence"): continue from a space that
      // follows a letter, near the window end. No boundary is created there.
      let cut = WINDOW;
      while (cut > WINDOW / 2 && !(isSpace(chunk.charCodeAt(cut)) && /\p{L}/u.test(chunk[cut - 1] ?? ''))) cut--;
      if (cut <= WINDOW / 2) cut = WINDOW;
      pos += cut;
    }
  }
  return out;
}
