// The XML escaper and the TSV escaper: every character either survives a real parser or is
// counted as dropped; nothing else changes.
import { describe, expect, it } from 'vitest';
import { escapeTsv, unescapeTsv } from '../../src/export/index.ts';
import { isInvalidXmlChar, XmlEscaper } from '../../src/export/xml.ts';
import { hasXmllint, inlineText, parseXml, xmllint } from './xml-check.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const ALL_BMP_SPECIALS = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i)).join('') + '\uFFFE\uFFFF\uD800 \uDFFF 😀 \u202Eשלום þðæß';
const invalid = [...ALL_BMP_SPECIALS].filter(isInvalidXmlChar);

describe('XmlEscaper', () => {
  it('keeps every allowed character through a real parser and drops and counts the rest', () => {
    const x = new XmlEscaper();
    const doc = `<r a="${x.attr(ALL_BMP_SPECIALS)}">${x.text(ALL_BMP_SPECIALS)}</r>`;
    // 0x00-0x08, 0x0B, 0x0C, 0x0E-0x1F (29), U+FFFE, U+FFFF and two unpaired surrogates.
    expect(invalid).toHaveLength(33);
    expect(x.dropped).toBe(2 * invalid.length);
    const kept = [...ALL_BMP_SPECIALS].filter((c) => !isInvalidXmlChar(c)).join('');
    const root = parseXml(doc, false);
    expect(root.attrs.a).toBe(kept);
    expect(inlineText(root)).toBe(kept);
    if (hasXmllint) {
      writeFileSync(join(dir, 'r.xml'), doc);
      expect(xmllint([join(dir, 'r.xml')]).ok).toBe(true);
    }
  });

  it('turns characters XML forbids into XLIFF <cp hex> and keeps the surrogate pairs', () => {
    const x = new XmlEscaper();
    const s = 'a\u0001b\u001F\uFFFEc & <d> \r 😀';
    const out = x.xliffInline(s);
    expect(out).toBe('a<cp hex="0001"/>b<cp hex="001F"/><cp hex="FFFE"/>c &amp; &lt;d&gt; &#13; 😀');
    expect(x.dropped).toBe(0);
    expect(inlineText(parseXml(`<t>${out}</t>`, false))).toBe(s);
    expect(x.xliffInline('lone \uD800 half')).toBe('lone  half');
    expect(x.dropped).toBe(1);
  });

  it('returns plain text unchanged', () => {
    const x = new XmlEscaper();
    const s = 'Þórður fór til Moskvu 😀 שלום';
    expect(x.text(s)).toBe(s);
    expect(x.attr(s)).toBe(s);
  });
});

describe('TSV escaping', () => {
  it('is lossless for every character and leaves no raw tab or newline', () => {
    const s = `${ALL_BMP_SPECIALS}\\t \\\\n \t\n\r\\`;
    const e = escapeTsv(s);
    expect(e).not.toMatch(/[\t\n\r]/u);
    expect(unescapeTsv(e)).toBe(s);
    expect(escapeTsv('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
  });
});
