// The articles the format tests ingest: a two-page German PDF and a Dutch Word document, made
// with the generators in documents.ts.
import { makeDocx, makePdf, type PdfLine } from './documents.ts';

/** Lines from the top of an A4 page down, 14 pt apart; '' leaves an empty line (a paragraph gap). */
export function column(texts: string[], top = 760): PdfLine[] {
  const lines: PdfLine[] = [];
  texts.forEach((text, i) => {
    if (text) lines.push({ text, y: top - 14 * i });
  });
  return lines;
}

const running = (page: number): PdfLine[] => [
  { text: 'Weltnachrichten  Politik', y: 810, size: 9 },
  { text: `Seite ${page} von 2`, y: 40, size: 9 },
];

export const GERMAN_PDF = makePdf(
  [
    {
      lines: [
        ...running(1),
        { text: 'Lawrow besucht Pjöngjang', y: 780, size: 16 },
        ...column(
          [
            'Der russische Außenminister Sergej Lawrow ist am Mittwoch zu einem zweitägigen',
            'Besuch in Nordkorea eingetroffen. Nordkoreanische Medien sprachen von einer wichti-',
            'gen Gelegenheit für die Beziehungen der beiden Länder.',
            '',
            'Bei einem Empfang am Abend sagte Lawrow, Russland schätze die Unterstützung',
            'Nordkoreas sehr. Die Zusammenarbeit in Nordrhein-',
            'Westfalen spielte dabei keine Rolle, und über Ost- und Westeuropa sprach er nur',
            'kurz. Die Beziehungen beider Staaten hätten eine neue Ebene erreicht, und die',
          ],
          750,
        ),
      ],
    },
    {
      lines: [
        ...running(2),
        ...column(
          [
            'Gespräche über die Wirtschaft würden fortgesetzt, sagte er.',
            '',
            'Kremlsprecher Dmitri Peskow erklärte, der Termin für den Besuch des Präsidenten',
            'sei noch nicht festgelegt worden. Über Einzelheiten werde später berichtet.',
          ],
          780,
        ),
      ],
    },
  ],
  { title: 'Lawrow besucht Pjöngjang' },
);

export const DUTCH_DOCX = makeDocx([
  { text: 'Poetin ontvangt Xi in Moskou', style: 'Heading1' },
  { text: 'De Chinese president Xi Jinping is maandag aangekomen in Moskou voor een driedaags staatsbezoek. Het is zijn eerste reis naar het buitenland sinds de herverkiezing.' },
  { text: 'Volgens het Kremlin zullen beide leiders spreken over de economische samenwerking en de oorlog in Oekraïne. Westerse regeringen volgen het bezoek met argwaan.' },
  { text: 'Een woordvoerder in Peking zei dat China een neutrale positie inneemt. Dat wordt in Brussel betwijfeld.' },
]);
