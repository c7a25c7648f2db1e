import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode/index.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import type { IngestErrorCode } from '../../src/ingest/errors.ts';

const SAMPLES = join(import.meta.dirname, '../../samples');

const GERMAN =
  'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in Pjöngjang ein und dankte Nordkorea für seine „standhafte Unterstützung“ – die Beziehungen hätten eine „strategische“ Ebene erreicht. Die Reise kostete 12.000 € … sagte ein Sprecher.\n' +
  'Kremlsprecher Dmitri Peskow erklärte, der Termin von Putins Besuch sei noch nicht festgelegt worden. Größere Schritte würden später folgen.';
const GERMAN_LATIN1 =
  'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in Pjöngjang ein. Kremlsprecher Dmitri Peskow erklärte, der Termin von Putins Besuch sei noch nicht festgelegt worden. Größere Schritte würden später folgen, hieß es.';
const ICELANDIC =
  'Utanríkisráðherra Rússlands, Sergey Lavrov, mun fara í tveggja daga heimsókn til Kína frá og með mánudegi, og þetta er fyrsta heimsókn hans til landsins síðan kórónaveirufaraldurinn braust út. Þeir munu einnig ræða svæðisbundin og alþjóðleg málefni, sagði hann.';

function expectIngestError(fn: () => unknown, code: IngestErrorCode, ...fragments: string[]): IngestError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    const e = err as IngestError;
    expect(e.code).toBe(code);
    for (const f of fragments) expect(e.message).toContain(f);
    return e;
  }
  throw new Error(`expected IngestError ${code}`);
}

// --- a real, valid 1x1 PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC ---------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function tinyPng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const scanline = Buffer.from([0, 0xff, 0x00, 0x00]); // filter 0, one red pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** A ZIP local file header for word/document.xml, as at the start of every DOCX. */
function docxHead(): Uint8Array {
  const name = Buffer.from('[Content_Types].xml', 'latin1');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, Buffer.from('<Types><Override PartName="/word/document.xml"/></Types>')]);
}

describe('decodeText: encodings', () => {
  it('reads valid UTF-8 without a BOM with full confidence', () => {
    const r = decodeText(Buffer.from(GERMAN, 'utf8'), 'de.txt');
    expect(r).toMatchObject({ text: GERMAN, encoding: 'utf-8', confidence: 1, hadBom: false, warnings: [] });
  });

  it('strips a UTF-8 BOM and reports it', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GERMAN)]), 'bom.txt');
    expect(r.text).toBe(GERMAN);
    expect(r.hadBom).toBe(true);
    expect(r.encoding).toBe('utf-8');
  });

  it('decodes German windows-1252 (with „“ – € …) as windows-1252', () => {
    const bytes = iconv.encode(GERMAN, 'windows-1252');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = decodeText(bytes, 'de-1252.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(GERMAN);
    expect(r.confidence).toBeGreaterThan(0.3);
  });

  it('reads ISO-8859-1 German text through windows-1252 (its printable superset)', () => {
    const r = decodeText(iconv.encode(GERMAN_LATIN1, 'iso-8859-1'), 'de-latin1.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(GERMAN_LATIN1);
  });

  it('reads Icelandic windows-1252 without mistaking ð/þ for Turkish letters', () => {
    const r = decodeText(iconv.encode(ICELANDIC, 'windows-1252'), 'is-1252.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(ICELANDIC);
    const short = 'Þeir ræða málefni, sagði hann. Það er gott.';
    expect(decodeText(iconv.encode(short, 'windows-1252'), 'is-short.txt').text).toBe(short);
  });

  it('reads the whole Icelandic sample re-encoded as windows-1252', () => {
    const original = readFileSync(join(SAMPLES, '001_65369e2415056e2d.txt'), 'utf8');
    const r = decodeText(iconv.encode(original, 'windows-1252'), '001-1252.txt');
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(original);
  });

  it('decodes Icelandic UTF-16LE with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ICELANDIC, 'utf-16le')]);
    expect(decodeText(bytes, 'is-16le.txt')).toMatchObject({ text: ICELANDIC, encoding: 'utf-16le', hadBom: true, confidence: 1 });
  });

  it('decodes UTF-16BE with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ICELANDIC, 'utf-16be')]);
    expect(decodeText(bytes, 'is-16be.txt')).toMatchObject({ text: ICELANDIC, encoding: 'utf-16be', hadBom: true });
  });

  it('recognises BOM-less UTF-16 (LE and BE) from the NULs in alternate bytes', () => {
    const le = decodeText(iconv.encode(GERMAN, 'utf-16le'), 'de-16le-nobom.txt');
    expect(le).toMatchObject({ text: GERMAN, encoding: 'utf-16le', hadBom: false });
    const be = decodeText(iconv.encode(ICELANDIC, 'utf-16be'), 'is-16be-nobom.txt');
    expect(be).toMatchObject({ text: ICELANDIC, encoding: 'utf-16be', hadBom: false });
  });

  it('decodes every bundled sample as UTF-8 unchanged', () => {
    for (const name of readdirSync(SAMPLES)) {
      const bytes = readFileSync(join(SAMPLES, name));
      const r = decodeText(bytes, name);
      expect(r.encoding).toBe('utf-8');
      expect(r.confidence).toBe(1);
      expect(r.warnings).toEqual([]);
      expect(r.text).toBe(bytes.toString('utf8').normalize('NFC'));
    }
  });
});

describe('decodeText: truncation and damage', () => {
  it('decodes a UTF-8 file cut inside a multi-byte character and warns, instead of falling back to latin-1', () => {
    const full = Buffer.from(`${GERMAN} Schluss mit „`, 'utf8'); // ends with a 3-byte „
    for (const cut of [1, 2]) {
      const bytes = full.subarray(0, full.length - cut);
      const r = decodeText(bytes, 'cut.txt');
      expect(r.encoding).toBe('utf-8');
      expect(r.text).toBe(`${GERMAN} Schluss mit `);
      expect(r.warnings.join(' ')).toMatch(/truncated/);
      expect(r.warnings.join(' ')).toContain('cut.txt');
    }
    const umlaut = Buffer.from('Größere Schritte würden folgen: ü', 'utf8');
    const r = decodeText(umlaut.subarray(0, umlaut.length - 1), 'cut-ue.txt');
    expect(r.text).toBe('Größere Schritte würden folgen: ');
    expect(r.warnings).toHaveLength(1);
  });

  it('keeps a clearly UTF-8 file as UTF-8 when one stray byte is invalid', () => {
    const bytes = Buffer.concat([Buffer.from(GERMAN.slice(0, 120)), Buffer.from([0xe9]), Buffer.from(GERMAN.slice(120))]);
    const r = decodeText(bytes, 'stray.txt');
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('Außenminister');
    expect(r.text).toContain('\uFFFD');
    expect(r.warnings.join(' ')).toMatch(/invalid UTF-8/);
  });

  it('drops the dangling byte of an odd-length UTF-16 file with a warning', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ICELANDIC, 'utf-16le'), Buffer.from([0x41])]);
    const r = decodeText(bytes, 'odd.txt');
    expect(r.text).toBe(ICELANDIC);
    expect(r.warnings.join(' ')).toMatch(/truncated/);
  });
});

describe('decodeText: normalization', () => {
  it('normalizes to NFC, turns CRLF/CR into LF and removes control characters except TAB and LF', () => {
    const nfd = 'Grüße aus Reykjavík'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    const input = `${nfd}\r\nZeile\u0000 zwei\rZeile\tdrei\u0007\u001b\nEnde\u0085`;
    const r = decodeText(Buffer.from(input, 'utf8'), 'norm.txt');
    expect(r.text).toBe('Grüße aus Reykjavík\nZeile zwei\nZeile\tdrei\nEnde\n');
    expect(r.text).toBe(r.text.normalize('NFC'));
    expect(r.warnings.join(' ')).toMatch(/removed 3 control characters/);
  });
});

describe('decodeText: refusals', () => {
  it.each([
    ['0 bytes', new Uint8Array(0)],
    ['whitespace only', Buffer.from(' \n\t\r\n  ')],
    ['UTF-8 BOM only', Buffer.from([0xef, 0xbb, 0xbf])],
    ['UTF-8 BOM and blank lines', Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x0a, 0x20])],
    ['UTF-16LE BOM only', Buffer.from([0xff, 0xfe])],
  ])('refuses an empty file (%s)', (_label, bytes) => {
    expectIngestError(() => decodeText(bytes, 'leer.txt'), 'empty', 'leer.txt');
  });

  it('refuses a real PNG image, naming the file and the format', () => {
    const e = expectIngestError(() => decodeText(tinyPng(), 'foto.txt'), 'binary', 'foto.txt', 'looks like a PNG image');
    expect(e.name).toBe('IngestError');
  });

  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), 'JPEG image'],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1'), 'GIF image'],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'PDF document'],
    ['DOCX', Buffer.from(docxHead()), 'Word document'],
    ['gzip', gzipSync(Buffer.from(GERMAN)), 'gzip'],
    ['ELF', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]), 'ELF executable'],
  ])('refuses %s data', (_label, bytes, what) => {
    expectIngestError(() => decodeText(bytes, 'datei.txt'), 'binary', 'datei.txt', what);
  });

  it('refuses data with NUL bytes that is not UTF-16', () => {
    const bytes = Buffer.from('abc\u0000\u0000\u0000def\u0000ghi\u0000\u0000jkl\u0000'.repeat(20), 'latin1');
    expectIngestError(() => decodeText(bytes, 'nul.dat'), 'binary', 'nul.dat', 'NUL');
  });

  it('refuses random bytes (high ratio of control characters)', () => {
    let seed = 42;
    const bytes = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >> 16) % 255 + 1; // no NULs
    });
    expectIngestError(() => decodeText(bytes, 'noise.bin'), 'binary', 'noise.bin');
  });

  it('refuses RTF as an unsupported format', () => {
    expectIngestError(() => decodeText(Buffer.from('{\\rtf1\\ansi Hallo}'), 'brief.rtf'), 'unsupported_format', 'brief.rtf', 'RTF');
  });

  it('refuses files over the size limit', () => {
    expectIngestError(() => decodeText(new Uint8Array(64 * 1024 * 1024 + 1), 'huge.txt'), 'too_large', 'huge.txt');
  });
});
