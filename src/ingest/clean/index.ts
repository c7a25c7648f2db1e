// Stage 3 of ingest: plain text -> paragraphs, and boilerplate flagging.
//
// cleanParagraphs never removes anything: every input paragraph comes back, in order, either kept
// or flagged `dropped` with a reason, so the analyst can restore a wrong call. A run-on paragraph
// (a whole page scraped into one line) may come back in parts: its boilerplate sentences flagged,
// the text between them kept (see runon.ts). Rules are general patterns for German, Dutch,
// Icelandic and English pages (share prompts, read-more links, ads, comment counters, datelines,
// bylines, photo captions...), plus positional rules for the short labels found above the first
// and below the last paragraph of real text. Repeated body paragraphs are NOT boilerplate (a later
// stage finds repeated passages); only a repeated title is.
import { isContent, toPara, type BoilerplateReason, type Para } from './para.ts';
import { splitRunOn } from './pieces.ts';
import { edgeReason, isNavLabel, patternReason } from './rules.ts';
import { markRepeatedTitle } from './title.ts';

export type { BoilerplateReason } from './para.ts';
export { splitParagraphs } from './split.ts';

export type CleanedParagraph =
  | { text: string; dropped: false }
  | { text: string; dropped: true; reason: BoilerplateReason };

/**
 * Longer than any caption or notice paragraph (seed 002's captions run to 74 words): such a
 * paragraph is judged sentence by sentence, not by a credit at its end or a cookie in its middle.
 */
const RUN_ON_WORDS = 100;

export function cleanParagraphs(paragraphs: string[], opts: { title?: string | null }): CleanedParagraph[] {
  const title = opts.title ?? null;
  const result = flagParagraphs(splitRunOn(paragraphs, RUN_ON_WORDS), title);
  if (result.some(keptText)) return result;
  // No running text left: what looked like a caption or notice may be the article itself (a
  // two-sentence item ending in "Foto: dpa"). A caption needs an article: judge every paragraph
  // sentence by sentence, and keep that reading if it finds text.
  const retry = flagParagraphs(splitRunOn(paragraphs, 0), title);
  return retry.some(keptText) ? retry : result;
}

function keptText(p: CleanedParagraph): boolean {
  return !p.dropped && isContent(toPara(p.text));
}

/** Flags each paragraph (or part) as text or boilerplate; positional rules see them all. */
function flagParagraphs(paras: Para[], title: string | null): CleanedParagraph[] {
  const n = paras.length;
  const nearEdge = (i: number) => i < 5 || i >= n - 5;
  const reasons = paras.map((p, i) => (p.judged !== undefined ? p.judged : patternReason(p, nearEdge(i))));

  // The title: given by the caller (HTML), or a short headline-like line repeated right below itself.
  const titleIndex = markRepeatedTitle(paras, reasons, title);

  // Above the first and below the last paragraph of real text: labels, bylines, taglines. Not the
  // headline: the kept copy of a repeated title, or a first line right above the text.
  let first = paras.findIndex((p, i) => reasons[i] === null && isContent(p));
  if (first === -1) first = n;
  let last = n - 1;
  while (last >= 0 && !(reasons[last] === null && isContent(paras[last]!))) last--;
  for (let i = 0; i < n; i++) {
    if (reasons[i] !== null || (i >= first && i <= last) || i === titleIndex) continue;
    const headline = i === 0 && first === 1 && paras[0]!.words >= 3; // not a one-word section label
    reasons[i] = edgeReason(paras[i]!, i > last, headline);
  }

  // Short lines above a detected headline near the top are page chrome (only when everything
  // above it is short: a real lede before a repeated title is left alone).
  if (titleIndex !== null && titleIndex <= 6 && paras.slice(0, titleIndex).every((p) => p.words <= 25)) {
    for (let i = 0; i < titleIndex; i++) {
      const p = paras[i]!;
      if (reasons[i] !== null || p.words > 25) continue;
      reasons[i] = isNavLabel(p) ? 'navigation' : 'site_tagline';
    }
  }

  return paras.map((p, i) => {
    const reason = reasons[i];
    return reason ? { text: p.raw, dropped: true, reason } : { text: p.raw, dropped: false };
  });
}
