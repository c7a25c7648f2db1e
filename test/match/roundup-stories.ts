// Six short news reports written for the roundup tests (invented events; names and figures are made
// up), each in English, German and Dutch, sentence by sentence. The English stands in for machine
// translation of the German and Dutch versions.
import type { MatchDocument } from '../../src/match/index.ts';

export interface Report {
  en: string[];
  de: string[];
  nl: string[];
}

export const REPORTS: Report[] = [
  {
    en: [
      'The Danube burst its banks in Passau on Tuesday evening and flooded the old town for the first time since 2013.',
      'The city evacuated 3,200 residents from the riverside districts and opened four emergency shelters in schools.',
      'Mayor Jürgen Dupper said the water level reached 11.4 metres at the peak, just below the record.',
      'Firefighters from across Bavaria worked through the night to reinforce the sandbag walls along the river.',
      'Rail traffic between Passau and Vienna remains suspended until the tracks have been inspected.',
    ],
    de: [
      'Die Donau ist am Dienstagabend in Passau über die Ufer getreten und hat zum ersten Mal seit 2013 die Altstadt überflutet.',
      'Die Stadt brachte 3.200 Bewohner aus den Vierteln am Fluss in Sicherheit und öffnete vier Notunterkünfte in Schulen.',
      'Oberbürgermeister Jürgen Dupper sagte, der Pegel habe auf dem Höhepunkt 11,4 Meter erreicht, knapp unter dem Rekord.',
      'Feuerwehrleute aus ganz Bayern arbeiteten die ganze Nacht, um die Sandsackwälle entlang des Flusses zu verstärken.',
      'Der Bahnverkehr zwischen Passau und Wien bleibt eingestellt, bis die Gleise überprüft worden sind.',
    ],
    nl: [
      'De Donau is dinsdagavond in Passau buiten haar oevers getreden en heeft voor het eerst sinds 2013 de oude binnenstad overstroomd.',
      'De stad evacueerde 3.200 bewoners uit de wijken langs de rivier en opende vier noodopvangcentra in scholen.',
      'Burgemeester Jürgen Dupper zei dat het water op het hoogtepunt 11,4 meter bereikte, net onder het record.',
      'Brandweerlieden uit heel Beieren werkten de hele nacht door om de zandzakmuren langs de rivier te versterken.',
      'Het treinverkeer tussen Passau en Wenen blijft stilgelegd tot de sporen zijn gecontroleerd.',
    ],
  },
  {
    en: [
      'The Dutch lower house passed a law on Thursday that caps rents for two thirds of private rental homes.',
      'The bill won 87 votes to 63 after a debate that lasted until late in the evening.',
      'Housing minister Hugo de Jonge called the vote a turning point for tenants in Amsterdam, Utrecht and Rotterdam.',
      'Landlord associations warned that investors would sell thousands of apartments rather than rent them out.',
      'The Senate is expected to vote on the law in the spring, and the rules could take effect on 1 July.',
    ],
    de: [
      'Das niederländische Parlament hat am Donnerstag ein Gesetz verabschiedet, das die Mieten für zwei Drittel der privaten Mietwohnungen deckelt.',
      'Der Entwurf erhielt 87 zu 63 Stimmen nach einer Debatte, die bis spät in den Abend dauerte.',
      'Wohnungsbauminister Hugo de Jonge nannte die Abstimmung einen Wendepunkt für Mieter in Amsterdam, Utrecht und Rotterdam.',
      'Vermieterverbände warnten, Investoren würden Tausende Wohnungen lieber verkaufen als vermieten.',
      'Der Senat soll im Frühjahr über das Gesetz abstimmen, und die Regeln könnten am 1. Juli in Kraft treten.',
    ],
    nl: [
      'De Tweede Kamer heeft donderdag een wet aangenomen die de huren voor twee derde van de particuliere huurwoningen aan banden legt.',
      'Het wetsvoorstel kreeg 87 stemmen voor en 63 tegen na een debat dat tot laat in de avond duurde.',
      'Minister van Volkshuisvesting Hugo de Jonge noemde de stemming een keerpunt voor huurders in Amsterdam, Utrecht en Rotterdam.',
      'Verenigingen van verhuurders waarschuwden dat beleggers duizenden appartementen liever zouden verkopen dan verhuren.',
      'De Eerste Kamer stemt naar verwachting in het voorjaar over de wet, en de regels kunnen op 1 juli ingaan.',
    ],
  },
  {
    en: [
      'A volcanic eruption began on Monday morning north of Grindavík on the Reykjanes peninsula in Iceland.',
      'Lava fountains rose up to 50 metres from a fissure almost three kilometres long, the Icelandic Met Office said.',
      'The 3,700 residents of Grindavík had already been evacuated in November because of earthquakes.',
      'The Blue Lagoon spa closed its doors and Keflavík airport reported no disruption to flights.',
      'Geologist Þorvaldur Þórðarson said the eruption could last for weeks if magma keeps flowing.',
    ],
    de: [
      'Am Montagmorgen hat nördlich von Grindavík auf der Halbinsel Reykjanes in Island ein Vulkanausbruch begonnen.',
      'Lavafontänen stiegen bis zu 50 Meter hoch aus einer fast drei Kilometer langen Spalte, teilte der isländische Wetterdienst mit.',
      'Die 3.700 Einwohner von Grindavík waren bereits im November wegen der Erdbeben evakuiert worden.',
      'Das Thermalbad Blaue Lagune schloss seine Türen, und der Flughafen Keflavík meldete keine Störungen im Flugverkehr.',
      'Der Geologe Þorvaldur Þórðarson sagte, der Ausbruch könne wochenlang andauern, wenn weiter Magma fließt.',
    ],
    nl: [
      'Maandagochtend is ten noorden van Grindavík op het schiereiland Reykjanes in IJsland een vulkaanuitbarsting begonnen.',
      'Lavafonteinen rezen tot 50 meter hoog op uit een spleet van bijna drie kilometer lang, meldde het IJslandse weerinstituut.',
      'De 3.700 inwoners van Grindavík waren al in november geëvacueerd vanwege aardbevingen.',
      'Het kuuroord Blue Lagoon sloot zijn deuren en de luchthaven Keflavík meldde geen verstoringen van het vliegverkeer.',
      'Geoloog Þorvaldur Þórðarson zei dat de uitbarsting weken kan duren als het magma blijft stromen.',
    ],
  },
  {
    en: [
      'A strike by ground staff at Lufthansa forced the airline to cancel more than 1,200 flights on Wednesday.',
      'The Verdi union called on 25,000 workers in Frankfurt, Munich and Hamburg to walk out for 27 hours.',
      'About 130,000 passengers were affected, and the airline advised travellers to switch to trains where possible.',
      "Verdi negotiator Christine Behle said the company's offer of a 4 percent raise was far too low.",
      'Talks between the union and Lufthansa are due to resume next week in Frankfurt.',
    ],
    de: [
      'Ein Streik des Bodenpersonals bei der Lufthansa hat die Fluggesellschaft am Mittwoch gezwungen, mehr als 1.200 Flüge zu streichen.',
      'Die Gewerkschaft Verdi rief 25.000 Beschäftigte in Frankfurt, München und Hamburg zu einem 27-stündigen Ausstand auf.',
      'Rund 130.000 Passagiere waren betroffen, und die Airline riet Reisenden, wenn möglich auf die Bahn umzusteigen.',
      'Verdi-Verhandlungsführerin Christine Behle sagte, das Angebot des Unternehmens von 4 Prozent mehr Lohn sei viel zu niedrig.',
      'Die Gespräche zwischen der Gewerkschaft und der Lufthansa sollen nächste Woche in Frankfurt fortgesetzt werden.',
    ],
    nl: [
      'Een staking van het grondpersoneel bij Lufthansa dwong de luchtvaartmaatschappij woensdag om meer dan 1.200 vluchten te schrappen.',
      'De vakbond Verdi riep 25.000 werknemers in Frankfurt, München en Hamburg op om 27 uur het werk neer te leggen.',
      'Ongeveer 130.000 passagiers werden getroffen, en de maatschappij raadde reizigers aan waar mogelijk de trein te nemen.',
      'Verdi-onderhandelaar Christine Behle zei dat het bod van het bedrijf van 4 procent loonsverhoging veel te laag was.',
      'De gesprekken tussen de vakbond en Lufthansa worden volgende week in Frankfurt hervat.',
    ],
  },
  {
    en: [
      'Ajax has signed the Brazilian striker Lucas Moreira from Flamengo for a fee of 25 million euros.',
      'The 21-year-old forward agreed a five-year contract and will wear the number 9 shirt in Amsterdam.',
      'Moreira scored 18 goals in the Brazilian league last season and made his debut for the national team in March.',
      'Technical director Sven Mislintat said the club had followed the player for almost two years.',
      'The transfer is the most expensive in the history of the Eredivisie.',
    ],
    de: [
      'Ajax hat den brasilianischen Stürmer Lucas Moreira für eine Ablöse von 25 Millionen Euro von Flamengo verpflichtet.',
      'Der 21-jährige Angreifer unterschrieb einen Fünfjahresvertrag und wird in Amsterdam das Trikot mit der Nummer 9 tragen.',
      'Moreira erzielte in der vergangenen Saison 18 Tore in der brasilianischen Liga und gab im März sein Debüt für die Nationalmannschaft.',
      'Sportdirektor Sven Mislintat sagte, der Verein habe den Spieler fast zwei Jahre lang beobachtet.',
      'Der Transfer ist der teuerste in der Geschichte der Eredivisie.',
    ],
    nl: [
      'Ajax heeft de Braziliaanse spits Lucas Moreira voor een transferbedrag van 25 miljoen euro overgenomen van Flamengo.',
      'De 21-jarige aanvaller tekende een contract voor vijf jaar en draagt in Amsterdam het shirt met nummer 9.',
      'Moreira scoorde vorig seizoen 18 doelpunten in de Braziliaanse competitie en debuteerde in maart voor het nationale elftal.',
      'Technisch directeur Sven Mislintat zei dat de club de speler bijna twee jaar had gevolgd.',
      'De transfer is de duurste in de geschiedenis van de Eredivisie.',
    ],
  },
  {
    en: [
      'The Danish energy company Ørsted has started building a wind farm with 140 turbines off the coast of Borkum in the North Sea.',
      'The project, called Borkum Riffgrund 3, will have a capacity of 900 megawatts and is due to supply power from 2026.',
      'The electricity will be bought by BASF and Amazon under long-term contracts, the company said.',
      'Each turbine stands 250 metres tall and the foundations are driven 40 metres into the seabed.',
      'Environmental groups have asked for the construction work to pause during the porpoise breeding season.',
    ],
    de: [
      'Der dänische Energiekonzern Ørsted hat mit dem Bau eines Windparks mit 140 Turbinen vor der Küste von Borkum in der Nordsee begonnen.',
      'Das Projekt mit dem Namen Borkum Riffgrund 3 soll eine Leistung von 900 Megawatt haben und ab 2026 Strom liefern.',
      'Der Strom wird im Rahmen langfristiger Verträge von BASF und Amazon abgenommen, teilte das Unternehmen mit.',
      'Jede Turbine ist 250 Meter hoch, und die Fundamente werden 40 Meter tief in den Meeresboden gerammt.',
      'Umweltverbände fordern, die Bauarbeiten während der Fortpflanzungszeit der Schweinswale zu unterbrechen.',
    ],
    nl: [
      'Het Deense energiebedrijf Ørsted is begonnen met de bouw van een windpark met 140 turbines voor de kust van Borkum in de Noordzee.',
      'Het project, Borkum Riffgrund 3 genaamd, krijgt een vermogen van 900 megawatt en moet vanaf 2026 stroom leveren.',
      'De elektriciteit wordt via langlopende contracten afgenomen door BASF en Amazon, meldde het bedrijf.',
      'Elke turbine is 250 meter hoog en de funderingen worden 40 meter diep in de zeebodem geheid.',
      'Milieuorganisaties hebben gevraagd de bouwwerkzaamheden stil te leggen tijdens het voortplantingsseizoen van bruinvissen.',
    ],
  },
];

const LANGS = ['de', 'nl', 'en'] as const;

/** Report k in language l has id 10 * (k + 1) + l (de 0, nl 1, en 2): 10, 11, 12, 20, ... */
export const reportId = (k: number, lang: (typeof LANGS)[number]) => 10 * (k + 1) + LANGS.indexOf(lang);

function sentences(r: Report, lang: (typeof LANGS)[number]): MatchDocument['sentences'] {
  return r[lang].map((text, i) => ({ text, english: lang === 'en' ? null : r.en[i]! }));
}

/** The eighteen reports: each story in German, Dutch and English, German and Dutch with English. */
export function reportDocuments(): MatchDocument[] {
  return REPORTS.flatMap((r, k) => LANGS.map((lang) => ({ id: reportId(k, lang), lang, published: null, eventDates: [], sentences: sentences(r, lang) })));
}

/** A digest: every story's German (id 100), or every story's English (id 101), in one document. */
export function compilationDocuments(): MatchDocument[] {
  return [
    { id: 100, lang: 'de', published: null, eventDates: [], sentences: REPORTS.flatMap((r) => sentences(r, 'de')) },
    { id: 101, lang: 'en', published: null, eventDates: [], sentences: REPORTS.flatMap((r) => sentences(r, 'en')) },
  ];
}
