// Reading bytes as UTF-8 without decoding them: validation with the WHATWG decoder's error
// recovery, a cut-off character at the end, and the lines of a file.

/** Number of bytes at the end that start a multi-byte sequence but do not complete it. */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const len = bytes.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b < 0xc2 || b > 0xf4) return 0; // ASCII or an invalid lead: not a truncated sequence
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    const have = len - i;
    return have < need ? have : 0;
  }
  return 0;
}

export interface Utf8Stats {
  /** Well-formed multi-byte sequences, plus UTF-16 surrogates written as UTF-8 (CESU-8/WTF-8). */
  multibyte: number;
  /** Invalid sequences, counted as the WHATWG decoder does: each is one U+FFFD. */
  errors: number;
  /** Encoded UTF-16 surrogates (ED A0..BF xx): a lone one, or a pair (CESU-8) counted once. */
  surrogates: number;
}

export type Utf8Event = (kind: 'error' | 'surrogate' | 'pair', offset: number, length: number, value: number) => void;

/**
 * Validates bytes[start, end) as UTF-8 (Unicode 15, table 3-7), with the WHATWG decoder's error
 * recovery (a maximal invalid prefix is one error, and the byte that broke it is read again), so
 * `errors` is exactly the number of U+FFFD a replacing decoder would produce. An encoded surrogate
 * (ED A0..BF 80..BF, which CESU-8 and WTF-8 writers produce and UTF-8 forbids) is reported as one
 * `surrogate` event, or as a `pair` with its code point when a high and a low one follow each other.
 */
export function scanUtf8(bytes: Uint8Array, start: number, end: number, onEvent?: Utf8Event): Utf8Stats {
  let multibyte = 0;
  let errors = 0;
  let surrogates = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0xed && i + 2 < end && (bytes[i + 1]! & 0xe0) === 0xa0 && (bytes[i + 2]! & 0xc0) === 0x80) {
      const unit = 0xd000 | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      multibyte++;
      surrogates++;
      if (unit < 0xdc00 && i + 5 < end && bytes[i + 3] === 0xed && (bytes[i + 4]! & 0xf0) === 0xb0 && (bytes[i + 5]! & 0xc0) === 0x80) {
        const low = 0xd000 | ((bytes[i + 4]! & 0x3f) << 6) | (bytes[i + 5]! & 0x3f);
        onEvent?.('pair', i, 6, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
        i += 6;
      } else {
        onEvent?.('surrogate', i, 3, unit);
        i += 3;
      }
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      errors++;
      onEvent?.('error', i, 1, 0);
      i++;
      continue;
    }
    let k = 1;
    while (k <= need) {
      const c = i + k < end ? bytes[i + k]! : -1;
      if (c < lo || c > hi) break;
      lo = 0x80;
      hi = 0xbf;
      k++;
    }
    if (k > need) multibyte++;
    else {
      errors++;
      onEvent?.('error', i, k, 0);
    }
    i += k;
  }
  return { multibyte, errors, surrogates };
}

/** Calls visit for each line: content bytes [start, end), the next line starting at `next`
 *  (LF, CR LF and a lone CR end a line; they are ASCII in every encoding read here). */
export function forEachLine(bytes: Uint8Array, visit: (start: number, end: number, next: number, line: number) => void): void {
  let start = 0;
  let line = 1;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0x0a || b === 0x0d) {
      const next = b === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
      visit(start, i, next, line++);
      start = next;
      i = next - 1;
    }
  }
  if (start < n) visit(start, n, n, line);
}

export function countLines(bytes: Uint8Array): number {
  let n = 0;
  forEachLine(bytes, () => n++);
  return n;
}
