// XML escaping for the streamed TMX and XLIFF writers.
//
// Why not an XML builder library: exports stream up to hundreds of thousands of pairs, and a
// builder either holds a tree in memory or costs an object per node. What we emit is a fixed,
// shallow shape, so the only hard part is escaping, and that is small enough to test exhaustively
// (test/export/xml.test.ts).
//
// XML 1.0 cannot carry every string: its Char production excludes the C0 controls other than tab,
// line feed and carriage return, U+FFFE and U+FFFF, and (in UTF-8) unpaired surrogates. Not even as
// character references. Decision: such characters are left out of XML exports and counted (the
// report's `droppedChars`), except in XLIFF source and target, where the core <cp hex="…"/> element
// represents them losslessly. TSV and JSONL keep every character.
//
// Carriage returns are written as &#13; (a literal CR would be normalized to LF by every parser);
// tab, LF and CR in attribute values as &#9; &#10; &#13; (attribute normalization would turn them
// into spaces).

/* eslint-disable no-control-regex -- finding the control characters XML forbids is the point */
/** Characters XML 1.0 forbids. With the u flag the surrogate range matches unpaired halves only. */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const TEXT_ALL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
const ATTR_SPECIAL = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const ATTR_ALL = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
/* eslint-enable no-control-regex */

const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};

/** True for a (single) character that XML 1.0 cannot carry. */
export function isInvalidXmlChar(c: string): boolean {
  return INVALID.test(c);
}

/** Escapes for XML, counting the characters it has to leave out. One per export. */
export class XmlEscaper {
  /** Characters left out so far (see the file comment). */
  dropped = 0;

  /** Element content. */
  text(s: string): string {
    if (!TEXT_SPECIAL.test(s)) return s;
    return s.replace(TEXT_ALL, (c) => {
      if (c === '\r') return '&#13;';
      const e = ENTITIES[c];
      if (e) return e;
      this.dropped++;
      return '';
    });
  }

  /** A double-quoted attribute value. */
  attr(s: string): string {
    if (!ATTR_SPECIAL.test(s)) return s;
    return s.replace(ATTR_ALL, (c) => {
      const e = ENTITIES[c];
      if (e) return e;
      this.dropped++;
      return '';
    });
  }

  /**
   * XLIFF 2 inline content: like `text`, but characters invalid in XML become <cp hex="…"/>
   * (XLIFF 2.x core, "cp"), so nothing is lost. Unpaired surrogates, which are not characters at
   * all, are still left out and counted.
   */
  xliffInline(s: string): string {
    if (!TEXT_SPECIAL.test(s)) return s;
    return s.replace(TEXT_ALL, (c) => {
      if (c === '\r') return '&#13;';
      const e = ENTITIES[c];
      if (e) return e;
      const code = c.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff) {
        this.dropped++;
        return '';
      }
      return `<cp hex="${code.toString(16).toUpperCase().padStart(4, '0')}"/>`;
    });
  }
}
