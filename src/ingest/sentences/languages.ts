// The per-language rules of the splitter, as data: abbreviations of each kind, multi-token
// abbreviations, typical sentence openers and opening quotes, month names and German ordinals.
import type { Lang } from '../../common/index.ts';

interface LangData {
  /** lowercased, with final period: never end a sentence */
  always: readonly string[];
  /** lowercased: end a sentence only before a typical sentence opener */
  mayEnd: readonly string[];
  /** lowercased: no break when a number follows */
  beforeNumber: readonly string[];
  /** space-separated multi-token abbreviations; `!` prefix = may end a sentence */
  multi: readonly string[];
  /** capitalised words that typically open a sentence (exact case) */
  starters: string;
  /** unambiguous opening quotes of the language (never end a sentence) */
  openers: string;
}

const DATA: Record<Lang, LangData> = {
  de: {
    always: [
      'z.b.', 'u.a.', 'd.h.', 'bzw.', 'dr.', 'prof.', 'nr.', 'ca.', 'st.', 'hr.', 'fr.', 'frl.', 'hrsg.',
      'vgl.', 'sog.', 'ggf.', 'evtl.', 'inkl.', 'exkl.', 'zzgl.', 'abzgl.', 'bspw.', 'z.t.', 'u.u.',
      'i.d.r.', 'v.a.', 'abs.', 'geb.', 'gest.', 'gegr.', 'bzgl.', 'betr.', 'ehem.', 'insb.', 'allg.',
      'gem.', 'lt.', 'zit.', 'dt.', 'dipl.', 'ing.', 'mag.', 'med.', 'jur.', 'phil.', 'rer.', 'mr.',
      'mrs.', 'ms.', 'bsp.', 'verh.', 'gebr.', 'sen.', 'jun.',
      // first letters of spaced abbreviations ("z. B.", "u. a.", "d. h.", "v. Chr.", "i. d. R."):
      // no German word is a single lowercase letter.
      'a.', 'd.', 'i.', 'n.', 'o.', 's.', 'u.', 'v.', 'z.',
    ],
    mayEnd: [
      'usw.', 'etc.', 'o.ä.', 'u.ä.', 'mio.', 'mrd.', 'tsd.', 'std.', 'min.', 'max.', 'jh.', 'jhd.',
      'jhs.', 'co.', 'ltd.', 'inc.', 'corp.', 'jan.', 'feb.', 'febr.', 'mär.', 'apr.', 'jul.', 'aug.',
      'sep.', 'sept.', 'okt.', 'nov.', 'dez.', 'v.chr.', 'n.chr.', 'u.s.', 'km.', 'kg.',
    ],
    beforeNumber: ['art.', 'abs.', 's.', 'bd.', 'tel.', 'kap.', 'ziff.', 'anm.', 'abb.', 'tab.', 'no.', 'vol.', 'jg.', 'nr.'],
    multi: [
      'z. B.', 'u. a.', 'd. h.', 'v. a.', 'u. U.', 'z. T.', 'i. d. R.', 's. u.', 'i. A.', 'z. Zt.',
      '!o. ä.', '!u. ä.', '!s. o.', '!u. v. m.', '!a. D.', '!v. Chr.', '!n. Chr.', '!h. c.', '!a. M.',
      '!i. Br.', '!d. J.',
    ],
    starters:
      'Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Du Ihr Man Dies ' +
      'Diese Dieser Dieses Diesen Diesem Dabei Damit Danach Dann Daher Darauf Darüber Dazu Dass Doch ' +
      'Aber Und Oder Auch Noch Nur Zudem Außerdem Allerdings Jedoch Trotzdem Deshalb Deswegen Denn So ' +
      'Wie Wenn Was Wer Wo Warum Als Nach Laut Seit Bis Vor Im In Am An Auf Aus Bei Für Mit Um Unter ' +
      'Über Zum Zur Zu Nicht Kein Keine Heute Gestern Morgen Jetzt Nun Bereits Schon Zuvor Später ' +
      'Inzwischen Mittlerweile Gleichzeitig Hier Dort Alle Viele Einige Mehrere Sein Seine Ihre Unser ' +
      'Unsere Insgesamt Zunächst Anschließend Damals Dennoch Immerhin Vielmehr Demnach Dafür Dagegen',
    openers: '„‚»([',
  },
  is: {
    always: [
      't.d.', 'þ.e.', 'þ.e.a.s.', 'þ.á.m.', 'm.a.', 'skv.', 'u.þ.b.', 'sbr.', 'kl.', 'nr.', 'ca.', 'dr.',
      'hr.', 'e.t.v.', 'a.m.k.', 'm.t.t.', 'þ.m.t.', 'ath.', 'fv.', 'fyrrv.', 'bls.', 'sr.', 'próf.',
      'f.h.', 'm.v.', 'ísl.', 'frkv.', 'framkv.', 'frkvstj.', 'frk.', 'st.', 'v.',
    ],
    mayEnd: [
      'o.s.frv.', 'o.fl.', 'o.þ.h.', 'o.m.fl.', 'nk.', 'sl.', 'f.kr.', 'e.kr.', 'kr.', 'millj.', 'ma.',
      'þús.', 'mín.', 'klst.', 'km.', 'jan.', 'feb.', 'mar.', 'apr.', 'jún.', 'júl.', 'ág.', 'ágú.',
      'sept.', 'sep.', 'okt.', 'nóv.', 'des.', 'ehf.', 'hf.', 'sf.',
    ],
    beforeNumber: ['bls.', 'gr.', 'nr.', 'tbl.', 'mgr.'],
    multi: [
      'þ.á m.', 'þ. á m.', 't. d.', 'þ. e.', 'm. a.', 'u. þ. b.', 'e. t. v.', 'a. m. k.',
      '!o. s. frv.', '!o. fl.', '!f. Kr.', '!e. Kr.',
    ],
    starters:
      'Það Þetta Þessi Þessa Þessu Þau Þeir Þær Hann Hún Við Ég Þú Þið Hér Þar Þá Nú En Og Eða Ekki ' +
      'Í Á Með Eftir Fyrir Frá Til Um Samkvæmt Sem Einnig Auk Hvað Hver Hvers Hvernig Hvenær Hvar Af ' +
      'Að Árið Alls Meðal Síðan Seinna Áður Þegar Ef Margir Mörg Sumir Allir Öll',
    openers: '„‚»([',
  },
  nl: {
    always: [
      'd.w.z.', 'o.a.', 'bijv.', 'bv.', 'mr.', 'dhr.', 'mevr.', 'mw.', 'drs.', 'ir.', 'ing.', 'dr.',
      'prof.', 'nl.', 'm.b.t.', 'i.p.v.', 't.a.v.', 'm.u.v.', 'o.m.', 'i.v.m.', 'zgn.', 'z.g.', 'ca.',
      'resp.', 'vs.', 'nr.', 'blz.', 'st.', 'n.a.v.', 't.o.v.', 'm.n.', 'i.c.m.', 'm.i.v.', 'a.d.h.v.',
      'o.l.v.', 'pag.', 'vgl.', 'evt.', 'incl.', 'excl.', 'gem.', 'dd.', 'ds.', 'kol.', 'gen.', 'lt.',
      'kpt.', 'sgt.', 'mgr.', 'v.',
    ],
    mayEnd: [
      'enz.', 'etc.', 'e.a.', 'e.d.', 'jl.', 'j.l.', 'a.s.', 'mln.', 'mld.', 'mrd.', 'jr.', 'sr.',
      'v.chr.', 'n.chr.', 'b.v.', 'n.v.', 'jan.', 'feb.', 'febr.', 'mrt.', 'apr.', 'jun.', 'jul.',
      'aug.', 'sep.', 'sept.', 'okt.', 'nov.', 'dec.', 'z.s.m.', 'u.s.', 'max.', 'min.', 'km.',
    ],
    beforeNumber: ['art.', 'nr.', 'no.', 'tel.', 'fig.', 'hfst.', 'blz.', 'p.'],
    multi: ['o. a.', 'd. w. z.', 't. a. v.', 'm. b. t.', '!v. Chr.', '!n. Chr.'],
    starters:
      'De Het Een Dit Dat Deze Die Hij Zij Ze Wij We Ik Jij Je Er Hier Daar Maar En Of Ook Nog Toch ' +
      'Dus Want Omdat Als Toen Nu Dan Daarna Daarom Daarnaast Bovendien Volgens In Op Bij Met Na Voor ' +
      'Tijdens Sinds Vanaf Door Over Uit Zijn Haar Hun Ons Onze Niet Geen Alle Veel Enkele Sommige ' +
      'Wat Wie Waar Waarom Hoe Wanneer Eerder Later Intussen Inmiddels Ondertussen Vandaag Gisteren',
    openers: '„‚“‘([',
  },
  en: {
    always: [
      'mr.', 'mrs.', 'ms.', 'messrs.', 'dr.', 'prof.', 'gen.', 'lt.', 'col.', 'sgt.', 'capt.', 'cmdr.',
      'adm.', 'maj.', 'rep.', 'reps.', 'sen.', 'sens.', 'gov.', 'pres.', 'rev.', 'hon.', 'supt.',
      'insp.', 'det.', 'e.g.', 'i.e.', 'vs.', 'v.', 'approx.', 'cf.', 'viz.', 'ca.', 'dept.', 'univ.',
      'assn.', 'nos.',
    ],
    mayEnd: [
      'u.s.', 'u.k.', 'u.n.', 'e.u.', 'u.s.a.', 'etc.', 'jr.', 'sr.', 'inc.', 'ltd.', 'corp.', 'co.',
      'bros.', 'plc.', 'llc.', 'a.m.', 'p.m.', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.',
      'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'st.', 'ave.', 'blvd.', 'rd.', 'mt.', 'ft.', 'b.c.',
      'a.d.', 'd.c.', 'n.y.', 'l.a.', 'est.', 'ph.d.', 'm.d.', 'no.',
    ],
    beforeNumber: ['no.', 'nos.', 'vol.', 'p.', 'pp.', 'fig.', 'art.', 'sec.', 'ch.', 'nr.'],
    multi: ['!U. S.', '!U. K.', '!U. N.'],
    starters:
      'The A An This That These Those It Its He She They We I You His Her Their Our My Your There ' +
      'Here In On At By For From With Without After Before During Since Until When While Where What ' +
      'Who Why How If As But And Or So Yet However Meanwhile Also Still Then Now Today Yesterday Some ' +
      'Many Most Several All No Not One Two Both Each Every Such According Although Though Because ' +
      'Despite Earlier Later Last Next Instead Officials Police',
    openers: '„‚“‘([',
  },
};

/** Month names of all supported languages (lowercase): "18. Oktober", "19. mars" are not breaks. */
export const MONTHS = new Set(
  (
    'januar jänner februar märz april mai juni juli august september oktober november dezember ' +
    'janúar febrúar mars apríl maí júní júlí ágúst október nóvember desember ' +
    'januari februari maart mei augustus ' +
    'january february march may june july'
  ).split(' '),
);

/** German nouns that follow an ordinal number ("im 3. Quartal", "der 2. Weltkrieg"). */
export const ORDINAL_NOUNS_DE = new Set(
  (
    'Quartal Halbjahr Jahrhundert Jahrtausend Jahrestag Geburtstag Todestag Weltkrieg Platz Rang ' +
    'Runde Spieltag Mal Stock Etage Liga Bundesliga Klasse Parteitag Amtszeit Legislaturperiode Tag ' +
    'Woche Monat Jahr Halbzeit Minute Sitzung Lesung Satz Absatz Artikel Auflage Ausgabe Kapitel ' +
    'Armee Division Kompanie Brigade Sinfonie Symphonie Kongress Gipfel Wahlgang Lauf Etappe Staffel ' +
    'Folge Band Teil Advent Sonntag Jubiläum Stelle Reihe Generation Bezirk Kanal Sanktionspaket Paket'
  ).split(' '),
);

/** Words before a German ordinal ("am 18.", "zum 75.", "seinem 3."). */
export const ORDINAL_CUES_DE = new Set(
  (
    'am im vom zum beim zur der die das dem den des ein einem einen einer seit bis ab ihr ihre ihrem ' +
    'ihren ihrer sein seine seinem seinen seiner unser unsere unserem dieses diesem diesen dieser'
  ).split(' '),
);

export interface MultiAbbr {
  parts: string[]; // lowercased
  mayEnd: boolean;
}

export interface Rules {
  always: Set<string>;
  mayEnd: Set<string>;
  beforeNumber: Set<string>;
  multi: MultiAbbr[];
  /** every part of every multi-token abbreviation: a cheap pre-check */
  multiParts: Set<string>;
  starters: Set<string>;
  openers: string;
}

const RULES = new Map<Lang, Rules>();
export function rulesFor(lang: Lang): Rules {
  let r = RULES.get(lang);
  if (!r) {
    const d = DATA[lang];
    const multi = d.multi.map((m) => {
      const may = m.startsWith('!');
      return { parts: (may ? m.slice(1) : m).toLowerCase().split(' '), mayEnd: may };
    });
    r = {
      always: new Set(d.always),
      mayEnd: new Set(d.mayEnd),
      beforeNumber: new Set(d.beforeNumber),
      multi,
      multiParts: new Set(multi.flatMap((m) => m.parts)),
      starters: new Set(d.starters.split(/\s+/)),
      openers: d.openers,
    };
    RULES.set(lang, r);
  }
  return r;
}
