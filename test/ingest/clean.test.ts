import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs, splitParagraphs } from '../../src/ingest/clean/index.ts';
import type { BoilerplateReason, CleanedParagraph } from '../../src/ingest/clean/index.ts';

const SAMPLES = join(import.meta.dirname, '../../samples');
const sample = (name: string): string => readFileSync(join(SAMPLES, name), 'utf8');

function dropped(result: CleanedParagraph[]): Record<string, BoilerplateReason> {
  const out: Record<string, BoilerplateReason> = {};
  for (const p of result) if (p.dropped) out[p.text] = p.reason;
  return out;
}

/** Checks the cleaner's contract: same paragraphs, same order, only the expected ones flagged. */
function expectFlags(paragraphs: string[], result: CleanedParagraph[], expected: Record<string, BoilerplateReason>): void {
  expect(result.map((p) => p.text)).toEqual(paragraphs);
  expect(dropped(result)).toEqual(expected);
}

describe('splitParagraphs', () => {
  it('takes every non-empty line as a paragraph when there are no blank lines (samples 000, 001, 003)', () => {
    for (const name of ['000_3bc15494ef0baa8d.txt', '001_65369e2415056e2d.txt', '003_61152b5f3c6bcb81.txt']) {
      const text = sample(name);
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(splitParagraphs(text)).toEqual(lines);
    }
    expect(splitParagraphs(sample('000_3bc15494ef0baa8d.txt'))).toHaveLength(13);
    expect(splitParagraphs(sample('001_65369e2415056e2d.txt'))).toHaveLength(13); // leading blank line ignored
  });

  it('splits blank-line-separated samples (002, 004) at the blank lines', () => {
    const p002 = splitParagraphs(sample('002_f1f3fa59d5d3da49.txt'));
    expect(p002).toHaveLength(35);
    expect(p002[0]).toBe('november 23, 2024');
    expect(p002[34]).toBe('Bodin berichtte vanuit Taipei.');
    const p004 = splitParagraphs(sample('004_69f419d430605c54.txt'));
    expect(p004).toHaveLength(18);
    expect(p004[17]).toBe('Folgen Sie RT weiter');
  });

  it('joins soft-wrapped lines inside a paragraph, with CRLF line ends and hyphenated breaks', () => {
    const text =
      'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in\r\n' +
      'Pjöngjang ein und begann damit einen zweitägigen Besuch in Nord-\r\n' +
      'korea. Medien sprachen von einer wichtigen Gelegenheit.\r\n' +
      '\r\n' +
      'Kremlsprecher Dmitri Peskow erklärte, der Termin sei noch nicht\r\n' +
      'festgelegt worden.\r\n';
    expect(splitParagraphs(text)).toEqual([
      'Der russische Außenminister Sergej Lawrow traf am 18. Oktober in Pjöngjang ein und begann damit einen zweitägigen Besuch in Nordkorea. Medien sprachen von einer wichtigen Gelegenheit.',
      'Kremlsprecher Dmitri Peskow erklärte, der Termin sei noch nicht festgelegt worden.',
    ]);
  });

  it('keeps short items and bullets inside a block apart', () => {
    const text =
      'Teilnehmer des Treffens:\nSergej Lawrow\nChoe Son-hui\nWang Yi\n\n' +
      'Die Themen der Gespräche waren nach Angaben beider Seiten vielfältig und umfassend:\n' +
      '- Handel und Energie zwischen beiden Ländern\n' +
      '- militärische Zusammenarbeit in der Region\n' +
      '- die Lage in der Ukraine und auf der koreanischen Halbinsel';
    expect(splitParagraphs(text)).toEqual([
      'Teilnehmer des Treffens:',
      'Sergej Lawrow',
      'Choe Son-hui',
      'Wang Yi',
      'Die Themen der Gespräche waren nach Angaben beider Seiten vielfältig und umfassend:',
      '- Handel und Energie zwischen beiden Ländern',
      '- militärische Zusammenarbeit in der Region',
      '- die Lage in der Ukraine und auf der koreanischen Halbinsel',
    ]);
  });

  it('treats hard-wrapped prose without any blank line as wrapped, but a list of headlines as lines', () => {
    const wrapped =
      'Utanríkisráðherra Rússlands, Sergey Lavrov, mun fara í tveggja\n' +
      'daga heimsókn til Kína frá og með mánudegi, og þetta er fyrsta\n' +
      'heimsókn hans til landsins síðan kórónaveirufaraldurinn braust\n' +
      'út. Þeir munu einnig ræða svæðisbundin málefni, sagði hann.';
    expect(splitParagraphs(wrapped)).toEqual([wrapped.replace(/\n/g, ' ')]);
    const headlines = 'Lawrow trifft Wang Yi in Peking\nPutin reist im Mai nach China\nKim Jong-un lädt Putin nach Pjöngjang ein';
    expect(splitParagraphs(headlines)).toEqual(headlines.split('\n'));
  });

  it('returns nothing for blank input', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\n \t\n')).toEqual([]);
  });
});

describe('cleanParagraphs on the bundled samples', () => {
  const run = (name: string): { paragraphs: string[]; result: CleanedParagraph[] } => {
    const paragraphs = splitParagraphs(sample(name));
    return { paragraphs, result: cleanParagraphs(paragraphs, {}) };
  };

  it('000: flags nothing and keeps the deliberately repeated paragraphs', () => {
    const { paragraphs, result } = run('000_3bc15494ef0baa8d.txt');
    expectFlags(paragraphs, result, {});
    // paragraphs 2-7 come back as 8-13: all kept, for the repeated-passage detector to find
    for (let i = 1; i <= 6; i++) expect(paragraphs[i + 6]).toBe(paragraphs[i]);
    expect(result.every((p) => !p.dropped)).toBe(true);
  });

  it('001: flags the "Birtingartími" dateline only', () => {
    const { paragraphs, result } = run('001_65369e2415056e2d.txt');
    expectFlags(paragraphs, result, { 'Birtingartími: 19. mars 2021': 'dateline' });
  });

  it('002: flags the header chrome, the repeated title, READ links, photo captions and the closing credit', () => {
    const { paragraphs, result } = run('002_f1f3fa59d5d3da49.txt');
    const title = 'De Russische president Poetin arriveert in China als blijk van eenheid onder de bondgenoten';
    const captions = paragraphs.filter((p) => p.startsWith('BESTAND') || p.endsWith('Kremlin Pool Photo via AP)'));
    expect(captions).toHaveLength(3);
    const reads = paragraphs.filter((p) => p.startsWith('READ'));
    expect(reads).toHaveLength(3);
    expectFlags(paragraphs, result, {
      'november 23, 2024': 'dateline',
      Koninkrijksrelaties: 'navigation',
      'Dagelijks meer nieuwsberichten dan enige andere Nederlandse nieuwsbron over Nederland.': 'site_tagline',
      [title]: 'repeated_title',
      ...Object.fromEntries(reads.map((p) => [p, 'read_more' as const])),
      ...Object.fromEntries(captions.map((p) => [p, 'photo_caption' as const])),
      ___: 'empty',
      'Bodin berichtte vanuit Taipei.': 'byline',
    });
    // the headline itself stays (first copy); only the second copy is flagged
    expect(result[3]).toEqual({ text: title, dropped: false });
    expect(result[4]).toEqual({ text: title, dropped: true, reason: 'repeated_title' });
  });

  it('003: flags the photo caption, byline, ad slot, source link and comment counter', () => {
    const { paragraphs, result } = run('003_61152b5f3c6bcb81.txt');
    const caption = paragraphs.find((p) => p.endsWith('Foto: AFP'));
    expect(caption).toBeDefined();
    expectFlags(paragraphs, result, {
      [caption!]: 'photo_caption',
      'Huyen Le (Laut AFP , Reuters )': 'byline',
      '[Anzeige_2]': 'advertisement',
      Quellenlink: 'source_link',
      'Kommentar (0)': 'comments',
    });
  });

  it('004: flags the repeated title, the source link and the closing share prompts', () => {
    const { paragraphs, result } = run('004_69f419d430605c54.txt');
    expectFlags(paragraphs, result, {
      'Treffen zwischen Putin und nordkoreanischem Außenminister „nicht ausgeschlossen“ – Kreml – RT Russland und ehemalige Sowjetunion':
        'repeated_title',
      Quelllink: 'source_link',
      'Sie können diese Geschichte in den sozialen Medien teilen:': 'share_prompt',
      'Folgen Sie RT weiter': 'share_prompt',
    });
    expect(result[0]!.dropped).toBe(false); // the headline
    // the standfirst has no final punctuation but is real content
    expect(result[3]).toEqual({ text: 'Pjöngjangs Spitzendiplomat Choe Son-hui soll am Dienstag mit dem russischen Außenminister Sergej Lawrow zusammentreffen', dropped: false });
  });
});

describe('cleanParagraphs: general rules', () => {
  const BODY = [
    'Der russische Außenminister Sergej Lawrow traf am Montag in Peking ein, teilte das Ministerium mit.',
    'Er will die Fotos später auf Facebook teilen.',
    'Related to this, the minister said that talks would continue next week.',
    'Werbung für die Partei ist an Schulen verboten, sagte das Gericht am Dienstag.',
    'Folgen Sie den Anweisungen der Behörden, sagte die Polizei.',
    'Hintergrund',
    'Der Kommentar des Ministers löste in Berlin und Brüssel scharfe Kritik aus.',
    'Lesen Sie das Protokoll, sagte der Sprecher den Journalisten.',
  ];

  const BOILERPLATE: Record<string, BoilerplateReason> = {
    // de
    Teilen: 'share_prompt',
    'Auf Facebook teilen': 'share_prompt',
    'Lesen Sie auch: Kreml bestätigt Treffen mit Kim': 'read_more',
    Werbung: 'advertisement',
    Anzeige: 'advertisement',
    'Artikel wird nach der Anzeige fortgesetzt': 'advertisement',
    'Kommentare (12)': 'comments',
    'Kommentar schreiben': 'comments',
    'Foto: dpa': 'photo_credit',
    'Bild: Reuters/John Smith': 'photo_credit',
    'Quelle: dpa': 'source_link',
    'Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung unserer Website stimmen Sie dem zu.': 'cookie_notice',
    'Alle Cookies akzeptieren': 'cookie_notice',
    'Stand: 18.10.2023, 14:35 Uhr': 'dateline',
    'Montag, 18. Oktober 2023': 'dateline',
    '© dpa-infocom GmbH': 'copyright',
    'Startseite › Politik › Ausland': 'navigation',
    'Mit Material von dpa und AFP': 'byline',
    'dpa/AFP': 'byline',
    // nl
    'Delen op Facebook': 'share_prompt',
    'Lees ook: Poetin arriveert in China': 'read_more',
    Advertentie: 'advertisement',
    'Plaats een reactie': 'comments',
    'Gepubliceerd op 23 november 2024': 'dateline',
    'Volg ons op Twitter': 'share_prompt',
    'Deze website maakt gebruik van cookies.': 'cookie_notice',
    'Foto: ANP': 'photo_credit',
    // is
    Deila: 'share_prompt',
    'Deila á Facebook': 'share_prompt',
    'Lesa einnig: Lavrov heimsækir Kína': 'read_more',
    Auglýsing: 'advertisement',
    'Skrifaðu athugasemd': 'comments',
    'Mynd: RÚV': 'photo_credit',
    'Birt: 19. mars 2021 kl. 14:05': 'dateline',
    'Við notum vafrakökur til að bæta upplifun þína.': 'cookie_notice',
    'Fylgdu okkur á Facebook': 'share_prompt',
    // en
    'Share this article': 'share_prompt',
    'Read more: Kremlin confirms meeting': 'read_more',
    ADVERTISEMENT: 'advertisement',
    'Story continues below advertisement': 'advertisement',
    'Leave a comment': 'comments',
    'Photo: Reuters': 'photo_credit',
    'Updated: May 16, 2024 10:05 am': 'dateline',
    'We use cookies to improve your experience on our website.': 'cookie_notice',
    'Reporting by Guy Faulconbridge; Editing by Andrew Osborn': 'byline',
    'Sign up for our newsletter': 'share_prompt',
    'https://example.com/news/2024/05/16/putin-china': 'source_link',
    'FILE - Chinese President Xi Jinping speaks during a state dinner in Paris, Monday, May 6, 2024.': 'photo_caption',
  };

  it('flags share prompts, read-more links, ads, comment prompts, cookie banners, credits and datelines in all four languages', () => {
    const lines = Object.keys(BOILERPLATE);
    // boilerplate interleaved with body text, so no rule relies on position
    const paragraphs = lines.flatMap((line, i) => [line, BODY[i % BODY.length]!]);
    const result = cleanParagraphs(paragraphs, {});
    expect(result.map((p) => p.text)).toEqual(paragraphs);
    for (const p of result) {
      if (BODY.includes(p.text)) expect(p, p.text).toEqual({ text: p.text, dropped: false });
      else expect(p.dropped ? p.reason : 'kept', p.text).toBe(BOILERPLATE[p.text]);
    }
  });

  it('keeps short quotes and one-sentence paragraphs at the edges of the article', () => {
    const paragraphs = ['„Nein.“', ...BODY, 'Die Verhandlungen gehen weiter.', '„Wir sind bereit“, sagte er.', 'Putin schwieg.'];
    expectFlags(paragraphs, cleanParagraphs(paragraphs, {}), {});
  });

  it('flags short labels and bylines only above or below the running text', () => {
    const paragraphs = ['Politik', 'Von Anna Müller', ...BODY, 'Door Jan de Vries', 'Mehr'];
    expectFlags(paragraphs, cleanParagraphs(paragraphs, {}), {
      Politik: 'navigation',
      'Von Anna Müller': 'byline',
      'Door Jan de Vries': 'byline',
      Mehr: 'navigation',
    });
    // "Hintergrund" inside the body is a subheading and stays
    expect(cleanParagraphs(paragraphs, {}).find((p) => p.text === 'Hintergrund')?.dropped).toBe(false);
  });

  it('keeps a headline of three or more words on the first line, right above the text', () => {
    for (const headline of ['Lichtblick für den Handel', 'Talks resume in Geneva']) {
      expectFlags([headline, ...BODY], cleanParagraphs([headline, ...BODY], {}), {});
    }
    expectFlags(['Ausland', ...BODY], cleanParagraphs(['Ausland', ...BODY], {}), { Ausland: 'navigation' });
  });

  it('judges a page scraped into one line sentence by sentence: the consent notice goes, the article stays', () => {
    const notice =
      'Wir verwenden Cookies, um unsere Website für Sie zu verbessern. Dafür arbeiten wir mit ausgewählten Partnern zusammen. ' +
      'Diese erhalten Informationen über Ihre Nutzung unserer Seiten. Mit „Akzeptieren“ stimmen Sie der Verarbeitung Ihrer ' +
      'persönlichen Daten zu, Ihre Einwilligung können Sie jederzeit widerrufen.';
    const article =
      'Der Stadtrat von Kiel hat am Donnerstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen. ' +
      'Er sieht Ausgaben von rund 1,4 Milliarden Euro vor, etwa sechs Prozent mehr als im laufenden Jahr. ' +
      'Den größten Posten bilden Schulen und Kitas, für die allein 310 Millionen Euro eingeplant sind. ' +
      'Die Opposition kritisierte die neuen Schulden und stimmte geschlossen dagegen. ' +
      'Der Oberbürgermeister verteidigte den Plan als notwendig für die wachsende Stadt.';
    const paragraphs = ['Kiel beschließt Haushalt für 2025', `${notice} ${article}`];
    expect(cleanParagraphs(paragraphs, {})).toEqual([
      { text: 'Kiel beschließt Haushalt für 2025', dropped: false },
      { text: notice, dropped: true, reason: 'cookie_notice' },
      { text: article, dropped: false },
    ]);
  });

  it('flags every repetition of a known (HTML) title, with or without the site name', () => {
    const paragraphs = ['Lawrow in Pjöngjang eingetroffen', ...BODY, 'LAWROW IN PJÖNGJANG EINGETROFFEN.'];
    const result = cleanParagraphs(paragraphs, { title: 'Lawrow in Pjöngjang eingetroffen | Weltnachrichten' });
    expectFlags(paragraphs, result, {
      'Lawrow in Pjöngjang eingetroffen': 'repeated_title',
      'LAWROW IN PJÖNGJANG EINGETROFFEN.': 'repeated_title',
    });
  });

  it('does not take repeated body paragraphs for a title', () => {
    const para = 'Moskau und Peking erklärten im Februar 2022 eine grenzenlose Partnerschaft.';
    const paragraphs = [para, para, ...BODY, para];
    expectFlags(paragraphs, cleanParagraphs(paragraphs, {}), {});
  });

  it('flags whitespace-only and symbol-only paragraphs as empty without removing them', () => {
    const paragraphs = [BODY[0]!, '   ', '* * *', BODY[1]!];
    expectFlags(paragraphs, cleanParagraphs(paragraphs, {}), { '   ': 'empty', '* * *': 'empty' });
  });
});
