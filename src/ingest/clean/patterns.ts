// The boilerplate vocabulary: patterns for the labels, prompts, notices, credits and bylines of
// German, Dutch, Icelandic and English news pages. Data the rules (rules.ts) apply.

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
export const DATELINE = new RegExp(`^(?:${DATE_LABEL})?(?:${WEEKDAY},?\\s*(?:den\\s+)?)?${DATE_CORE}${TIME}\\.?$`, 'iu');

const AD_WORDS =
  'anzeige|werbung|advertentie|advertenties|advertisement|advertising|advertorial|ads?|sponsored(?: content)?|gesponsord|gesponsorde inhoud|auglýsing|auglýsingar|kostuð umfjöllun|reklame|promotion|promoted|partner content|paid content|paid post';
export const AD_LABEL = new RegExp(`^[\\[(]?\\s*(?:${AD_WORDS})(?:[\\s_#:-]*\\d+)?\\s*[\\])]?\\s*:?$`, 'iu');
export const AD_WORD = new RegExp(`(?:^|[^\\p{L}])(?:${AD_WORDS})(?:[^\\p{L}]|$)`, 'iu');
export const AD_CONTINUE = /(?:weiter|fortgesetzt|fortsetzung|continues?|scroll|verder|heldur áfram)/iu;

export const COMMENT_COUNT =
  /^(?:\d+\s*)?(?:kommentare?|leserkommentare|comments?|reacties?|athugasemd(?:ir)?|ummæli)\s*(?:\(\s*\d+\s*\)|\d+)?\s*:?$/iu;
export const COMMENT_PROMPT = new RegExp(
  '^(?:(?:einen |ihren )?kommentar (?:schreiben|verfassen|abgeben|hinzufügen)|schreiben sie (?:einen|ihren) kommentar|jetzt kommentieren|kommentieren' +
    '|kommentare (?:anzeigen|lesen|einblenden|ausblenden|geschlossen)|diskutieren sie mit' +
    '|(?:leave|add|post|write|view|show|read|hide|load) (?:a |your |all |the |more )?(?:\\d+ )?comments?|comments? (?:are )?closed|join the (?:conversation|discussion)' +
    '|(?:plaats|schrijf|geef|bekijk|lees|toon) (?:een |je |uw |alle |de )?(?:\\d+ )?(?:reactie|reacties)|reageer(?: op dit artikel)?|reageren is (?:niet )?(?:meer )?mogelijk' +
    '|skrifa(?:ðu)? athugasemd|(?:sjá|skoða|birta) (?:\\d+ )?athugasemd(?:ir)?)(?:[\\s:.!]|$)',
  'iu',
);

export const COOKIE = /(?:^|[^\p{L}])(?:cookies?|cookie-\p{L}+|vafrakök\p{L}*)/iu;
export const COOKIE_FIRST_PERSON =
  /(?:^|[^\p{L}])(?:wir|we|wij|við|diese (?:website|seite)|this (?:website|site)|deze (?:website|site)|our (?:website|site)|unsere (?:website|seite)|onze (?:website|site)|þessi vefur)(?:[^\p{L}]|$)/iu;
export const COOKIE_ACTION =
  /(?:akzeptieren|accept|accepteren|aanvaarden|samþykkja|samþykki|einstellungen|settings|instellingen|stillingar|ablehnen|reject|weigeren|hafna|zustimmen|agree|akkoord|allow|erlauben|toestaan|verwenden|nutzen|use|gebruiken|gebruik|notar|notum)/iu;

const SHARE_VERBS = 'teilen|share|sharen|delen|deel|deila|deildu|tweet|tweeten|twittern|weiterempfehlen|mailen|e-mailen';
const SOCIAL =
  'facebook|twitter|x|whatsapp|telegram|linkedin|xing|reddit|pinterest|threads|bluesky|mastodon|e-mail|email|mail|messenger|flipboard|vk|instagram|tiktok';
const SHARE_FILLER =
  'on|op|auf|á|via|per|in|this|dit|diesen|deze|dieses|artikel|article|story|page|seite|pagina|frétt|fréttina|link|copy|kopieren|kopiëren|afrita|hlekk|jetzt|nu|now|bericht|beitrag';
export const SHARE_TOKEN = new RegExp(`^(?:${SHARE_VERBS}|${SOCIAL}|${SHARE_FILLER})$`, 'iu');
export const SHARE_CORE = new RegExp(`^(?:${SHARE_VERBS}|${SOCIAL})$`, 'iu');
export const SHARE_VERB = new RegExp(`(?:^|[^\\p{L}])(?:${SHARE_VERBS})(?:[^\\p{L}]|$)`, 'iu');
export const SOCIAL_TARGET = new RegExp(
  `(?:^|[^\\p{L}])(?:${SOCIAL}|sozialen medien|soziale medien|sozialen netzwerken|social media|sociale media|samfélagsmiðl\\p{L}*)(?:[^\\p{L}]|$)`,
  'iu',
);
export const SELF_REFERENCE =
  /(?:diesen artikel|diese geschichte|diesen beitrag|diese seite|this (?:article|story|post|page)|dit artikel|dit bericht|dit verhaal|deze pagina|þessa frétt|þessari frétt|fréttina|greinina)/iu;
export const FOLLOW_PROMPT = new RegExp(
  '^(?:jetzt |hier )?(?:folgen sie|folge uns|folgt uns|follow us|volg ons|fylgdu okkur|fylgist með okkur|fylgið okkur|abonnieren sie|abonniere|jetzt abonnieren|subscribe|sign up for|melden sie sich (?:jetzt )?(?:hier )?(?:für|zum)|registrieren sie sich' +
    '|abonneer|schrijf je in|meld je aan|gerast áskrifandi|skráðu þig|newsletter abonnieren)(?:[^\\p{L}]|$)',
  'iu',
);

export const FOLLOW_US = /(?:^|[^\p{L}])(?:uns|ons|okkur|us)(?:[^\p{L}]|$)/iu;

export const READ_MORE_FREE = new RegExp(
  '^(?:read more|read also|also read|see also|lesen sie (?:auch|mehr|hier)|auch lesen|siehe auch|mehr zum thema|auch interessant|das könnte sie auch interessieren' +
    '|lees ook|lees meer|ook interessant|zie ook|meer over dit onderwerp|lesa einnig|lestu einnig|lestu líka|lestu meira|sjá einnig|sjá líka|tengdar fréttir|fleiri fréttir)(?:[\\s:–—»>|-]|$)',
  'iu',
);
export const READ_MORE_LABEL = new RegExp(
  '^(?:related(?: articles?| stories| news)?|recommended|read next|continue reading|more news|more from|most read|most popular|weiterlesen|mehr lesen|mehr dazu|mehr nachrichten|weitere artikel|empfohlen|meistgelesen|top-artikel|zum artikel' +
    '|lees verder|meer lezen|meer nieuws|gerelateerd|aanbevolen|meest gelezen|lesa meira|mest lesið|nýjast)\\s*(?:[:–—»>|-].*)?$',
  'iu',
);
export const READ_MORE_CAPS = /^(?:READ|READ MORE|READ ALSO|ALSO READ|LEES|LEES OOK|LEES MEER|LESEN|LESEN SIE AUCH|MEHR|MEER|MORE|LESA|LESA EINNIG|SJÁ EINNIG|ZIE OOK|SIEHE AUCH|RELATED)(?:[\s:–—»>|-])/u;

export const SOURCE_LABEL =
  /^(?:quell?(?:en)?[- ]?link|quelle|quellen|source|sources|source link|link to source|original|originalartikel|original article|zum original(?:artikel)?|view (?:the )?original|origineel artikel|naar (?:het )?origineel|bron|bronnen|bronlink|link naar (?:de )?bron|heimild|heimildir|hlekkur)\s*[:.]?$/iu;
export const SOURCE_PREFIX = /^(?:quelle|quellen|source|sources|bron|bronnen|heimild|heimildir)\s*:\s*\S/iu;
export const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/iu;

const CREDIT_WORDS =
  'foto|fotos|bild|bilder|bildquelle|photo|photos|picture|image|images|credit|credits|mynd|myndir|ljósmynd|ljósmyndari|beeld|afbeelding|fotograaf|fotografie|illustration|illustratie|grafik|graphic|video';
export const CREDIT_LINE = new RegExp(`^(?:${CREDIT_WORDS})\\s*:\\s*\\S`, 'iu');
export const CAPTION_TRAILING_CREDIT = new RegExp(
  `(?:^|[.!?)\\s])(?:foto|fotos|bild|photo|mynd|ljósmynd|beeld|credit)\\s*:\\s*[^.!?:]{1,60}$|\\((?:foto|bild|photo|mynd|beeld)\\s*:[^()]{1,60}\\)$`,
  'iu',
);
export const CAPTION_TRAILING_PAREN =
  /\([^()]*(?:^|[^\p{L}])(?:via|pool|poule|photo|foto|bild|getty|bestand|file|archiv|archief|ljósmynd|mynd)(?:[^\p{L}][^()]*)?\)$/iu;
export const CAPTION_FILE_MARKER = /^(?:FILE|BESTAND|ARCHIV|ARCHIVBILD|ARCHIVFOTO|ARCHIEF|ARCHIEFFOTO|ARCHIVE|SAFNMYND)(?:\s+(?:PHOTO|FOTO))?\s*[-–—:]\s/u;

export const COPYRIGHT =
  /(?:^|\s)(?:©|\(c\)|copyright)(?:\s|$)|alle rechte vorbehalten|all rights reserved|alle rechten voorbehouden|allur réttur áskilinn|nachdruck nur mit/iu;

export const BYLINE_PREFIX =
  /^(?:Von|By|Door|Eftir|Text|Tekst|Autor|Autorin|Author|Auteur|Redactie|Redaktion|Höfundur|Geschreven door|Written by|Verfasst von|VON|BY|DOOR|EFTIR)\s*:?\s+\p{Lu}/u;
export const NAME_WITH_AGENCY = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*\(([^()]*)\)$/u;
export const AGENCY_WORD = new RegExp(`(?:^|[^\\p{L}])(?:${AGENCIES})(?:[^\\p{L}]|$)`, 'iu');
export const AGENCY_ONLY = new RegExp(`^[(\\[]?\\s*(?:${AGENCIES})(?:\\s*[/,&+]\\s*(?:${AGENCIES}))*\\s*[)\\]]?\\.?$`, 'iu');
export const REPORTING_CREDIT =
  /^(?:mit (?:material|agenturmaterial|informationen) (?:von|der|aus)|met (?:medewerking|dank) (?:van|aan)|(?:additional )?reporting by|writing by|editing by|compiled by|zusammengestellt von|bearbeitet von)(?:[^\p{L}]|$)|contributed (?:to )?this report/iu;
export const REPORTED_FROM =
  /^\p{Lu}[\p{L}'’-]+(?:(?:\s+(?:and|und|en|og|&)\s+|,\s*)\p{Lu}[\p{L}'’-]+)*\s+(?:reported|berichtete|berichten|berichtten|berichtte|rapporteerde|meldete|schreef|schrieb|wrote|greindi frá|skrifaði)\s+(?:from|aus|vanuit|uit|in|frá)\s+\p{Lu}[\p{L}'’.-]*(?:(?:\s+(?:and|und|en|og)\s+|,\s*|\s+)\p{Lu}[\p{L}'’.-]*){0,3}\.?$/u;

export const TAGLINE_TOPIC = /(?:nieuws|news|nachrichten|frétt)/iu;
export const TAGLINE_CLAIM =
  /(?:dan enige andere|than any other|als jede andere|als alle anderen|en nokkur annar|nummer 1|nummer één|number one|#1|nr\. 1|toonaangevend|führende|leading|ihre? (?:quelle|nachrichten)|your (?:source|daily)|uw (?:bron|dagelijkse)|jouw (?:bron|dagelijkse)|dagelijks|täglich|daily|daglega|onafhankelijk|unabhängig|independent|óháð)/iu;

export const NAV_WORD =
  /^(?:home|startseite|start|menü|menu|zurück|terug|til baka|back|back to top|nach oben|naar boven|top|skip to (?:main )?content|zum inhalt(?: springen)?|ga naar (?:de )?inhoud|fara í efni|print|drucken|afdrukken|prenta|vorheriger artikel|nächster artikel|previous(?: article)?|next(?: article)?|vorige|volgende|vorig artikel|volgend artikel|fyrri frétt|næsta frétt|suche|search|zoeken|leita|login|log in|anmelden|inloggen|innskráning|newsletter|nieuwsbrief|fréttabréf)\s*:?$/iu;
export const TAGS_LINE = /^(?:tags|schlagwörter|schlagworte|stichwörter|themen|trefwoorden|onderwerpen|efnisorð|keywords)\s*:/iu;
