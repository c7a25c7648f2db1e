// UTF-16 and UTF-32: with a byte-order mark, or UTF-16 recognised by its NUL bytes.
import iconv from 'iconv-lite';
import { SNIFF_BYTES } from './bytes.ts';
import type { RawDecode } from './raw.ts';

export function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', hadBom: boolean, fileName: string): RawDecode {
  const warnings: string[] = [];
  let body = bytes;
  if (body.length % 2 === 1) {
    body = body.subarray(0, body.length - 1);
    warnings.push(`${fileName}: file appears truncated: odd number of bytes for UTF-16 (last byte dropped)`);
  }
  let text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  // A high surrogate cut off at the end decodes to U+FFFD: treat it as truncation, not damage.
  if (text.endsWith('\uFFFD')) {
    const last = encoding === 'utf-16le' ? body[body.length - 1] : body[body.length - 2];
    if (last !== undefined && last >= 0xd8 && last <= 0xdb) {
      text = text.slice(0, -1);
      warnings.push(`${fileName}: file appears truncated in the middle of a UTF-16 surrogate pair`);
    }
  }
  const bad = countChar(text, '\uFFFD');
  if (bad > 0) warnings.push(`${fileName}: ${bad} invalid UTF-16 code unit${bad === 1 ? '' : 's'} replaced with U+FFFD`);
  return { text, encoding, confidence: hadBom ? 1 : 0.9, hadBom, warnings };
}

export function decodeUtf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be', fileName: string): RawDecode {
  const warnings: string[] = [];
  let body = bytes;
  if (body.length % 4 !== 0) {
    body = body.subarray(0, body.length - (body.length % 4));
    warnings.push(`${fileName}: file appears truncated: byte count is not a multiple of 4 for UTF-32`);
  }
  const text = iconv.decode(body, encoding, { stripBOM: false });
  return { text, encoding, confidence: 1, hadBom: true, warnings };
}

export function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
