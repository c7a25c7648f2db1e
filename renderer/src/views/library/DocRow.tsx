// One row of the Library: number (and a check mark when selected), title and file, language (the
// detected one for an unsupported document), date, sentences, translation progress, when it was
// added, and the translation status in the analyst's words.
import { documentStatus, documentStatusLabel, translatedSentences } from '../../../../src/common/document-status.ts';
import { ProgressBar } from '../../components/Progress.tsx';
import { percent } from '../../format.ts';
import { docLang, docLangName, type Doc } from './docStatus.ts';

const BADGE = { translated: ' badge-done', unsupported: ' badge-warn', english: ' badge-original', partial: ' badge-partial', untranslated: '' } as const;

export function DocRow({ d, selected }: { d: Doc; selected: boolean }) {
  const status = documentStatus(d);
  const done = translatedSentences(d);
  const lang = docLang(d);
  return (
    <>
      <span className="muted num-left">
        <span className={`select-mark${selected ? ' on' : ''}`} aria-hidden="true">{selected ? '✓' : ''}</span>
        {d.id}
      </span>
      <span className="cell-title">
        <span className="title" title={d.title ?? d.fileName}>{d.title ?? d.fileName}</span>
        <span className="sub" title={d.path}>{d.fileName}</span>
      </span>
      <span className="cell-lang" data-testid="doc-lang" data-lang={d.lang ?? ''} data-detected={d.detectedLang ?? ''}>
        <span className={`lang-code${d.lang ? '' : ' lang-code-muted'}`}>{lang ?? '??'}</span>
        <span className="sub">
          {docLangName(d)}
          {status === 'unsupported' ? ' · detected' : ` · ${percent(d.langConfidence)}`}
        </span>
      </span>
      <span className="tabular">{d.published ?? <span className="muted">no date</span>}</span>
      <span className="num tabular">{d.sentenceCount}</span>
      <span className="cell-progress">
        {status === 'unsupported' ? (
          <span className="muted">not translatable</span>
        ) : status === 'english' ? (
          <span className="muted">not needed</span>
        ) : (
          <>
            <ProgressBar done={done} total={d.sentenceCount} label={`Translated sentences of ${d.title ?? d.fileName}`} />
            <span className="tabular small" data-testid="doc-translated">
              {done}/{d.sentenceCount}
            </span>
          </>
        )}
      </span>
      <span className="tabular small muted" title={d.createdAt}>{d.createdAt.slice(0, 10)}</span>
      <span data-testid="doc-status" data-status={status}>
        <span
          className={`badge${BADGE[status]}`}
          title={status === 'unsupported' ? `Looks like ${docLangName(d)}; Tandem translates German, Icelandic and Dutch` : undefined}
        >
          {documentStatusLabel(d)}
        </span>
      </span>
    </>
  );
}
