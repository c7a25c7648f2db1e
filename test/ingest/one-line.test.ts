// Articles as scrapers save them: title and body in one line, no paragraph breaks, page
// boilerplate inside the same line. None of them may be rejected as boilerplate.
import { beforeAll, describe, expect, it } from 'vitest';
import { initLanguageDetector, parseArticle } from '../../src/ingest/index.ts';

beforeAll(async () => {
  await initLanguageDetector();
});

const parse = (text: string, name = 'article.txt') => parseArticle(Buffer.from(text, 'utf8'), name);
const kept = (doc: ReturnType<typeof parse>) => doc.paragraphs.filter((p) => p.dropped === null).map((p) => p.text);
const setAside = (doc: ReturnType<typeof parse>) => doc.paragraphs.filter((p) => p.dropped !== null).map((p) => [p.text, p.dropped]);

const FLOOD = [
  'Nach tagelangem Regen ist der Neckar bei Tübingen am Dienstag über die Ufer getreten.',
  'Die Feuerwehr sperrte am Morgen mehrere Straßen in der Altstadt und brachte rund 40 Anwohner in Sicherheit.',
  'Verletzt wurde nach Angaben der Polizei niemand.',
  'Der Pegel erreichte am Mittag 4,20 Meter und lag damit knapp einen Meter über dem Normalstand.',
  '„Wir rechnen damit, dass das Wasser bis Donnerstag langsam zurückgeht“, sagte ein Sprecher der Stadt.',
  'Die Bahn stellte den Verkehr zwischen Tübingen und Rottenburg am Nachmittag vorübergehend ein.',
  'Auch zahlreiche Keller liefen voll, die Helfer waren bis in die Nacht im Einsatz.',
  'Der Wetterdienst erwartet für das Wochenende weitere Niederschläge im Südwesten.',
];

describe('one-paragraph articles', () => {
  it('ingests a German article of eight sentences in one line with all its sentences, and sets its photo credit aside', () => {
    const doc = parse(`${FLOOD.join(' ')} Foto: Anna Beispiel/dpa`);
    expect(doc.status).toBe('ingested');
    expect(doc.lang).toBe('de');
    expect(doc.sentences.map((s) => s.text)).toEqual(FLOOD);
    expect(setAside(doc)).toEqual([['Foto: Anna Beispiel/dpa', 'photo_credit']]);
    expect(doc.warnings).toEqual([]);
  });

  it('keeps every sentence when the scraper glued them together without a space', () => {
    const doc = parse(FLOOD.join(''));
    expect(doc.sentences.map((s) => s.text)).toEqual(FLOOD);
    expect(doc.boilerplate).toBe(0);
  });

  it('does not take an article whose only line is long for a title or for boilerplate', () => {
    // One line, a first-person sentence with "cookie" and "use" in it: not a cookie banner.
    const sentences = [
      'A family bakery in Leeds has won this year’s national prize for the best chocolate chip cookie.',
      'The owners said they had not expected the award, which was announced in London on Friday evening.',
      '“We use only butter, brown sugar and Belgian chocolate, and we still bake every cookie by hand,” said co-owner Sarah Hill.',
      'The jury tasted more than 300 entries from bakeries across the country over two days.',
      'The bakery opened in 1998 in a former shoe shop and now employs twelve people.',
      'Orders have tripled since the prize was announced, according to the owners.',
      'The award comes with 5,000 pounds, which the family plans to spend on a second oven.',
    ];
    const line = sentences.join(' ');
    const doc = parse(line);
    expect(doc.status).toBe('ingested');
    expect(kept(doc)).toEqual([line]);
    expect(doc.boilerplate).toBe(0);
    expect(doc.sentences.map((s) => s.text)).toEqual(sentences);
    expect(doc.title).toBe(sentences[0]); // the opening sentence, not the whole line
  });

  it('takes a headline printed twice in front of a one-line article as its title', () => {
    const head = 'Güterzug bei Hamm entgleist';
    const body =
      'Bei Hamm ist am Sonntagmorgen ein Güterzug mit 22 Waggons entgleist. Die Strecke nach Münster bleibt nach Angaben der Bahn ' +
      'bis mindestens Mittwoch gesperrt. Verletzt wurde niemand, die Ursache ist noch unklar. Fahrgäste müssen mit Verspätungen rechnen.';
    const doc = parse(`${head} ${head} ${body}`);
    expect(doc.title).toBe(head);
    expect(setAside(doc)).toEqual([[head, 'repeated_title']]);
    expect(kept(doc)).toEqual([head, body]);
  });
});

describe('short news items', () => {
  const ITEM = 'Bei einem Brand in einer Lagerhalle in Hamm ist am Sonntag ein Schaden von rund 200.000 Euro entstanden. Verletzt wurde niemand.';

  it('ingests a two-sentence item with a warning that says it is very short', () => {
    const doc = parse(ITEM, 'brand.txt');
    expect(doc.status).toBe('ingested');
    expect(doc.sentences).toHaveLength(2);
    expect(doc.warnings).toEqual(['brand.txt: very short text: 2 sentences (21 words) of article text (a news brief, or only part of the page was saved?)']);
  });

  it('ingests a two-sentence item that ends in a photo credit: a caption needs an article to caption', () => {
    const doc = parse(`${ITEM} Foto: dpa`, 'brand.txt');
    expect(doc.status).toBe('ingested');
    expect(kept(doc)).toEqual([ITEM]);
    expect(setAside(doc)).toEqual([['Foto: dpa', 'photo_credit']]);
    expect(doc.warnings).toEqual([
      'brand.txt: very short text: 2 sentences (21 words) of article text; 1 paragraph set aside as page boilerplate (a news brief, or only part of the page was saved?)',
    ]);
  });

  it('does not warn about an article of ordinary length', () => {
    expect(parse(FLOOD.join(' ')).warnings).toEqual([]);
  });

  it('still rejects a page that holds nothing but boilerplate', () => {
    expect(() => parse('Teilen\nKommentare (0)\nFoto: dpa', 'leer.txt')).toThrow(/leer\.txt: no article text found \(only page boilerplate\)/u);
  });
});
