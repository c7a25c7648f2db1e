// Warnings about text that looks wrongly decoded: mojibake whatever the decoder chose, and, once
// the language is known, letters improbable in it.
import { plural } from './messages.ts';
import { FINAL_CHECK, LATIN1_LETTER, LETTER, LOWER, ODD, WORDY, classOf, suspicion } from './plausibility.ts';

/** The words around the given offsets, for a message: “kÃ¶nnen”, “fŸr”. */
function examples(text: string, offsets: number[], max = 3): string[] {
  const out = new Set<string>();
  for (const i of [...offsets].sort((a, b) => a - b)) {
    let a = i;
    let b = i + 1;
    while (a > 0 && i - a < 24 && !/\s/u.test(text[a - 1]!)) a--;
    while (b < text.length && b - i < 24 && !/\s/u.test(text[b]!)) b++;
    out.add(text.slice(a, b).replace(/^[("„“”‚‘’'«»]+|[)"„“”‚‘’'«».,;:!?]+$/gu, ''));
    if (out.size >= max) break;
  }
  return [...out];
}

/** A warning when the decoded text shows mojibake, whatever the decoder was sure of. */
export function mojibakeWarning(text: string, fileName: string, encoding: string): string | null {
  const s = suspicion(text, FINAL_CHECK);
  if (s.score < 3) return null;
  const shown = examples(text, s.at).map((w) => `“${w}”`).join(', ');
  return `${fileName}: the text looks wrongly decoded (read as ${encoding}): improbable characters such as ${shown}; the file may be in another encoding, or was garbled before it was saved`;
}

/** Languages whose alphabet lies inside Latin-1: any other letter in a lower-case word is improbable. */
const LATIN1_LANGUAGES = new Set(['de', 'is', 'nl', 'en']);

/**
 * After the language is known: in German, Icelandic, Dutch or English, a lower-case word with a
 * letter outside Latin-1 ("forœrslitaleiknum", "kšnnen") or a symbol inside ("fr‡b¾rir") is
 * improbable. Names ("Erdoğan", "Šešelj") are capitalized and not counted. Null when the text
 * looks right, or when the decoder has already said it does not. Only the words that contain a
 * non-ASCII character are looked at.
 */
export function improbableLettersWarning(text: string, lang: string | null, fileName: string, warnings: readonly string[] = []): string | null {
  if (!lang || !LATIN1_LANGUAGES.has(lang)) return null;
  if (warnings.some((w) => w.includes('looks wrongly decoded'))) return null;
  let nonAsciiWords = 0;
  const bad: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    if (!(classOf(text.charCodeAt(i)) & WORDY)) continue;
    let a = i;
    while (a > 0 && classOf(text.charCodeAt(a - 1)) & WORDY) a--;
    let b = i + 1;
    while (b < n && classOf(text.charCodeAt(b)) & WORDY) b++;
    nonAsciiWords++;
    if (classOf(text.charCodeAt(a)) & LOWER) {
      for (let j = a; j < b; j++) {
        const k = classOf(text.charCodeAt(j));
        if ((k & LETTER && !(k & LATIN1_LETTER)) || k & ODD) {
          bad.push(a);
          break;
        }
      }
    }
    i = b - 1;
  }
  if (bad.length < 3 || bad.length * 10 < nonAsciiWords) return null;
  const shown = examples(text, bad).map((w) => `“${w}”`).join(', ');
  return `${fileName}: the text looks wrongly decoded: ${bad.length} word${plural(bad.length)} with letters improbable in ${lang} text, such as ${shown}; the file may be in another encoding`;
}
