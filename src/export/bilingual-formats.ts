// Writers of the bilingual form (see bilingual.ts): like formats.ts, string producers of a header,
// one chunk per unit and a footer, with no timestamps, so equal filters give equal bytes. Every
// unit holds exactly two texts, source and target; metadata travels beside them in full (titles
// and every other prop are never shortened).
import type { ExportFormat } from '../common/index.ts';
import type { BilingualSide, BilingualUnit } from './bilingual.ts';
import { escapeTsv, revisionLine, tsvRevisions, type ExportHeader } from './formats.ts';
import { TmxBase } from './tmx-base.ts';
import { segmentState, XliffBase } from './xliff-base.ts';

export interface BilingualHeader extends ExportHeader {
  /** The language pairs of the units ("de-nl"), sorted. */
  pairs: string[];
}

export interface BilingualWriter {
  header(): string;
  unit(u: BilingualUnit): string;
  footer(): string;
  readonly dropped: number;
}

export function createBilingualWriter(format: ExportFormat, header: BilingualHeader): BilingualWriter {
  switch (format) {
    case 'tmx': return new TmxWriter(header);
    case 'tsv': return new TsvWriter();
    case 'jsonl': return new JsonlWriter();
    case 'xliff': return new XliffWriter(header);
  }
}

const list = (xs: number[]) => xs.join(',');

/** TMX 1.4b: one <tu> per unit with exactly two <tuv>, source first; metadata in x- props. */
class TmxWriter extends TmxBase implements BilingualWriter {
  private readonly pairs: string[];

  constructor(h: BilingualHeader) {
    super(h);
    this.pairs = h.pairs;
  }

  protected override headerProps(): string {
    return this.pairs.length ? this.prop('x-pairs', this.pairs.join(' '), '    ') : '';
  }

  private tuv(s: BilingualSide): string {
    const i = '        ';
    const revisions = s.revisions.map((r) => this.prop('x-revision', revisionLine(r), i) + this.prop('x-original', r.original, i)).join('');
    return `      <tuv xml:lang="${this.x.attr(s.lang)}">\n`
      + this.prop('x-document', s.document, i) + this.prop('x-title', s.title, i) + this.prop('x-date', s.date, i) + this.prop('x-sentences', list(s.sentences), i)
      + this.prop('x-origin', s.origin, i) + this.prop('x-model', s.models.join(' '), i) + this.prop('x-provenance', s.provenance.join(' '), i)
      + `${revisions}        <seg>${this.x.text(s.text)}</seg>\n      </tuv>\n`;
  }

  unit(u: BilingualUnit): string {
    const i = '      ';
    return `    <tu tuid="a${u.alignment}-b${u.bead}" srclang="${this.x.attr(u.source.lang)}">\n`
      + this.prop('x-alignment', u.alignment, i) + this.prop('x-bead', u.bead, i) + this.prop('x-mode', u.mode, i)
      + this.prop('x-status', u.status, i) + this.prop('x-score', u.score, i) + this.prop('x-kind', u.kind, i)
      + this.tuv(u.source) + this.tuv(u.target) + '    </tu>\n';
  }
}

/** The bilingual TSV columns: the two texts first, as a CAT tool's tab-separated import expects. */
export const BILINGUAL_TSV_COLUMNS = [
  'source', 'target', 'source_lang', 'target_lang', 'status', 'score', 'target_origin', 'target_models', 'target_provenance',
  'source_document', 'source_title', 'source_date', 'source_sentences', 'target_document', 'target_title', 'target_date', 'target_sentences',
  'alignment', 'bead', 'mode', 'kind', 'source_revisions', 'source_original', 'target_revisions', 'target_original',
] as const;

class TsvWriter implements BilingualWriter {
  readonly dropped = 0;

  header(): string {
    return `${BILINGUAL_TSV_COLUMNS.join('\t')}\n`;
  }

  unit(u: BilingualUnit): string {
    const s = u.source;
    const t = u.target;
    const cells: (string | number | null)[] = [
      s.text, t.text, s.lang, t.lang, u.status, u.score, t.origin, t.models.join(' '), t.provenance.join(' '),
      s.document, s.title, s.date, list(s.sentences), t.document, t.title, t.date, list(t.sentences),
      u.alignment, u.bead, u.mode, u.kind, ...tsvRevisions(s), ...tsvRevisions(t),
    ];
    return `${cells.map((c) => (c === null ? '' : escapeTsv(String(c)))).join('\t')}\n`;
  }

  footer(): string {
    return '';
  }
}

class JsonlWriter implements BilingualWriter {
  readonly dropped = 0;

  header(): string {
    return '';
  }

  unit(u: BilingualUnit): string {
    // A fixed key order, so the bytes never depend on how the object was assembled.
    const side = (s: BilingualSide) => ({
      lang: s.lang, text: s.text, document: s.document, title: s.title, date: s.date, sentences: s.sentences,
      origin: s.origin, models: s.models, provenance: s.provenance,
      revisions: s.revisions.map((r) => ({ sentence: r.sentence, kind: r.kind, original: r.original, by: r.by, at: r.at, why: r.why })),
    });
    return `${JSON.stringify({ alignment: u.alignment, bead: u.bead, mode: u.mode, status: u.status, score: u.score, kind: u.kind, source: side(u.source), target: side(u.target) })}\n`;
  }

  footer(): string {
    return '';
  }
}

/** XLIFF 2.1 with srcLang and trgLang of the one pair; one <file> per source document. */
class XliffWriter extends XliffBase implements BilingualWriter {
  private readonly src: string;
  private readonly trg: string;

  constructor(h: BilingualHeader) {
    if (h.pairs.length > 1) throw new Error(`XLIFF carries one language pair per file; these units are ${h.pairs.join(', ')}: choose one pair`);
    super(h, 'units');
    [this.src, this.trg] = (h.pairs[0] ?? 'und-en').split('-') as [string, string];
  }

  private group(category: string, s: BilingualSide, appliesTo: string, indent: string): string {
    const i = `${indent}  `;
    return `${indent}<mda:metaGroup category="${category}" appliesTo="${appliesTo}">\n`
      + this.meta('document', s.document, i) + this.meta('title', s.title, i) + this.meta('date', s.date, i) + this.meta('sentences', list(s.sentences), i)
      + this.meta('origin', s.origin, i) + this.meta('model', s.models.join(' '), i) + this.meta('provenance', s.provenance.join(' '), i)
      + `${indent}</mda:metaGroup>\n`;
  }

  header(): string {
    return this.start(this.src, this.trg);
  }

  unit(u: BilingualUnit): string {
    let out = this.enterDocument(u.source);
    const i = '          ';
    out += `    <unit id="a${u.alignment}-b${u.bead}">\n      <mda:metadata>\n        <mda:metaGroup category="pair">\n`
      + this.meta('alignment', u.alignment, i) + this.meta('bead', u.bead, i) + this.meta('mode', u.mode, i) + this.meta('status', u.status, i)
      + this.meta('score', u.score, i) + this.meta('kind', u.kind, i)
      + '        </mda:metaGroup>\n'
      + this.group('source', u.source, 'source', '        ') + this.group('target', u.target, 'target', '        ')
      + '      </mda:metadata>\n' + this.notes(u)
      + `      <segment state="${segmentState(u.status, u.target.origin ?? '')}" subState="tandem:${u.status}">\n`
      + `        <source>${this.x.xliffInline(u.source.text)}</source>\n`
      + `        <target>${this.x.xliffInline(u.target.text)}</target>\n`
      + '      </segment>\n    </unit>\n';
    return out;
  }

  private notes(u: BilingualUnit): string {
    const sides = [['source', u.source], ['target', u.target]] as const;
    const notes = sides.flatMap(([name, s]) => s.revisions.map((r) =>
      `        <note category="tandem:${name}-${r.kind}" appliesTo="${name}">Sentence ${r.sentence} ${r.kind === 'edit' ? 'edited' : 'split'} (${this.x.text(revisionLine(r))}); ingested text: ${this.x.text(r.original)}</note>\n`));
    return notes.length ? `      <notes>\n${notes.join('')}      </notes>\n` : '';
  }
}
