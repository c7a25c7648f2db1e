// Stage 3 of ingest: plain text -> paragraphs, and boilerplate flagging.
//
// cleanParagraphs never removes anything: every input paragraph comes back, in order, either kept
// or flagged `dropped` with a reason, so the analyst can restore a wrong call. A run-on paragraph
// (a whole page scraped into one line) may come back in parts: its boilerplate sentences flagged,
// the text between them kept (see runon.ts). Rules are general patterns for German, Dutch,
// Icelandic and English pages (share prompts, read-more links, ads, comment counters, datelines,
// bylines, photo captions...), plus positional rules for the short labels found above the first
// and below the last paragraph of real text. Repeated body paragraphs are NOT boilerplate (a later
// stage finds repeated passages); only a repeated title is.
import { sentencePieces, splitRepeatedHead } from './runon.ts';

export type BoilerplateReason =
  | 'read_more'
  | 'source_link'
  | 'advertisement'
  | 'comments'
  | 'share_prompt'
  | 'cookie_notice'
  | 'repeated_title'
  | 'dateline'
  | 'site_tagline'
  | 'photo_credit'
  | 'photo_caption'
  | 'byline'
  | 'copyright'
  | 'navigation'
  | 'empty';

export type CleanedParagraph =
  | { text: string; dropped: false }
  | { text: string; dropped: true; reason: BoilerplateReason };

// ---------------------------------------------------------------------------------------------
// Plain-text paragraph splitting

const BULLET = /^(?:[-*•·▪◦‣–—]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)/u;
const SENTENCE_END = /[.!?…]["'”“»«’)\]]*$/u;
/** Words a hyphenated line break must not swallow ("Ost-\nund West"). */
const NO_DEHYPHENATE = /^(?:und|oder|bis|sowie|bzw|en|of|tot|og|eða|and|or|to)\b/u;

/**
 * Splits plain text into paragraphs. Paragraphs are separated by blank lines; when the text has no
 * blank line at all, every non-empty line is a paragraph (unless the text is evidently hard-wrapped
 * prose). Inside a blank-line-separated block, single line breaks are soft wraps and are joined
 * with a space, unless the lines look like separate items (bullets, short lines, full-length lines).
 */
export function splitParagraphs(text: string): string[] {
  const out = splitBlocks(text);
  // A headline printed twice in front of a one-line article: give the copy a paragraph of its own.
  if (out.length > 0) out.splice(0, 1, ...splitRepeatedHead(out[0]!));
  return out;
}

function splitBlocks(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return [];
  const blocks = normalized.split(/\n[ \t\u00a0]*\n\s*/);
  const out: string[] = [];
  if (blocks.length === 1) {
    const lines = splitLines(normalized);
    if (looksHardWrapped(lines)) out.push(...joinBlock(lines));
    else out.push(...lines);
  } else {
    for (const block of blocks) out.push(...joinBlock(splitLines(block)));
  }
  return out.filter((p) => p.length > 0);
}

function splitLines(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Many mid-sentence breaks in short lines: prose wrapped at a fixed width. */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 3) return false;
  const maxLen = Math.max(...lines.map((l) => l.length));
  if (maxLen > 120) return false;
  let continuations = 0;
  for (let i = 1; i < lines.length; i++) {
    if (/^\p{Ll}/u.test(lines[i]!) && !SENTENCE_END.test(lines[i - 1]!)) continuations++;
  }
  return continuations / (lines.length - 1) >= 0.3;
}

function joinBlock(lines: string[]): string[] {
  if (lines.length <= 1) return lines;
  const maxLen = Math.max(...lines.map((l) => l.length));
  // Only short lines (an address, a list of names): keep them apart.
  if (maxLen <= 50) return lines;
  const out: string[] = [];
  let current = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const next = lines[i]!;
    const hardBreak =
      BULLET.test(next) ||
      prev.length > 150 || // nobody wraps this wide: each line is a paragraph
      (SENTENCE_END.test(prev) && prev.length < 0.6 * maxLen) || // short last line of a paragraph
      (!SENTENCE_END.test(prev) && prev.length < 0.5 * maxLen && /^\p{Lu}/u.test(next)); // a heading
    if (hardBreak) {
      out.push(current);
      current = next;
    } else if (/\p{Ll}-$/u.test(prev) && /^\p{Ll}/u.test(next) && !NO_DEHYPHENATE.test(next)) {
      current = current.slice(0, -1) + next; // "Außen-\nminister"
    } else {
      current += ' ' + next;
    }
  }
  out.push(current);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const AGENCIES =
  'dpa|afp|ap|reuters|anp|belga|apa|sda|epd|kna|ddp|efe|ansa|tass|ria|ria novosti|interfax|xinhua|kcna|yonhap|bloomberg|upi|ntb|tt|ritzau|rúv|mbl|sputnik|kyodo|sid|afp/sid';

const MONTHS = [
  // de
  'januar', 'jänner', 'februar', 'feber', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember',
  // nl
  'januari', 'februari', 'maart', 'mei', 'augustus', 'december',
  // is
  'janúar', 'febrúar', 'mars', 'apríl', 'maí', 'júní', 'júlí', 'ágúst', 'október', 'nóvember', 'desember',
  // en
  'january', 'february', 'march', 'may', 'june', 'july', 'october',
  // abbreviations
  'jan', 'feb', 'mär', 'mrz', 'mrt', 'mar', 'apr', 'jun', 'jún', 'jul', 'júl', 'aug', 'ágú', 'sep', 'sept', 'okt', 'oct', 'nov', 'nóv', 'dez', 'dec', 'des',
];
const WEEKDAYS = [
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'mánudagur', 'þriðjudagur', 'miðvikudagur', 'fimmtudagur', 'föstudagur', 'laugardagur', 'sunnudagur',
  'mánudaginn', 'þriðjudaginn', 'miðvikudaginn', 'fimmtudaginn', 'föstudaginn', 'laugardaginn', 'sunnudaginn',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];
const alt = (words: readonly string[]): string => [...new Set(words)].sort((a, b) => b.length - a.length).join('|');

const MONTH = `(?:${alt(MONTHS)})\\.?`;
const WEEKDAY = `(?:${alt(WEEKDAYS)})`;
const DATE_CORE =
  `(?:\\d{1,2}\\.?\\s*${MONTH}(?:,?\\s*\\d{4})?` + // 19. mars 2021, 23 november 2024, 18. Oktober
  `|${MONTH}\\s*\\d{1,2}(?:st|nd|rd|th|\\.)?,?\\s*\\d{4}` + // november 23, 2024
  `|\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?` + // 2024-11-23
  `|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})`; // 23.11.2024, 23/11/24
const TIME = `(?:\\s*[,|·–-]?\\s*(?:um|at|om|kl\\.?|klukkan)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*(?:uhr|uur|h|am|pm|a\\.m\\.|p\\.m\\.|mez|mesz|cet|cest|utc|gmt|edt|est|et))?)?`;
const DATE_LABEL =
  '(?:zuletzt aktualisiert|aktualisiert|veröffentlicht|publiziert|erschienen|erstellt|stand|datum' +
  '|laatst bijgewerkt|laatste update|bijgewerkt|gepubliceerd|geplaatst' +
  '|last updated|updated|published|posted|date|dated' +
  '|birtingartími|birtingardagur|síðast uppfært|uppfært|birtist|birt|dagsetning)' +
  '(?:\\s+(?:am|on|op|um|at|kl\\.?))?\\s*:?\\s*';
const DATELINE = new RegExp(`^(?:${DATE_LABEL})?(?:${WEEKDAY},?\\s*(?:den\\s+)?)?${DATE_CORE}${TIME}\\.?$`, 'iu');

const AD_WORDS =
  'anzeige|werbung|advertentie|advertenties|advertisement|advertising|advertorial|ads?|sponsored(?: content)?|gesponsord|gesponsorde inhoud|auglýsing|auglýsingar|kostuð umfjöllun|reklame|promotion|promoted|partner content|paid content|paid post';
const AD_LABEL = new RegExp(`^[\\[(]?\\s*(?:${AD_WORDS})(?:[\\s_#:-]*\\d+)?\\s*[\\])]?\\s*:?$`, 'iu');
const AD_WORD = new RegExp(`(?:^|[^\\p{L}])(?:${AD_WORDS})(?:[^\\p{L}]|$)`, 'iu');
const AD_CONTINUE = /(?:weiter|fortgesetzt|fortsetzung|continues?|scroll|verder|heldur áfram)/iu;

const COMMENT_COUNT =
  /^(?:\d+\s*)?(?:kommentare?|leserkommentare|comments?|reacties?|athugasemd(?:ir)?|ummæli)\s*(?:\(\s*\d+\s*\)|\d+)?\s*:?$/iu;
const COMMENT_PROMPT = new RegExp(
  '^(?:(?:einen |ihren )?kommentar (?:schreiben|verfassen|abgeben|hinzufügen)|schreiben sie (?:einen|ihren) kommentar|jetzt kommentieren|kommentieren' +
    '|kommentare (?:anzeigen|lesen|einblenden|ausblenden|geschlossen)|diskutieren sie mit' +
    '|(?:leave|add|post|write|view|show|read|hide|load) (?:a |your |all |the |more )?(?:\\d+ )?comments?|comments? (?:are )?closed|join the (?:conversation|discussion)' +
    '|(?:plaats|schrijf|geef|bekijk|lees|toon) (?:een |je |uw |alle |de )?(?:\\d+ )?(?:reactie|reacties)|reageer(?: op dit artikel)?|reageren is (?:niet )?(?:meer )?mogelijk' +
    '|skrifa(?:ðu)? athugasemd|(?:sjá|skoða|birta) (?:\\d+ )?athugasemd(?:ir)?)(?:[\\s:.!]|$)',
  'iu',
);

const COOKIE = /(?:^|[^\p{L}])(?:cookies?|cookie-\p{L}+|vafrakök\p{L}*)/iu;
const COOKIE_FIRST_PERSON =
  /(?:^|[^\p{L}])(?:wir|we|wij|við|diese (?:website|seite)|this (?:website|site)|deze (?:website|site)|our (?:website|site)|unsere (?:website|seite)|onze (?:website|site)|þessi vefur)(?:[^\p{L}]|$)/iu;
const COOKIE_ACTION =
  /(?:akzeptieren|accept|accepteren|aanvaarden|samþykkja|samþykki|einstellungen|settings|instellingen|stillingar|ablehnen|reject|weigeren|hafna|zustimmen|agree|akkoord|allow|erlauben|toestaan|verwenden|nutzen|use|gebruiken|gebruik|notar|notum)/iu;

const SHARE_VERBS = 'teilen|share|sharen|delen|deel|deila|deildu|tweet|tweeten|twittern|weiterempfehlen|mailen|e-mailen';
const SOCIAL =
  'facebook|twitter|x|whatsapp|telegram|linkedin|xing|reddit|pinterest|threads|bluesky|mastodon|e-mail|email|mail|messenger|flipboard|vk|instagram|tiktok';
const SHARE_FILLER =
  'on|op|auf|á|via|per|in|this|dit|diesen|deze|dieses|artikel|article|story|page|seite|pagina|frétt|fréttina|link|copy|kopieren|kopiëren|afrita|hlekk|jetzt|nu|now|bericht|beitrag';
const SHARE_TOKEN = new RegExp(`^(?:${SHARE_VERBS}|${SOCIAL}|${SHARE_FILLER})$`, 'iu');
const SHARE_CORE = new RegExp(`^(?:${SHARE_VERBS}|${SOCIAL})$`, 'iu');
const SHARE_VERB = new RegExp(`(?:^|[^\\p{L}])(?:${SHARE_VERBS})(?:[^\\p{L}]|$)`, 'iu');
const SOCIAL_TARGET = new RegExp(
  `(?:^|[^\\p{L}])(?:${SOCIAL}|sozialen medien|soziale medien|sozialen netzwerken|social media|sociale media|samfélagsmiðl\\p{L}*)(?:[^\\p{L}]|$)`,
  'iu',
);
const SELF_REFERENCE =
  /(?:diesen artikel|diese geschichte|diesen beitrag|diese seite|this (?:article|story|post|page)|dit artikel|dit bericht|dit verhaal|deze pagina|þessa frétt|þessari frétt|fréttina|greinina)/iu;
const FOLLOW_PROMPT = new RegExp(
  '^(?:jetzt |hier )?(?:folgen sie|folge uns|folgt uns|follow us|volg ons|fylgdu okkur|fylgist með okkur|fylgið okkur|abonnieren sie|abonniere|jetzt abonnieren|subscribe|sign up for|melden sie sich (?:jetzt )?(?:hier )?(?:für|zum)|registrieren sie sich' +
    '|abonneer|schrijf je in|meld je aan|gerast áskrifandi|skráðu þig|newsletter abonnieren)(?:[^\\p{L}]|$)',
  'iu',
);

const FOLLOW_US = /(?:^|[^\p{L}])(?:uns|ons|okkur|us)(?:[^\p{L}]|$)/iu;

const READ_MORE_FREE = new RegExp(
  '^(?:read more|read also|also read|see also|lesen sie (?:auch|mehr|hier)|auch lesen|siehe auch|mehr zum thema|auch interessant|das könnte sie auch interessieren' +
    '|lees ook|lees meer|ook interessant|zie ook|meer over dit onderwerp|lesa einnig|lestu einnig|lestu líka|lestu meira|sjá einnig|sjá líka|tengdar fréttir|fleiri fréttir)(?:[\\s:–—»>|-]|$)',
  'iu',
);
const READ_MORE_LABEL = new RegExp(
  '^(?:related(?: articles?| stories| news)?|recommended|read next|continue reading|more news|more from|most read|most popular|weiterlesen|mehr lesen|mehr dazu|mehr nachrichten|weitere artikel|empfohlen|meistgelesen|top-artikel|zum artikel' +
    '|lees verder|meer lezen|meer nieuws|gerelateerd|aanbevolen|meest gelezen|lesa meira|mest lesið|nýjast)\\s*(?:[:–—»>|-].*)?$',
  'iu',
);
const READ_MORE_CAPS = /^(?:READ|READ MORE|READ ALSO|ALSO READ|LEES|LEES OOK|LEES MEER|LESEN|LESEN SIE AUCH|MEHR|MEER|MORE|LESA|LESA EINNIG|SJÁ EINNIG|ZIE OOK|SIEHE AUCH|RELATED)(?:[\s:–—»>|-])/u;

const SOURCE_LABEL =
  /^(?:quell?(?:en)?[- ]?link|quelle|quellen|source|sources|source link|link to source|original|originalartikel|original article|zum original(?:artikel)?|view (?:the )?original|origineel artikel|naar (?:het )?origineel|bron|bronnen|bronlink|link naar (?:de )?bron|heimild|heimildir|hlekkur)\s*[:.]?$/iu;
const SOURCE_PREFIX = /^(?:quelle|quellen|source|sources|bron|bronnen|heimild|heimildir)\s*:\s*\S/iu;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/iu;

const CREDIT_WORDS =
  'foto|fotos|bild|bilder|bildquelle|photo|photos|picture|image|images|credit|credits|mynd|myndir|ljósmynd|ljósmyndari|beeld|afbeelding|fotograaf|fotografie|illustration|illustratie|grafik|graphic|video';
const CREDIT_LINE = new RegExp(`^(?:${CREDIT_WORDS})\\s*:\\s*\\S`, 'iu');
const CAPTION_TRAILING_CREDIT = new RegExp(
  `(?:^|[.!?)\\s])(?:foto|fotos|bild|photo|mynd|ljósmynd|beeld|credit)\\s*:\\s*[^.!?:]{1,60}$|\\((?:foto|bild|photo|mynd|beeld)\\s*:[^()]{1,60}\\)$`,
  'iu',
);
const CAPTION_TRAILING_PAREN =
  /\([^()]*(?:^|[^\p{L}])(?:via|pool|poule|photo|foto|bild|getty|bestand|file|archiv|archief|ljósmynd|mynd)(?:[^\p{L}][^()]*)?\)$/iu;
const CAPTION_FILE_MARKER = /^(?:FILE|BESTAND|ARCHIV|ARCHIVBILD|ARCHIVFOTO|ARCHIEF|ARCHIEFFOTO|ARCHIVE|SAFNMYND)(?:\s+(?:PHOTO|FOTO))?\s*[-–—:]\s/u;

const COPYRIGHT =
  /(?:^|\s)(?:©|\(c\)|copyright)(?:\s|$)|alle rechte vorbehalten|all rights reserved|alle rechten voorbehouden|allur réttur áskilinn|nachdruck nur mit/iu;

const BYLINE_PREFIX =
  /^(?:Von|By|Door|Eftir|Text|Tekst|Autor|Autorin|Author|Auteur|Redactie|Redaktion|Höfundur|Geschreven door|Written by|Verfasst von|VON|BY|DOOR|EFTIR)\s*:?\s+\p{Lu}/u;
const NAME_WITH_AGENCY = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*\(([^()]*)\)$/u;
const AGENCY_WORD = new RegExp(`(?:^|[^\\p{L}])(?:${AGENCIES})(?:[^\\p{L}]|$)`, 'iu');
const AGENCY_ONLY = new RegExp(`^[(\\[]?\\s*(?:${AGENCIES})(?:\\s*[/,&+]\\s*(?:${AGENCIES}))*\\s*[)\\]]?\\.?$`, 'iu');
const REPORTING_CREDIT =
  /^(?:mit (?:material|agenturmaterial|informationen) (?:von|der|aus)|met (?:medewerking|dank) (?:van|aan)|(?:additional )?reporting by|writing by|editing by|compiled by|zusammengestellt von|bearbeitet von)(?:[^\p{L}]|$)|contributed (?:to )?this report/iu;
const REPORTED_FROM =
  /^\p{Lu}[\p{L}'’-]+(?:(?:\s+(?:and|und|en|og|&)\s+|,\s*)\p{Lu}[\p{L}'’-]+)*\s+(?:reported|berichtete|berichten|berichtten|berichtte|rapporteerde|meldete|schreef|schrieb|wrote|greindi frá|skrifaði)\s+(?:from|aus|vanuit|uit|in|frá)\s+\p{Lu}[\p{L}'’.-]*(?:(?:\s+(?:and|und|en|og)\s+|,\s*|\s+)\p{Lu}[\p{L}'’.-]*){0,3}\.?$/u;

const TAGLINE_TOPIC = /(?:nieuws|news|nachrichten|frétt)/iu;
const TAGLINE_CLAIM =
  /(?:dan enige andere|than any other|als jede andere|als alle anderen|en nokkur annar|nummer 1|nummer één|number one|#1|nr\. 1|toonaangevend|führende|leading|ihre? (?:quelle|nachrichten)|your (?:source|daily)|uw (?:bron|dagelijkse)|jouw (?:bron|dagelijkse)|dagelijks|täglich|daily|daglega|onafhankelijk|unabhängig|independent|óháð)/iu;

const NAV_WORD =
  /^(?:home|startseite|start|menü|menu|zurück|terug|til baka|back|back to top|nach oben|naar boven|top|skip to (?:main )?content|zum inhalt(?: springen)?|ga naar (?:de )?inhoud|fara í efni|print|drucken|afdrukken|prenta|vorheriger artikel|nächster artikel|previous(?: article)?|next(?: article)?|vorige|volgende|vorig artikel|volgend artikel|fyrri frétt|næsta frétt|suche|search|zoeken|leita|login|log in|anmelden|inloggen|innskráning|newsletter|nieuwsbrief|fréttabréf)\s*:?$/iu;
const TAGS_LINE = /^(?:tags|schlagwörter|schlagworte|stichwörter|themen|trefwoorden|onderwerpen|efnisorð|keywords)\s*:/iu;

// ---------------------------------------------------------------------------------------------
// Cleaning

interface Para {
  raw: string; // as given: what comes back
  text: string; // whitespace-collapsed
  words: number;
  /** Set when the paragraph was judged sentence by sentence (a part of a run-on paragraph). */
  judged?: BoilerplateReason | null;
}

/**
 * Longer than any caption or notice paragraph (seed 002's captions run to 74 words): such a
 * paragraph is judged sentence by sentence, not by a credit at its end or a cookie in its middle.
 */
const RUN_ON_WORDS = 100;

export function cleanParagraphs(paragraphs: string[], opts: { title?: string | null }): CleanedParagraph[] {
  const title = opts.title ?? null;
  const result = flagParagraphs(splitRunOn(paragraphs, RUN_ON_WORDS), title);
  if (result.some(keptText)) return result;
  // No running text left: what looked like a caption or notice may be the article itself (a
  // two-sentence item ending in "Foto: dpa"). A caption needs an article: judge every paragraph
  // sentence by sentence, and keep that reading if it finds text.
  const retry = flagParagraphs(splitRunOn(paragraphs, 0), title);
  return retry.some(keptText) ? retry : result;
}

function keptText(p: CleanedParagraph): boolean {
  return !p.dropped && isContent(toPara(p.text));
}

function toPara(raw: string): Para {
  const text = raw.replace(/\s+/g, ' ').trim();
  return { raw, text, words: countWords(text) };
}

/**
 * Paragraphs of at least `minWords` words with more than one sentence are judged sentence by
 * sentence: a run of boilerplate sentences becomes a part of its own (flagged), the text between
 * stays together. Everything else comes back as it was, to be judged whole.
 */
function splitRunOn(paragraphs: string[], minWords: number): Para[] {
  const out: Para[] = [];
  for (const raw of paragraphs) {
    const whole = toPara(raw);
    const pieces = whole.words >= minWords ? sentencePieces(raw) : [];
    if (pieces.length < 2) {
      out.push(whole);
      continue;
    }
    const parts = pieces.map((pc) => toPara(raw.slice(pc.start, pc.end)));
    const reasons = parts.map(pieceReason);
    spreadConsent(parts, reasons);
    if (reasons.every((r) => r === null)) {
      out.push({ ...whole, judged: null });
      continue;
    }
    for (let i = 0; i < pieces.length; ) {
      let j = i;
      while (j + 1 < pieces.length && reasons[j + 1] === reasons[i]) j++;
      out.push({ ...toPara(raw.slice(pieces[i]!.start, pieces[j]!.end)), judged: reasons[i] ?? null });
      i = j + 1;
    }
  }
  return out;
}

const QUOTED = /["„“”«»]/u;

/** The rules for a whole paragraph, on one sentence of a run-on paragraph. */
function pieceReason(part: Para): BoilerplateReason | null {
  // A stray "..." between sentences is part of the text, not a paragraph of its own.
  if (!/[\p{L}\p{N}]/u.test(part.text)) return null;
  const reason = patternReason(part, false);
  // A credit is a few words: a longer piece is a credit glued to a sentence ("© dpa Die Sonde ...").
  if (reason === 'copyright' && part.words > 10) return null;
  // Inside an article, a quoted "wir verwenden Cookies" is someone speaking, not the page.
  if (reason === 'cookie_notice' && QUOTED.test(part.text)) return null;
  return reason;
}

/** The other sentences of a consent notice need not say "cookie"; they share its words. */
const CONSENT_WORD = new RegExp(
  '(?:datenschutz|privatsphäre|einwilligung|zustimmung|widerruf|personenbezogen|persönliche[nr]? (?:daten|informationen)|browser|tracking|einstellungen' +
    '|privacy|consent|personal (?:data|information)|settings|privacybeleid|toestemming|persoonsgegevens|instellingen|persónuvernd|samþykki|stillingar|cookie|vafrakök)',
  'iu',
);

/** A notice may hold a sentence or two without its words ("Dafür arbeiten wir mit Partnern ..."). */
const CONSENT_GAP = 2;

/**
 * A cookie notice spans the sentences next to it that speak of consent, privacy or settings, and
 * short gaps between such sentences; it stops where the article's sentences begin.
 */
function spreadConsent(parts: Para[], reasons: (BoilerplateReason | null)[]): void {
  const n = parts.length;
  const consent = (i: number) =>
    reasons[i] === 'cookie_notice' || (reasons[i] === null && (parts[i]!.words <= 2 || CONSENT_WORD.test(parts[i]!.text)));
  const grow = (from: number, step: 1 | -1) => {
    for (let j = from + step; j >= 0 && j < n; ) {
      let k = j;
      while (k >= 0 && k < n && Math.abs(k - j) < CONSENT_GAP && reasons[k] === null && !consent(k)) k += step;
      if (k < 0 || k >= n || !consent(k)) return;
      for (let m = j; m !== k + step; m += step) if (reasons[m] === null) reasons[m] = 'cookie_notice';
      j = k + step;
    }
  };
  for (let i = 0; i < n; i++) {
    if (reasons[i] !== 'cookie_notice') continue;
    grow(i, -1);
    grow(i, 1);
  }
}

/** Flags each paragraph (or part) as text or boilerplate; positional rules see them all. */
function flagParagraphs(paras: Para[], title: string | null): CleanedParagraph[] {
  const n = paras.length;
  const nearEdge = (i: number) => i < 5 || i >= n - 5;
  const reasons = paras.map((p, i) => (p.judged !== undefined ? p.judged : patternReason(p, nearEdge(i))));

  // The title: given by the caller (HTML), or a short headline-like line repeated right below itself.
  const titleIndex = markRepeatedTitle(paras, reasons, title);

  // Above the first and below the last paragraph of real text: labels, bylines, taglines. Not the
  // headline: the kept copy of a repeated title, or a first line right above the text.
  let first = paras.findIndex((p, i) => reasons[i] === null && isContent(p));
  if (first === -1) first = n;
  let last = n - 1;
  while (last >= 0 && !(reasons[last] === null && isContent(paras[last]!))) last--;
  for (let i = 0; i < n; i++) {
    if (reasons[i] !== null || (i >= first && i <= last) || i === titleIndex) continue;
    const headline = i === 0 && first === 1 && paras[0]!.words >= 3; // not a one-word section label
    reasons[i] = edgeReason(paras[i]!, i > last, headline);
  }

  // Short lines above a detected headline near the top are page chrome (only when everything
  // above it is short: a real lede before a repeated title is left alone).
  if (titleIndex !== null && titleIndex <= 6 && paras.slice(0, titleIndex).every((p) => p.words <= 25)) {
    for (let i = 0; i < titleIndex; i++) {
      const p = paras[i]!;
      if (reasons[i] !== null || p.words > 25) continue;
      reasons[i] = isNavLabel(p) ? 'navigation' : 'site_tagline';
    }
  }

  return paras.map((p, i) => {
    const reason = reasons[i];
    return reason ? { text: p.raw, dropped: true, reason } : { text: p.raw, dropped: false };
  });
}

/** Rules that hold wherever the paragraph is. */
function patternReason(p: Para, nearEdge: boolean): BoilerplateReason | null {
  const t = p.text;
  if (!/[\p{L}\p{N}]/u.test(t)) return 'empty';
  const w = p.words;

  if (AD_LABEL.test(t) || (w <= 12 && AD_WORD.test(t) && AD_CONTINUE.test(t))) return 'advertisement';
  if ((w <= 4 && COMMENT_COUNT.test(t)) || (w <= 10 && COMMENT_PROMPT.test(t))) return 'comments';
  if (COOKIE.test(t) && ((COOKIE_FIRST_PERSON.test(t) && COOKIE_ACTION.test(t)) || (w <= 6 && COOKIE_ACTION.test(t)) || w <= 2)) {
    return 'cookie_notice';
  }
  if (isSharePrompt(p)) return 'share_prompt';
  if (w <= 30 && (READ_MORE_FREE.test(t) || READ_MORE_CAPS.test(t))) return 'read_more';
  if (w <= 8 && READ_MORE_LABEL.test(t)) return 'read_more';
  if (SOURCE_LABEL.test(t) || URL_ONLY.test(t) || (w <= 10 && SOURCE_PREFIX.test(t) && !SENTENCE_END.test(t))) return 'source_link';
  if (w <= 30 && DATELINE.test(t)) return 'dateline';
  if (w <= 12 && CREDIT_LINE.test(t) && !/[.!?]$/u.test(t)) return 'photo_credit';
  // Credits sit at the very end: only the tail is searched (linear time on huge paragraphs; the
  // 'x' keeps a cut-off word from looking like the start of the paragraph).
  const tail = t.length > 200 ? `x${t.slice(-200)}` : t;
  if (CAPTION_FILE_MARKER.test(t) || CAPTION_TRAILING_CREDIT.test(tail) || CAPTION_TRAILING_PAREN.test(tail)) return 'photo_caption';
  if (w <= 20 && COPYRIGHT.test(t)) return 'copyright';
  if (w <= 6 && AGENCY_ONLY.test(t)) return 'byline';
  if (w <= 12) {
    const m = NAME_WITH_AGENCY.exec(t);
    if (m && AGENCY_WORD.test(m[1] ?? '')) return 'byline';
  }
  if (w <= 40 && REPORTING_CREDIT.test(t)) return 'byline';
  if (w <= 6 && NAV_WORD.test(t)) return 'navigation';
  if (w <= 20 && TAGS_LINE.test(t)) return 'navigation';
  if (w <= 15 && isBreadcrumb(t)) return 'navigation';
  if (nearEdge && w <= 25 && TAGLINE_TOPIC.test(t) && TAGLINE_CLAIM.test(t)) return 'site_tagline';
  return null;
}

/** Rules for paragraphs above the first / below the last paragraph of real text. */
function edgeReason(p: Para, trailing: boolean, headline: boolean): BoilerplateReason | null {
  const t = p.text;
  if (p.words <= 10 && !SENTENCE_END.test(t) && BYLINE_PREFIX.test(t)) return 'byline';
  if (trailing && p.words <= 15 && REPORTED_FROM.test(t)) return 'byline';
  if (!headline && isNavLabel(p)) return 'navigation';
  return null;
}

/** A very short line with no sentence punctuation: a section label or menu entry. */
function isNavLabel(p: Para): boolean {
  return p.words >= 1 && p.words <= 4 && p.text.length <= 40 && !/[.!?:;…"“”„«»]/u.test(p.text);
}

function isBreadcrumb(t: string): boolean {
  if (/[.!?]$/u.test(t)) return false;
  const parts = t.split(/\s+[›»>|/]\s+/u);
  return parts.length >= 3 && parts.every((part) => part.length > 0 && part.length <= 30);
}

function isSharePrompt(p: Para): boolean {
  const t = p.text;
  const tokens = t.split(/[\s,;:|/·•–—-]+/u).filter((x) => /[\p{L}\p{N}]/u.test(x));
  if (tokens.length > 0 && tokens.length <= 8) {
    const clean = tokens.map((x) => x.replace(/[^\p{L}\p{N}-]/gu, ''));
    if (clean.every((x) => SHARE_TOKEN.test(x)) && clean.some((x) => SHARE_CORE.test(x))) return true;
  }
  // "Folgen Sie uns", "Volg ons op X"; but not a quoted order ("Folgen Sie den Anweisungen.")
  if (p.words <= 12 && FOLLOW_PROMPT.test(t) && (!SENTENCE_END.test(t) || SOCIAL_TARGET.test(t) || FOLLOW_US.test(t))) return true;
  if (p.words <= 20 && SHARE_VERB.test(t)) {
    const self = SELF_REFERENCE.test(t);
    if ((SOCIAL_TARGET.test(t) || self) && (!SENTENCE_END.test(t) || self)) return true;
  }
  return false;
}

/** A paragraph of running text: long enough, and a sentence. */
function isContent(p: Para): boolean {
  return p.words >= 8 && (SENTENCE_END.test(p.text) || p.words >= 15);
}

/**
 * Flags repetitions of the title. With a known title (from HTML metadata), every paragraph that
 * repeats it is flagged. Otherwise a short headline-like line near the top that is repeated within
 * the next three paragraphs is the title: its first occurrence stays (it is the headline), later
 * copies are flagged. Returns the index of the kept headline, if one was found.
 */
function markRepeatedTitle(paras: Para[], reasons: (BoilerplateReason | null)[], title: string | null): number | null {
  if (title && title.trim()) {
    const keys = titleKeys(title);
    let firstIndex: number | null = null;
    paras.forEach((p, i) => {
      if (reasons[i] === null && p.words <= 40 && keys.has(key(p.text))) {
        reasons[i] = 'repeated_title';
        firstIndex ??= i;
      }
    });
    return firstIndex;
  }
  const limit = Math.min(paras.length, 8);
  for (let i = 0; i < limit; i++) {
    const p = paras[i]!;
    if (reasons[i] !== null || p.words < 2 || p.words > 30 || /[.]$/u.test(p.text)) continue;
    const k = key(p.text);
    for (let j = i + 1; j <= i + 3 && j < paras.length; j++) {
      if (key(paras[j]!.text) !== k) continue;
      paras.forEach((q, m) => {
        if (m > i && key(q.text) === k) reasons[m] = 'repeated_title';
      });
      return i;
    }
  }
  return null;
}

/** The title, and its parts when it carries a site name ("Headline – Site", "Headline | Site"). */
function titleKeys(title: string): Set<string> {
  const keys = new Set([key(title)]);
  const parts = title.split(/\s+[|–—-]\s+|\s+[|]\s*/u).map((s) => s.trim()).filter(Boolean);
  if (parts.length > 1) {
    const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
    if (countWords(longest) >= 3) keys.add(key(longest));
    const firstPart = parts[0]!;
    if (countWords(firstPart) >= 3) keys.add(key(firstPart));
  }
  keys.delete('');
  return keys;
}

function key(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}

function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}
