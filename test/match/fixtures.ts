// Hand-written English renderings (by the test author) of specific sentences of the seed articles,
// standing in for machine translation. Keys: sample id -> sentence index (as ingested) -> English.
export const SEED_ENGLISH: Record<number, Record<number, string>> = {
  0: {
    4: 'Moscow and Beijing declared a "limitless" partnership in February 2022 when Putin visited Beijing, only a few days before Russia launched its full-scale invasion of Ukraine, thereby triggering the deadliest land war in Europe since the Second World War.',
    5: 'After sending its troops into Ukraine, Russia was confronted with sanctions that blocked access to Western markets and finance, and has since been China\'s fastest-growing trading partner.',
  },
  2: {
    3: 'A military police brigade on motorcycles escorted his convoy to the city, and subsequent meetings are expected with his counterpart Xi Jinping and other senior officials to reaffirm their commitment to the "limitless" relationship they signed in 2022, before Russia unleashes its full nuclear capacity.',
    4: '-Large-scale invasion of Ukraine.',
    5: 'Since then, Russia has become increasingly economically dependent on China, because Western sanctions have cut off access to a large part of the international trading system.',
  },
};

/**
 * Sample 003 (de) rendered sentence by sentence into English, and a Dutch version of it (with the
 * same English) — a translated duplicate.
 */
export const S003_ENGLISH: string[] = [
  'Russian Foreign Minister Lavrov arrived in Pyongyang and thanked North Korea for its "steadfast support" in the war in Ukraine.',
  'He said bilateral relations had reached a "strategic" level.',
  'Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on October 18, beginning a two-day visit to North Korea.',
  'North Korean media called Lavrov\'s visit an "important opportunity" to further strengthen bilateral relations.',
  'At a reception hosted by North Korea in the evening, Lavrov said Russia highly appreciated North Korea\'s principled and unwavering support for its activities related to the special military operation in Ukraine.',
  '"Russia also fully supports and stands in solidarity with the aspirations of North Korea," Lavrov said.',
  'Lavrov\'s visit is meant to lay the groundwork for a future visit by President Vladimir Putin to North Korea.',
  'At a meeting with North Korean Foreign Minister Choe Son-hui, Lavrov said today that the relations between the two countries had reached a new level.',
  '"After the landmark summit in September between President Putin and leader Kim Jong-un, we can say with confidence that relations between Russia and the DPRK have reached a qualitatively new strategic level," he said.',
  'At his visit to Russia and his meeting with President Putin last month, Kim Jong-un affirmed that bilateral relations with Moscow were the top priority for Pyongyang.',
  'Kim Jong-un also invited Putin to visit North Korea, and the Russian president accepted the invitation.',
  'Kremlin spokesman Dmitry Peskov said the date of Putin\'s visit had not yet been set through diplomatic channels.',
  'According to him, the visit of Foreign Minister Lavrov could bring clarity on the question.',
  'The good relations between Russia and North Korea have intensified since the outbreak of the Ukraine conflict in December 2022.',
  'Pyongyang has repeatedly supported Russia publicly at the United Nations and stressed that the "hegemonic and arbitrary policy" of the US and its Western allies is the cause of the war.',
  'North Korean leader Kim Jong-un affirmed that increased cooperation with neighbouring Russia was "a matter of course".',
];

export const S003_DUTCH: string[] = [
  'De Russische minister van Buitenlandse Zaken Lavrov arriveerde in Pyongyang en bedankte Noord-Korea voor zijn "standvastige steun" in de oorlog in Oekraïne.',
  'Hij zei dat de bilaterale betrekkingen een "strategisch" niveau hadden bereikt.',
  'De Russische minister van Buitenlandse Zaken Sergej Lavrov arriveerde op 18 oktober in Pyongyang en begon daarmee een tweedaags bezoek aan Noord-Korea.',
  'Noord-Koreaanse media noemden het bezoek van Lavrov een "belangrijke kans" om de bilaterale betrekkingen verder te versterken.',
  'Tijdens een receptie die Noord-Korea \'s avonds organiseerde, zei Lavrov dat Rusland de principiële en onwankelbare steun van Noord-Korea voor zijn activiteiten in verband met de speciale militaire operatie in Oekraïne zeer waardeert.',
  '"Rusland steunt en is ook volledig solidair met de aspiraties van Noord-Korea", zei Lavrov.',
  'Het bezoek van Lavrov moet de basis leggen voor een toekomstig bezoek van president Vladimir Poetin aan Noord-Korea.',
  'Tijdens een ontmoeting met de Noord-Koreaanse minister van Buitenlandse Zaken Choe Son-hui zei Lavrov vandaag dat de betrekkingen tussen beide landen een nieuw niveau hadden bereikt.',
  '"Na de baanbrekende top in september tussen president Poetin en leider Kim Jong-un kunnen we met vertrouwen zeggen dat de betrekkingen tussen Rusland en de DVK een kwalitatief nieuw strategisch niveau hebben bereikt", zei hij.',
  'Tijdens zijn bezoek aan Rusland en zijn ontmoeting met president Poetin vorige maand bevestigde Kim Jong-un dat de bilaterale betrekkingen met Moskou de hoogste prioriteit hadden voor Pyongyang.',
  'Kim Jong-un nodigde Poetin ook uit voor een bezoek aan Noord-Korea, en de Russische president aanvaardde de uitnodiging.',
  'Kremlinwoordvoerder Dmitri Peskov verklaarde dat de datum van het bezoek van Poetin langs diplomatieke weg nog niet was vastgesteld.',
  'Volgens hem zou het bezoek van minister van Buitenlandse Zaken Lavrov duidelijkheid kunnen brengen.',
  'De goede betrekkingen tussen Rusland en Noord-Korea zijn versterkt sinds het uitbreken van het conflict in Oekraïne in december 2022.',
  'Pyongyang heeft Rusland herhaaldelijk publiekelijk gesteund bij de Verenigde Naties en benadrukt dat het "hegemonische en willekeurige beleid" van de VS en hun westerse bondgenoten de oorzaak van de oorlog is.',
  'De Noord-Koreaanse leider Kim Jong-un bevestigde dat meer samenwerking met buurland Rusland "vanzelfsprekend" is.',
];
