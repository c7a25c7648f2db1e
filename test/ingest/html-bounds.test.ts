// HTML extraction stays proportional to the input: character references are decoded in one pass
// (not one DOM node each), pages with too many tags are read without a DOM, and a page with a
// huge text skips Readability. Outcomes are asserted here; times and memory of many hostile
// shapes are measured by bench/ingest-hostile.ts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_MARKUP_ITEMS, MAX_PARSE_DEPTH } from '../../src/ingest/html/bounds.ts';
import { htmlToParagraphs } from '../../src/ingest/html/index.ts';
import { initLanguageDetector, parseArticle } from '../../src/ingest/index.ts';

/** The reported page: 6.8 MB of "&#228;". */
const ENTITY_PAGE_REPEATS = 1_133_334;

const canResetPeak = ((): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
})();

describe('htmlToParagraphs: character references', () => {
  it('decodes numeric and named references to non-ASCII text as the parser would', () => {
    const r = htmlToParagraphs(
      '<p>K&#228;se, K&#xE4;se, K&#228se, K&auml;se; 3&nbsp;&ndash;&#150;&#8211; &bdquo;Zitat&ldquo; &#0; &#x110000; &#55296; ' +
        '&notit; &xyz; &amp;auml; &lt;b&gt; &#60;i&#62;</p>',
      'refs.html',
    );
    expect(r.paragraphs).toEqual(['Käse, Käse, Käse, Käse; 3 ––– „Zitat“ \uFFFD \uFFFD \uFFFD ¬it; &xyz; &auml; <b> <i>']);
    expect(r.warnings).toEqual([]);
  });

  it('leaves references to ASCII to the parser, so they never become markup', () => {
    const r = htmlToParagraphs('<html><body><p>A <scr&#105;pt>sichtbar</scr&#105;pt> B &#60;script&#62;x&#60;/script&#62;</p></body></html>', 'ascii.html');
    expect(r.paragraphs).toEqual(['A sichtbar B <script>x</script>']);
  });

  it('reads references in attributes the same way (a non-ASCII class name, an ASCII title)', () => {
    const r = htmlToParagraphs('<html><head><meta property="og:title" content="Gr&uuml;&szlig;e &amp; mehr"></head><body><p class="&auml;">Text.</p></body></html>', 'attr.html');
    expect(r.title).toBe('Grüße & mehr');
    expect(r.paragraphs).toEqual(['Text.']);
  });

  it('extracts the reported 6.8 MB page of "&#228;" as one paragraph of 1.1 million "ä"', () => {
    const html = '&#228;'.repeat(ENTITY_PAGE_REPEATS);
    expect(html.length).toBeGreaterThan(6_800_000);
    const r = htmlToParagraphs(html, 'entities.html');
    expect(r.paragraphs).toHaveLength(1);
    expect(r.paragraphs[0]).toBe('ä'.repeat(ENTITY_PAGE_REPEATS));
    expect(r.warnings).toEqual([]);
  });

  it.skipIf(!canResetPeak)('extracts it within 200 MB of memory (peak RSS of a child process)', () => {
    const html = join(import.meta.dirname, '../../src/ingest/html/index.ts');
    const script = `
      import { readFileSync, writeFileSync } from 'node:fs';
      import { htmlToParagraphs } from ${JSON.stringify(html)};
      htmlToParagraphs('<p>warm &auml;</p>', 'warm.html');
      const page = '&#228;'.repeat(${ENTITY_PAGE_REPEATS});
      writeFileSync('/proc/self/clear_refs', '5');
      const base = process.memoryUsage().rss;
      const r = htmlToParagraphs(page, 'entities.html');
      const peak = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
      console.log(JSON.stringify({ peakMB: (peak - base) / 1048576, chars: r.paragraphs[0].length }));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { peakMB: number; chars: number };
    expect(result.chars).toBe(ENTITY_PAGE_REPEATS);
    expect(result.peakMB).toBeLessThan(200);
  });
});

describe('htmlToParagraphs: pages too large for a DOM', () => {
  const PARAGRAPHS = 60_000;
  const text = (i: number) => `Absatz ${i}: Der Minister sagte, die Gespr&auml;che seien &lt;gut&gt; verlaufen.`;

  it('reads a page with too many tags from the markup, without scripts and chrome, and says so', () => {
    const body = Array.from({ length: PARAGRAPHS }, (_, i) => `<div class="p"><p>${text(i)}</p></div>`).join('\n');
    const html =
      '<!doctype html><html><head><title>Gro&szlig;e Seite</title><meta property="article:published_time" content="2024-05-16T08:00:00Z">' +
      '<style>p { color: red }</style><script>var a = "<p>SCRIPT</p>";</script></head><body>' +
      '<nav><ul><li>Politik</li><li>Wirtschaft</li></ul></nav><div hidden>VERSTECKT</div><!-- <p>KOMMENTAR</p> -->' +
      `<main>${body}</main><aside>Meistgelesen</aside><footer><p>Impressum</p></footer></body></html>`;
    const r = htmlToParagraphs(html, 'gross.html');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^gross\.html: page too large to analyse as HTML \(over 200000 tags and character references\): its text was read from the markup directly/);
    expect(r.title).toBe('Große Seite');
    expect(r.date).toBe('2024-05-16T08:00:00Z');
    expect(r.paragraphs).toHaveLength(PARAGRAPHS);
    expect(r.paragraphs[0]).toBe('Absatz 0: Der Minister sagte, die Gespräche seien <gut> verlaufen.');
    expect(r.paragraphs.at(-1)).toBe(`Absatz ${PARAGRAPHS - 1}: Der Minister sagte, die Gespräche seien <gut> verlaufen.`);
    const all = r.paragraphs.join('\n');
    for (const bad of ['SCRIPT', 'color', 'Politik', 'VERSTECKT', 'KOMMENTAR', 'Meistgelesen', 'Impressum']) expect(all).not.toContain(bad);
  });

  it('reads a page of a million "&lt;" without a DOM node for each', () => {
    const r = htmlToParagraphs(`<p>${'&lt;'.repeat(MAX_MARKUP_ITEMS * 5)}</p>`, 'lt.html');
    expect(r.warnings.join('\n')).toContain('lt.html: page too large');
    expect(r.paragraphs).toEqual(['<'.repeat(MAX_MARKUP_ITEMS * 5)]);
  });

  it('reads a page nested deeper than the parser handles in linear time without parsing it', () => {
    const depth = MAX_PARSE_DEPTH * 5; // 100k elements, under the tag limit
    const r = htmlToParagraphs(`<!doctype html><html><body>${'<div><b>'.repeat(depth / 2)}Tief verschachtelter Text.<script>x()</script></body></html>`, 'tief.html');
    expect(r.paragraphs).toEqual(['Tief verschachtelter Text.']);
    expect(r.warnings.join('\n')).toMatch(/^tief\.html: page too large to analyse as HTML \(elements nested about 10000\d deep; the limit is 20000\)/);
  });

  it('still parses pages with many elements left open that close each other (<p>, <li>, <td>)', () => {
    const n = 10_000;
    const items = Array.from({ length: n }, (_, i) => `<li>Punkt ${i}`).join('\n');
    const rows = Array.from({ length: n }, (_, i) => `<tr><td>Zelle ${i}<td>Wert ${i}`).join('\n');
    const paras = Array.from({ length: n }, (_, i) => `<p>Absatz ${i}`).join('\n');
    const r = htmlToParagraphs(`<html><body><ul>${items}</ul><table>${rows}</table><div>${paras}</div></body></html>`, 'offen.html');
    expect(r.warnings).toEqual([]);
    expect(r.paragraphs).toHaveLength(4 * n);
    expect(r.paragraphs.slice(0, 2)).toEqual(['Punkt 0', 'Punkt 1']);
    expect(r.paragraphs.at(-1)).toBe(`Absatz ${n - 1}`);
  });

  it('reads a page whose open elements really nest (<li> under an open <p>) without parsing it', () => {
    const rows = Array.from({ length: MAX_PARSE_DEPTH }, (_, i) => `<li>Punkt ${i}<p>Text ${i}`).join('\n');
    const r = htmlToParagraphs(`<html><body><ul>${rows}</ul></body></html>`, 'verschachtelt.html');
    expect(r.warnings.join('\n')).toContain('verschachtelt.html: page too large to analyse as HTML (elements nested about');
    expect(r.paragraphs.slice(0, 3)).toEqual(['Punkt 0', 'Text 0', 'Punkt 1']);
  });

  it('survives markup that never closes (an endless tag, comment or script)', () => {
    expect(htmlToParagraphs(`<p>Anfang.</p>${'<a'.repeat(MAX_MARKUP_ITEMS + 1)}`, 'a.html').paragraphs).toEqual(['Anfang.']);
    expect(htmlToParagraphs(`<p>Anfang.</p>${'<b>x'.repeat(MAX_MARKUP_ITEMS)}<!-- ${'y'.repeat(1000)}`, 'b.html').paragraphs).toEqual([`Anfang.`, 'x'.repeat(MAX_MARKUP_ITEMS)]);
    expect(htmlToParagraphs(`<p>Anfang.</p>${'<br>'.repeat(MAX_MARKUP_ITEMS)}<script>${'z'.repeat(1000)}`, 'c.html').paragraphs).toEqual(['Anfang.']);
  });
});

describe('parseArticle: the hostile page end to end', () => {
  beforeAll(async () => {
    await initLanguageDetector();
  });

  it('stores the 6.8 MB page of "&#228;" as a document of no known language, with its text', () => {
    const doc = parseArticle(Buffer.from('&#228;'.repeat(ENTITY_PAGE_REPEATS)), '/tmp/entities.html');
    expect(doc.format).toBe('html');
    expect(doc.status).toBe('unsupported');
    expect(doc.text).toHaveLength(ENTITY_PAGE_REPEATS);
  });

  it('passes the fallback warning on to the stored document', () => {
    const body = Array.from({ length: 70_000 }, (_, i) => `<div><p>Satz ${i}: Der Minister sagte am Montag, die Gespräche seien gut verlaufen.</p></div>`).join('');
    const doc = parseArticle(Buffer.from(`<html><body>${body}</body></html>`), '/tmp/gross.html');
    expect(doc.status).toBe('ingested');
    expect(doc.lang).toBe('de');
    expect(doc.warnings.join('\n')).toMatch(/gross\.html: page too large to analyse as HTML/);
  });
});
