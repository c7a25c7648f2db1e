// Run-on paragraphs judged sentence by sentence: boilerplate sentences become parts of their own,
// a consent notice spreads to the sentences that share its words.
import { toPara, type BoilerplateReason, type Para } from './para.ts';
import { patternReason } from './rules.ts';
import { sentencePieces } from './runon.ts';

/**
 * Paragraphs of at least `minWords` words with more than one sentence are judged sentence by
 * sentence: a run of boilerplate sentences becomes a part of its own (flagged), the text between
 * stays together. Everything else comes back as it was, to be judged whole.
 */
export function splitRunOn(paragraphs: string[], minWords: number): Para[] {
  const out: Para[] = [];
  for (const raw of paragraphs) {
    const whole = toPara(raw);
    const pieces = whole.words >= minWords ? sentencePieces(raw) : [];
    if (pieces.length < 2) {
      out.push(whole);
      continue;
    }
    const parts = pieces.map((pc) => toPara(raw.slice(pc.start, pc.end)));
    const reasons = parts.map(pieceReason);
    spreadConsent(parts, reasons);
    if (reasons.every((r) => r === null)) {
      out.push({ ...whole, judged: null });
      continue;
    }
    for (let i = 0; i < pieces.length; ) {
      let j = i;
      while (j + 1 < pieces.length && reasons[j + 1] === reasons[i]) j++;
      out.push({ ...toPara(raw.slice(pieces[i]!.start, pieces[j]!.end)), judged: reasons[i] ?? null });
      i = j + 1;
    }
  }
  return out;
}

const QUOTED = /["„“”«»]/u;

/** The rules for a whole paragraph, on one sentence of a run-on paragraph. */
function pieceReason(part: Para): BoilerplateReason | null {
  // A stray "..." between sentences is part of the text, not a paragraph of its own.
  if (!/[\p{L}\p{N}]/u.test(part.text)) return null;
  const reason = patternReason(part, false);
  // A credit is a few words: a longer piece is a credit glued to a sentence ("© dpa Die Sonde ...").
  if (reason === 'copyright' && part.words > 10) return null;
  // Inside an article, a quoted "wir verwenden Cookies" is someone speaking, not the page.
  if (reason === 'cookie_notice' && QUOTED.test(part.text)) return null;
  return reason;
}

/** The other sentences of a consent notice need not say "cookie"; they share its words. */
const CONSENT_WORD = new RegExp(
  '(?:datenschutz|privatsphäre|einwilligung|zustimmung|widerruf|personenbezogen|persönliche[nr]? (?:daten|informationen)|browser|tracking|einstellungen' +
    '|privacy|consent|personal (?:data|information)|settings|privacybeleid|toestemming|persoonsgegevens|instellingen|persónuvernd|samþykki|stillingar|cookie|vafrakök)',
  'iu',
);

/** A notice may hold a sentence or two without its words ("Dafür arbeiten wir mit Partnern ..."). */
const CONSENT_GAP = 2;

/**
 * A cookie notice spans the sentences next to it that speak of consent, privacy or settings, and
 * short gaps between such sentences; it stops where the article's sentences begin.
 */
function spreadConsent(parts: Para[], reasons: (BoilerplateReason | null)[]): void {
  const n = parts.length;
  const consent = (i: number) =>
    reasons[i] === 'cookie_notice' || (reasons[i] === null && (parts[i]!.words <= 2 || CONSENT_WORD.test(parts[i]!.text)));
  const grow = (from: number, step: 1 | -1) => {
    for (let j = from + step; j >= 0 && j < n; ) {
      let k = j;
      while (k >= 0 && k < n && Math.abs(k - j) < CONSENT_GAP && reasons[k] === null && !consent(k)) k += step;
      if (k < 0 || k >= n || !consent(k)) return;
      for (let m = j; m !== k + step; m += step) if (reasons[m] === null) reasons[m] = 'cookie_notice';
      j = k + step;
    }
  };
  for (let i = 0; i < n; i++) {
    if (reasons[i] !== 'cookie_notice') continue;
    grow(i, -1);
    grow(i, 1);
  }
}
