// Writers of the bilingual form (see bilingual.ts): like formats.ts, string producers of a header,
// one chunk per unit and a footer, with no timestamps, so equal filters give equal bytes. Every
// unit holds exactly two texts, source and target; metadata travels beside them in full (titles
// and every other prop are never shortened).
import type { ExportFormat } from '../common/index.ts';
import type { BilingualSide, BilingualUnit } from './bilingual.ts';
import { escapeTsv, revisionLine, TOOL_NAME, TOOL_VERSION, type ExportHeader } from './formats.ts';
import { XmlEscaper } from './xml.ts';

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
class TmxWriter implements BilingualWriter {
  private readonly x = new XmlEscaper();

  constructor(private readonly h: BilingualHeader) {}

  get dropped() {
    return this.x.dropped;
  }

  private prop(type: string, value: string | number | null | undefined, indent: string): string {
    if (value === null || value === undefined || value === '') return '';
    return `${indent}<prop type="${type}">${this.x.text(String(value))}</prop>\n`;
  }

  header(): string {
    const srclang = this.h.langs.length === 1 ? this.h.langs[0]! : '*all*';
    let out = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n';
    out += `  <header creationtool="${TOOL_NAME}" creationtoolversion="${TOOL_VERSION}" segtype="sentence" o-tmf="${TOOL_NAME}" adminlang="en" srclang="${this.x.attr(srclang)}" datatype="plaintext">\n`;
    if (this.h.pairs.length) out += this.prop('x-pairs', this.h.pairs.join(' '), '    ');
    for (const [k, v] of Object.entries(this.h.filters)) out += this.prop(`x-filter-${k}`, v, '    ');
    return `${out}  </header>\n  <body>\n`;
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

  footer(): string {
    return '  </body>\n</tmx>\n';
  }
}

/** The bilingual TSV columns: the two texts first, as a CAT tool's tab-separated import expects. */
export const BILINGUAL_TSV_COLUMNS = [
  'source', 'target', 'source_lang', 'target_lang', 'status', 'score', 'target_origin', 'target_models', 'target_provenance',
  'source_document', 'source_title', 'source_date', 'source_sentences', 'target_document', 'target_title', 'target_date', 'target_sentences',
  'alignment', 'bead', 'mode', 'kind', 'source_revisions', 'source_original', 'target_revisions', 'target_original',
] as const;

const revisionCells = (s: BilingualSide): [string | null, string | null] =>
  !s.revisions.length ? [null, null] : [s.revisions.map(revisionLine).join('; '), [...new Set(s.revisions.map((r) => r.original))].join(' ')];

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
      u.alignment, u.bead, u.mode, u.kind, ...revisionCells(s), ...revisionCells(t),
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

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

/** Review status as an XLIFF 2 segment state (see xliffState in formats.ts: the same rule). */
function state(u: BilingualUnit): 'initial' | 'translated' | 'reviewed' | 'final' {
  if (u.status === 'accepted') return 'final';
  if (u.status === 'rejected') return 'initial';
  return (u.target.origin ?? '').split('+').includes('human') ? 'reviewed' : 'translated';
}

/** XLIFF 2.1 with srcLang and trgLang of the one pair; one <file> per source document. */
class XliffWriter implements BilingualWriter {
  private readonly x = new XmlEscaper();
  private current: number | null = null;
  private readonly seen = new Set<number>();
  private readonly src: string;
  private readonly trg: string;

  constructor(private readonly h: BilingualHeader) {
    if (h.pairs.length > 1) throw new Error(`XLIFF carries one language pair per file; these units are ${h.pairs.join(', ')}: choose one pair`);
    [this.src, this.trg] = (h.pairs[0] ?? 'und-en').split('-') as [string, string];
  }

  get dropped() {
    return this.x.dropped;
  }

  private meta(type: string, value: string | number | null | undefined, indent: string): string {
    if (value === null || value === undefined || value === '') return '';
    return `${indent}<mda:meta type="${type}">${this.x.text(String(value))}</mda:meta>\n`;
  }

  private group(category: string, s: BilingualSide, appliesTo: string, indent: string): string {
    const i = `${indent}  `;
    return `${indent}<mda:metaGroup category="${category}" appliesTo="${appliesTo}">\n`
      + this.meta('document', s.document, i) + this.meta('title', s.title, i) + this.meta('date', s.date, i) + this.meta('sentences', list(s.sentences), i)
      + this.meta('origin', s.origin, i) + this.meta('model', s.models.join(' '), i) + this.meta('provenance', s.provenance.join(' '), i)
      + `${indent}</mda:metaGroup>\n`;
  }

  header(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF_NS}" xmlns:mda="${MDA_NS}" version="2.1" srcLang="${this.x.attr(this.src)}" trgLang="${this.x.attr(this.trg)}">\n`;
  }

  private openFile(s: BilingualSide): string {
    const i = '        ';
    return `  <file id="d${s.document}">\n    <mda:metadata>\n      <mda:metaGroup category="document">\n`
      + this.meta('document', s.document, i) + this.meta('lang', s.lang, i) + this.meta('title', s.title, i) + this.meta('date', s.date, i)
      + Object.entries(this.h.filters).map(([k, v]) => this.meta(`filter-${k}`, v, i)).join('')
      + '      </mda:metaGroup>\n    </mda:metadata>\n';
  }

  unit(u: BilingualUnit): string {
    let out = '';
    if (u.source.document !== this.current) {
      if (this.seen.has(u.source.document)) throw new Error(`XLIFF export: units of document ${u.source.document} are not contiguous`);
      if (this.current !== null) out += '  </file>\n';
      out += this.openFile(u.source);
      this.current = u.source.document;
      this.seen.add(u.source.document);
    }
    const i = '          ';
    out += `    <unit id="a${u.alignment}-b${u.bead}">\n      <mda:metadata>\n        <mda:metaGroup category="pair">\n`
      + this.meta('alignment', u.alignment, i) + this.meta('bead', u.bead, i) + this.meta('mode', u.mode, i) + this.meta('status', u.status, i)
      + this.meta('score', u.score, i) + this.meta('kind', u.kind, i)
      + '        </mda:metaGroup>\n'
      + this.group('source', u.source, 'source', '        ') + this.group('target', u.target, 'target', '        ')
      + '      </mda:metadata>\n' + this.notes(u)
      + `      <segment state="${state(u)}" subState="tandem:${u.status}">\n`
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

  footer(): string {
    if (this.current !== null) return '  </file>\n</xliff>\n';
    return '  <file id="empty">\n    <unit id="none">\n      <notes>\n        <note category="tandem">No pairs matched the export filters.</note>\n      </notes>\n'
      + '      <segment state="initial">\n        <source></source>\n      </segment>\n    </unit>\n  </file>\n</xliff>\n';
  }
}
