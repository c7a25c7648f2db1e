// The tag on a sentence's English (MODEL, MEMORY, HUMAN, DOCUMENT): the same names, colours and
// tooltips in every view, from src/common/names.ts. A memory fitted across sentences says how.
import { ENGLISH_SOURCE_HINTS, ENGLISH_SOURCE_NAMES, memoryFitNote } from '../../../src/common/names.ts';
import type { EnglishSource } from '../../../src/common/values.ts';

export function OriginTag({ source, provenance, machine }: { source: EnglishSource | null; provenance?: string | null; machine?: string | null }) {
  if (!source) return null;
  const note = source === 'imported' ? memoryFitNote(provenance ?? null) : null;
  const title = [ENGLISH_SOURCE_HINTS[source], provenance && source !== 'human' ? provenance : null, machine ? `machine: ${machine}` : null].filter(Boolean).join('; ');
  return (
    <>
      <span className={`origin origin-${source}`} data-testid="origin" data-origin={source} title={title}>{ENGLISH_SOURCE_NAMES[source]}</span>
      {note && <span className="origin-note small muted" data-testid="origin-note">{note}</span>}
    </>
  );
}
