import { describe, expect, it } from 'vitest';
import { htmlToParagraphs, looksLikeHtml } from '../../src/ingest/html/index.ts';

const ARTICLE = [
  'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in Pjöngjang ein und begann damit einen zweitägigen Besuch in Nordkorea. Nordkoreanische Medien bezeichneten den Besuch als „wichtige Gelegenheit“.',
  'Bei einem Empfang am Abend sagte Lawrow, Russland schätze die Unterstützung Nordkoreas sehr. Die Beziehungen beider Länder hätten eine neue Ebene erreicht, sagte er.',
  'Kremlsprecher Dmitri Peskow erklärte, der Termin von Putins Besuch sei noch nicht festgelegt worden. Mehr dazu später & ausführlich.',
  'Die Zusammenarbeit ist „selbstverständlich“.',
  'Wir werden sie ausbauen.',
];

const PAGE = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Lawrow in Pjöngjang eingetroffen | Weltnachrichten</title>
<meta property="article:published_time" content="2023-10-18T21:05:00+02:00">
<style>body { color: red } .x::after { content: "STYLE TEXT" }</style>
<script>globalThis.__tandemPwned = 'script'; document.write("SCRIPT TEXT")</script>
</head><body onload="globalThis.__tandemPwned = 'onload'">
<header class="site-header"><a href="/">Weltnachrichten</a>
  <nav><ul><li><a href="/politik">Politik</a></li><li><a href="javascript:globalThis.__tandemPwned='href'">Wirtschaft</a></li></ul></nav>
</header>
<noscript>Bitte JavaScript aktivieren</noscript>
<template><p>TEMPLATE TEXT</p></template>
<main><article>
<h1>Lawrow in Pjöngjang eingetroffen</h1>
<p>Der russische Au&szlig;enminister Sergej Lawrow traf am 18.&nbsp;Oktober in Pj&ouml;ngjang ein und
   begann damit einen zweit&auml;gigen Besuch in Nordkorea. Nordkoreanische Medien bezeichneten den Besuch als &bdquo;wichtige Gelegenheit&ldquo;.</p>
<img src="x.png" onerror="globalThis.__tandemPwned = 'onerror'" alt="ALT TEXT">
<p>Bei einem Empfang am Abend sagte Lawrow, Russland sch&auml;tze die Unterst&uuml;tzung Nordkoreas sehr. Die Beziehungen beider L&auml;nder h&auml;tten eine neue Ebene erreicht, sagte er.</p>
<iframe src="https://ads.example/"><p>IFRAME TEXT</p></iframe>
<p>Kremlsprecher Dmitri Peskow erkl&auml;rte, der Termin von Putins Besuch sei noch nicht festgelegt worden. <a href="javascript:alert(2)">Mehr</a> dazu sp&auml;ter &amp; ausf&uuml;hrlich.</p>
<blockquote><p>Die Zusammenarbeit ist &#8222;selbstverst&auml;ndlich&#x201C;.</p><p>Wir werden sie ausbauen.</p></blockquote>
<script>globalThis.__tandemPwned = 'inline'</script>
</article></main>
<aside>Meistgelesen: Andere Geschichte</aside>
<footer><p>&copy; 2023 Weltnachrichten. Alle Rechte vorbehalten.</p><a href="/impressum">Impressum</a></footer>
<script>alert("bye")</script>
</body></html>`;

describe('htmlToParagraphs', () => {
  it('extracts the article body, title and date from a page with chrome and hostile markup', () => {
    const r = htmlToParagraphs(PAGE, 'lawrow.html');
    expect(r.paragraphs).toEqual(ARTICLE);
    expect(r.title).toBe('Lawrow in Pjöngjang eingetroffen');
    expect(r.date).toBe('2023-10-18T21:05:00+02:00');
  });

  it('never lets scripts, styles, templates, iframes, noscript, alt text or chrome contribute text', () => {
    const all = htmlToParagraphs(PAGE, 'lawrow.html').paragraphs.join('\n');
    for (const bad of ['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'ALT TEXT', 'JavaScript', 'alert', 'Impressum', 'Meistgelesen', 'Politik', '__tandem']) {
      expect(all).not.toContain(bad);
    }
  });

  it('executes nothing', () => {
    delete (globalThis as Record<string, unknown>)['__tandemPwned'];
    htmlToParagraphs(PAGE, 'lawrow.html');
    htmlToParagraphs('<img src=x onerror="globalThis.__tandemPwned=1"><svg onload="globalThis.__tandemPwned=2"><script>globalThis.__tandemPwned=3</script></svg>', 'x.html');
    expect((globalThis as Record<string, unknown>)['__tandemPwned']).toBeUndefined();
  });

  it('makes paragraphs from block elements, including divs with direct text and double <br>', () => {
    const html = `<html><body>
      <div>Kurzer Text mit <b>fett</b>em Wort<p>innen</p>danach</div>
      <ul><li>eins</li><li>zwei <em>drei</em></li></ul>
      <blockquote><p>Zitat A.</p><p>Zitat B.</p></blockquote>
      <h2>Zwischentitel</h2>
      <pre>Zeile   eins
      Zeile zwei</pre>
      <div>Zeile eins<br>weiter<br><br>Zeile zwei</div>
      <table><tr><td>Zelle 1</td><td>Zelle 2</td></tr></table>
    </body></html>`;
    expect(htmlToParagraphs(html, 'blocks.html').paragraphs).toEqual([
      'Kurzer Text mit fettem Wort',
      'innen',
      'danach',
      'eins',
      'zwei drei',
      'Zitat A.',
      'Zitat B.',
      'Zwischentitel',
      'Zeile eins Zeile zwei',
      'Zeile eins weiter',
      'Zeile zwei',
      'Zelle 1',
      'Zelle 2',
    ]);
  });

  it('decodes entities and collapses whitespace', () => {
    const r = htmlToParagraphs('<html><body><p>Caf&eacute; &amp; Bar&nbsp;&nbsp;&lt;script&gt; &#8222;Gr&uuml;&szlig;e&#8220;\n\n  und&#160;mehr</p></body></html>', 'e.html');
    expect(r.paragraphs).toEqual(['Café & Bar <script> „Grüße“ und mehr']);
  });

  it('survives very deep nesting without recursion, still yielding the text', () => {
    const depth = 5000;
    const html = `<!doctype html><html><body>${'<div>'.repeat(depth)}Tief verschachtelter Text.<script>x()</script><img src=x onerror=alert(1)>${'</div>'.repeat(depth)}<p>Noch ein Absatz.</p></body></html>`;
    const r = htmlToParagraphs(html, 'deep.html');
    expect(r.paragraphs).toEqual(['Tief verschachtelter Text.', 'Noch ein Absatz.']);
  });

  it('reads the date from JSON-LD when there is no meta tag, and gives null when there is none', () => {
    const withLd = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2024-05-16"}]}</script></head><body><p>Text.</p></body></html>`;
    expect(htmlToParagraphs(withLd, 'ld.html').date).toBe('2024-05-16');
    expect(htmlToParagraphs('<html><body><p>Text.</p></body></html>', 'none.html').date).toBeNull();
    const rfc = `<html><head><meta name="date" content="Thu, 16 May 2024 10:00:00 GMT"></head><body><p>Text.</p></body></html>`;
    expect(htmlToParagraphs(rfc, 'rfc.html').date).toBe('2024-05-16T10:00:00.000Z');
  });

  it('returns no paragraphs for a page without text', () => {
    expect(htmlToParagraphs('<html><head><title>Leer</title></head><body><script>1</script></body></html>', 'leer.html')).toEqual({
      warnings: [],
      title: 'Leer',
      paragraphs: [],
      date: null,
    });
  });
});

describe('looksLikeHtml', () => {
  it('sniffs documents that start with a doctype or <html>', () => {
    expect(looksLikeHtml('<!DOCTYPE html><html><body>x</body></html>')).toBe(true);
    expect(looksLikeHtml('\uFEFF  \n<!doctype html>\n<p>x')).toBe(true);
    expect(looksLikeHtml('<html lang="nl"><body>x</body></html>')).toBe(true);
    expect(looksLikeHtml('<!-- saved from url=(0014)about:internet -->\n<html>')).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">')).toBe(true);
  });

  it('does not mistake plain text for HTML', () => {
    expect(looksLikeHtml('Die Tagung <b> begann am Montag.')).toBe(false);
    expect(looksLikeHtml('<htmlish> is not a tag')).toBe(false);
    expect(looksLikeHtml('Text über <html> als Thema')).toBe(false);
  });

  it('trusts .html/.htm/.xhtml extensions', () => {
    expect(looksLikeHtml('<p>fragment</p>', 'artikel.HTM')).toBe(true);
    expect(looksLikeHtml('<p>fragment</p>', 'artikel.xhtml')).toBe(true);
    expect(looksLikeHtml('<p>fragment</p>', 'artikel.txt')).toBe(false);
  });
});
