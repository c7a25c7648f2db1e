// Character references, decoded in linear passes before parsing (and all of them for text read
// without a parser).
import iconv from 'iconv-lite';
import { parse } from './dom.ts';

/** Named references resolved so far (null: not a reference); bounded, see resolveNames. */
const NAMED = new Map<string, string | null>();
const MAX_NAMES_PER_PAGE = 4096;

/**
 * Replaces the character references that stand for non-ASCII characters (&#228; &#xE4; &auml;
 * &nbsp; &bdquo;) with those characters, in one linear pass. They can never be markup, in text or
 * in an attribute, so the parsed page is the same, without a text node per reference. References
 * to ASCII (&lt; &amp; &quot; &#60; &#97;) are left for the parser: they may be markup.
 */
export function decodeTextReferences(html: string): string {
  return rewriteReferences(html, false);
}

/** All references decoded, for text read without a parser. */
export function decodeAllReferences(text: string): string {
  return rewriteReferences(text, true);
}

function rewriteReferences(text: string, all: boolean): string {
  if (!text.includes('&')) return text;
  const unknown = new Set<string>();
  const once = rewritePass(text, all, unknown);
  if (unknown.size === 0) return once;
  resolveNames(unknown);
  return rewritePass(once, all, null);
}

/**
 * One pass: numeric references (the semicolon is optional, as in HTML) and named references with
 * their semicolon whose character is known. Names not known yet are collected in `unknown`.
 * The output is built in chunks, never as one array of a million pieces.
 */
function rewritePass(text: string, all: boolean, unknown: Set<string> | null): string {
  const chunks: string[] = [];
  let parts: string[] = [];
  let last = 0;
  const n = text.length;
  for (let i = text.indexOf('&'); i !== -1 && i < n; i = text.indexOf('&', i + 1)) {
    let j = i + 1;
    let ch: string | null | undefined = null;
    const c = text.charCodeAt(j);
    if (c === 0x23 /* # */) {
      j++;
      const hex = text.charCodeAt(j) === 0x78 || text.charCodeAt(j) === 0x58;
      if (hex) j++;
      const digitsStart = j;
      let value = 0;
      for (;;) {
        const d = text.charCodeAt(j);
        const v = d >= 0x30 && d <= 0x39 ? d - 0x30 : hex && d >= 0x61 && d <= 0x66 ? d - 0x57 : hex && d >= 0x41 && d <= 0x46 ? d - 0x37 : -1;
        if (v < 0) break;
        value = Math.min(value * (hex ? 16 : 10) + v, 0x110000);
        j++;
      }
      if (j === digitsStart) continue; // "&#" without digits
      if (text.charCodeAt(j) === 0x3b) j++;
      ch = numericReference(value);
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      while (j - i <= 32) {
        const d = text.charCodeAt(j);
        if (!((d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x5a) || (d >= 0x61 && d <= 0x7a))) break;
        j++;
      }
      if (text.charCodeAt(j) !== 0x3b) continue; // named references are only read with ";"
      const name = text.slice(i + 1, j);
      j++;
      ch = NAMED.get(name);
      if (ch === undefined && unknown && unknown.size < MAX_NAMES_PER_PAGE) unknown.add(name);
    } else continue;
    if (!ch || (!all && ch.charCodeAt(0) < 0x80)) continue;
    if (i > last) parts.push(text.slice(last, i));
    parts.push(ch);
    last = j;
    i = j - 1;
    if (parts.length >= 8192) {
      chunks.push(parts.join(''));
      parts = [];
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** A numeric character reference as HTML decodes it: 0, surrogates and values past U+10FFFF are
 *  U+FFFD, 0x80-0x9F are windows-1252 (&#150; is an en dash). */
function numericReference(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  if (cp >= 0x80 && cp <= 0x9f) {
    const w = iconv.decode(Buffer.from([cp]), 'windows-1252');
    return w === '\uFFFD' ? String.fromCharCode(cp) : w;
  }
  return String.fromCodePoint(cp);
}

/** Looks up named references not seen before, all at once, through the HTML parser's own table:
 *  a tiny document with one element per name. */
function resolveNames(unknown: Set<string>): void {
  if (NAMED.size > 20_000) NAMED.clear(); // only made-up names get this far
  const names = [...unknown];
  const doc = parse(`<html><body>${names.map((n) => `<b>&${n};</b>`).join('')}</body></html>`);
  const cells = doc.querySelectorAll('b');
  names.forEach((name, i) => {
    const text = cells[i]?.textContent ?? '';
    // A real reference is one or two code points; "&notit;" reads as "¬it;" (a prefix): no.
    const ok = text !== `&${name};` && [...text].length <= 2 && !text.includes(';') && !text.includes('&');
    NAMED.set(name, ok ? text : null);
  });
}
