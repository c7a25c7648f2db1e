// What the two XLIFF 2.1 writers (all sides in formats.ts, bilingual in bilingual-formats.ts)
// share: the escaper, mda:meta lines, the <xliff> start, one <file> per source document (whose
// units must come contiguously), the segment state and the footer with its placeholder unit.
import type { ExportHeader } from './formats.ts';
import { XmlEscaper } from './xml.ts';

const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

export type MetaValue = string | number | null | undefined;

/** The document a <file> stands for. */
export interface FileDocument {
  document: number;
  lang: string;
  title: string | null;
  date: string | null;
}

/**
 * Review status as an XLIFF 2 segment state (initial, translated, reviewed, final), with the
 * exact Tandem status kept in subState:
 * - accepted: final (the analyst approved the pair: ready for use);
 * - pending with a human post-edit: reviewed (a person worked on it but has not signed it off);
 * - pending: translated (a target exists, from a model, a memory or an English document);
 * - rejected: initial (the target is not an acceptable translation of the source).
 */
export function segmentState(status: string, targetOrigin: string): 'initial' | 'translated' | 'reviewed' | 'final' {
  if (status === 'accepted') return 'final';
  if (status === 'rejected') return 'initial';
  return targetOrigin.split('+').includes('human') ? 'reviewed' : 'translated';
}

/** XLIFF 2.1 (core namespace urn:oasis:names:tc:xliff:document:2.0, version="2.1"), metadata through the Metadata module. */
export abstract class XliffBase {
  protected readonly x = new XmlEscaper();
  private current: number | null = null;
  private readonly seen = new Set<number>();

  /** `units` names what the writer writes ("pairs", "units") in its contiguity error. */
  constructor(protected readonly h: ExportHeader, private readonly units: string) {}

  get dropped() {
    return this.x.dropped;
  }

  /** An mda:meta line, or nothing for an empty value. */
  protected meta(type: string, value: MetaValue, indent: string): string {
    if (value === null || value === undefined || value === '') return '';
    return `${indent}<mda:meta type="${type}">${this.x.text(String(value))}</mda:meta>\n`;
  }

  protected start(srcLang: string, trgLang: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF_NS}" xmlns:mda="${MDA_NS}" version="2.1" srcLang="${this.x.attr(srcLang)}" trgLang="${this.x.attr(trgLang)}">\n`;
  }

  /** Closes the open <file> and opens the one of `s` when the unit starts a new document; '' otherwise. */
  protected enterDocument(s: FileDocument): string {
    if (s.document === this.current) return '';
    if (this.seen.has(s.document)) throw new Error(`XLIFF export: ${this.units} of document ${s.document} are not contiguous`);
    const close = this.current !== null ? '  </file>\n' : '';
    this.current = s.document;
    this.seen.add(s.document);
    const i = '        ';
    return `${close}  <file id="d${s.document}">\n    <mda:metadata>\n      <mda:metaGroup category="document">\n`
      + this.meta('document', s.document, i) + this.meta('lang', s.lang, i) + this.meta('title', s.title, i) + this.meta('date', s.date, i)
      + Object.entries(this.h.filters).map(([k, v]) => this.meta(`filter-${k}`, v, i)).join('')
      + '      </mda:metaGroup>\n    </mda:metadata>\n';
  }

  footer(): string {
    if (this.current !== null) return '  </file>\n</xliff>\n';
    // XLIFF requires at least one <file> with at least one <unit> holding a <segment>: an export
    // with no pairs is a placeholder unit with an empty source and a note saying why.
    return '  <file id="empty">\n    <unit id="none">\n      <notes>\n        <note category="tandem">No pairs matched the export filters.</note>\n      </notes>\n'
      + '      <segment state="initial">\n        <source></source>\n      </segment>\n    </unit>\n  </file>\n</xliff>\n';
  }
}
