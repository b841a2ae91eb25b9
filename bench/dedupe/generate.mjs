/**
 * A deterministic generator of messy German / Austrian / Swiss B2B lead lists with ground truth.
 *
 *   generate({ n, dupRate, seed }) → { rows, entities }
 *
 * rows are leadkit rows (canonical columns, every value a string); entities[i] is the person
 * behind rows[i]. About dupRate of the rows are extra records of a person already in the list.
 *
 * The world is built to be as nasty as real lists:
 * - duplicates: case (MÜLLER), umlaut spelling (Mueller, Muller), typos, nicknames (Tom, Kathi,
 *   Hannes), initials ("T."), academic titles inside name fields ("Dr. Thomas", "Dipl.-Ing."),
 *   the whole name in full_name ("Herr Dr. Thomas Müller"), swapped first/last, a double surname
 *   used in part, private instead of work email, gmail dot/plus variants, the phone in another
 *   format or the switchboard instead of the direct line, legal-form spellings (G.m.b.H., "GmbH u.
 *   Co. KG", dropped), branch suffixes ("– Niederlassung Köln"), "Str." / "Straße" / "Strasse",
 *   missing fields, and companies that moved office between two lists.
 * - look-alikes that are different people: family businesses where relatives share the owner's
 *   surname, the switchboard and info@; colleagues sharing a switchboard or a role address;
 *   namesakes (same first and last name) in the same city.
 *
 * Pure JavaScript with its own seeded PRNG (mulberry32): the same arguments always give the same
 * rows, on any machine, without network or files.
 */

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  chance(p) {
    return this.next() < p;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  /** Zipf-like pick: early entries are more frequent (weight 1/(rank+offset)^s). */
  zipf(list, s = 1, offset = 1) {
    const key = `${s}|${offset}`;
    let cdf = list.__cdf?.get(key);
    if (!cdf) {
      cdf = new Float64Array(list.length);
      let acc = 0;
      for (let i = 0; i < list.length; i++) cdf[i] = acc += 1 / Math.pow(i + offset, s);
      for (let i = 0; i < list.length; i++) cdf[i] /= acc;
      if (!list.__cdf) Object.defineProperty(list, '__cdf', { value: new Map(), enumerable: false });
      list.__cdf.set(key, cdf);
    }
    const r = this.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  }
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  }
}

// --- Vocabulary ------------------------------------------------------------------------------

const MALE = `Thomas Michael Andreas Stefan Peter Klaus Wolfgang Jürgen Christian Frank Markus Martin Uwe
Alexander Matthias Daniel Jan Tobias Sebastian Florian Hans Dieter Manfred Werner Bernd Ralf Karl Heinz
Helmut Gerhard Horst Günter Maximilian Lukas Felix Paul Jonas Leon David Philipp Simon Tim Marco Dirk
Holger Sven Oliver Torsten Jörg Robert Johannes Josef Franz Georg Benjamin Dominik Patrick Richard
Wilhelm Friedrich Heinrich Ulrich Rudolf Christoph Nikolaus Bernhard Reinhard Anton Jakob Samuel
Vinzenz Leonhard Ludwig Valentin Theodor Alfred Ferdinand Norbert Albert Herbert Hubert Gottfried
Konstantin Kai Nils Lars Moritz Niklas Fabian Julian Marcel Dennis Kevin Mario René Sascha Volker Lutz
Rainer Hartmut Detlef Erwin Ernst Otto Emil Hugo Anselm Cornelius Bastian Till Malte Henrik Jannik`.split(/\s+/);

const FEMALE = `Sabine Susanne Petra Andrea Claudia Monika Birgit Ursula Stefanie Julia Katrin Nicole Anja
Christina Sandra Martina Anna Maria Laura Lisa Sarah Lena Katharina Melanie Jessica Jennifer Daniela
Heike Karin Renate Gabriele Elke Barbara Ute Angelika Silke Tanja Kerstin Sonja Christine Manuela
Simone Brigitte Ingrid Elisabeth Marie Sophie Hannah Lea Emma Franziska Cornelia Dorothea Rebecca
Ulrike Margarete Patricia Magdalena Helena Caroline Theresa Josefine Alexandra Johanna Veronika
Birte Frauke Wiebke Anke Dagmar Gudrun Hildegard Irmgard Jutta Kirsten Meike Nadine Nina Svenja
Vanessa Yvonne Carina Larissa Miriam Ramona Tamara Verena Bettina Doris Edith Gisela Helga`.split(/\s+/);

/** Short forms lists use, by full name (subset of leadkit's table plus some it must not need). */
const NICKNAMES = {
  Thomas: ['Tom', 'Tommy'],
  Michael: ['Micha', 'Mike'],
  Andreas: ['Andi'],
  Stefan: ['Steffen'],
  Alexander: ['Alex'],
  Christian: ['Chris'],
  Christoph: ['Chris'],
  Daniel: ['Dani'],
  Sebastian: ['Basti'],
  Tobias: ['Tobi'],
  Florian: ['Flo'],
  Johannes: ['Hannes', 'Hans'],
  Wolfgang: ['Wolf'],
  Maximilian: ['Max'],
  Benjamin: ['Ben'],
  Dominik: ['Domi'],
  Patrick: ['Paddy'],
  Nikolaus: ['Niko'],
  Katharina: ['Kathi', 'Käthe'],
  Franziska: ['Franzi'],
  Stefanie: ['Steffi'],
  Gabriele: ['Gabi'],
  Susanne: ['Susi'],
  Elisabeth: ['Liesel', 'Elise'],
  Christina: ['Chris'],
  Cornelia: ['Conny'],
  Ulrike: ['Uli'],
  Ulrich: ['Uli'],
  Rudolf: ['Rudi'],
  Josef: ['Sepp', 'Joe'],
  Friedrich: ['Fritz'],
  Alexandra: ['Alex'],
  Margarete: ['Grete'],
  Theresa: ['Resi'],
  Magdalena: ['Magda'],
  Barbara: ['Babsi'],
  Rebecca: ['Becky'],
  Richard: ['Richie'],
  Robert: ['Rob'],
  Patricia: ['Patty'],
};

const COMMON_SURNAMES = `Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange
Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer
Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther
Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus
Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf
Gruber Pichler Steiner Moser Hofer Leitner Eder Gerber Brunner Widmer Wyss Lechner Egger Wallner`.split(/\s+/);

const SURNAME_HEAD = `Brand Stein Berg Hof Wald Kirch Mühl Lind Rosen Eich Buch Hollen Dorn Sonnen Ober Unter
Alt Neu Gold Silber Eisen Kalten Schön Fried Gott Lieb Weiden Birken Tann Feld Bach Brunn Burg Hage
Stras Wester Oster Süder Nord Leutner Kessel Hammer Schmied Wagen Zeller Reiter Holz Kohl Mehl Salz`.split(/\s+/);
const SURNAME_TAIL = `mann er meier huber hauser berger bauer müller hofer leitner bichler moser reiter wieser
egger gruber lechner rieder thaler schlager inger ecker stätter bacher mayr hammer steiner felder
baum born dorf feld haus heim kamp kötter linger mann ner rath schläger`.split(/\s+/);

const FOREIGN_SURNAMES = `Kowalski,Nowak,Yılmaz,Kaya,Demir,Rossi,Bianchi,Novak,Horvat,Papadopoulos,Jansen,
de Vries,Dubois,García,Fernández,Silva,Kovačević,Popescu,Ivanov,Nielsen,Andersson,Łukasik,Sánchez`.split(/,\s*/);

const CITIES = [
  // [city, postal range start, end, state, country, area code, variants]
  ['Berlin', 10115, 14199, 'Berlin', 'DE', '30'],
  ['Hamburg', 20095, 22769, 'Hamburg', 'DE', '40'],
  ['München', 80331, 81929, 'Bayern', 'DE', '89', ['Muenchen', 'Munich']],
  ['Köln', 50667, 51149, 'Nordrhein-Westfalen', 'DE', '221', ['Koeln', 'Cologne']],
  ['Frankfurt am Main', 60306, 60599, 'Hessen', 'DE', '69', ['Frankfurt a.M.', 'Frankfurt/Main', 'Frankfurt']],
  ['Stuttgart', 70173, 70629, 'Baden-Württemberg', 'DE', '711'],
  ['Düsseldorf', 40210, 40629, 'Nordrhein-Westfalen', 'DE', '211', ['Duesseldorf']],
  ['Leipzig', 4103, 4357, 'Sachsen', 'DE', '341'],
  ['Dortmund', 44135, 44388, 'Nordrhein-Westfalen', 'DE', '231'],
  ['Essen', 45127, 45359, 'Nordrhein-Westfalen', 'DE', '201'],
  ['Bremen', 28195, 28779, 'Bremen', 'DE', '421'],
  ['Dresden', 1067, 1328, 'Sachsen', 'DE', '351'],
  ['Hannover', 30159, 30669, 'Niedersachsen', 'DE', '511'],
  ['Nürnberg', 90402, 90491, 'Bayern', 'DE', '911', ['Nuernberg']],
  ['Augsburg', 86150, 86199, 'Bayern', 'DE', '821'],
  ['Freiburg im Breisgau', 79098, 79117, 'Baden-Württemberg', 'DE', '761', ['Freiburg', 'Freiburg i. Br.']],
  ['Münster', 48143, 48167, 'Nordrhein-Westfalen', 'DE', '251', ['Muenster']],
  ['Regensburg', 93047, 93059, 'Bayern', 'DE', '941'],
  ['Ulm', 89073, 89081, 'Baden-Württemberg', 'DE', '731'],
  ['Kiel', 24103, 24159, 'Schleswig-Holstein', 'DE', '431'],
  ['Würzburg', 97070, 97084, 'Bayern', 'DE', '931', ['Wuerzburg']],
  ['Göttingen', 37073, 37085, 'Niedersachsen', 'DE', '551', ['Goettingen']],
  ['Bielefeld', 33602, 33739, 'Nordrhein-Westfalen', 'DE', '521'],
  ['Mainz', 55116, 55131, 'Rheinland-Pfalz', 'DE', '6131'],
  ['Rosenheim', 83022, 83026, 'Bayern', 'DE', '8031'],
  ['Lüneburg', 21335, 21339, 'Niedersachsen', 'DE', '4131', ['Lueneburg']],
  ['Wien', 1010, 1230, 'Wien', 'AT', '1', ['Vienna']],
  ['Graz', 8010, 8055, 'Steiermark', 'AT', '316'],
  ['Linz', 4020, 4040, 'Oberösterreich', 'AT', '732'],
  ['Salzburg', 5020, 5026, 'Salzburg', 'AT', '662'],
  ['Innsbruck', 6020, 6080, 'Tirol', 'AT', '512'],
  ['Zürich', 8001, 8099, 'Zürich', 'CH', '44', ['Zuerich', 'Zurich']],
  ['Basel', 4001, 4059, 'Basel-Stadt', 'CH', '61'],
  ['Bern', 3001, 3030, 'Bern', 'CH', '31'],
  ['Luzern', 6003, 6015, 'Luzern', 'CH', '41', ['Lucerne']],
  ['St. Gallen', 9000, 9016, 'St. Gallen', 'CH', '71', ['Sankt Gallen']],
];

const COUNTRY_CODE = { DE: '49', AT: '43', CH: '41' };
const COUNTRY_NAMES = { DE: ['DE', 'Deutschland', 'Germany'], AT: ['AT', 'Österreich', 'Austria'], CH: ['CH', 'Schweiz', 'Switzerland'] };

const STREET_HEAD = `Haupt Bahnhof Garten Schiller Goethe Linden Berg Kirch Schul Wald Mühlen Kaiser König Post
Markt Rosen Ring Industrie Gewerbe Friedrich Wilhelm Luisen Bismarck Beethoven Mozart Uhland Eichen
Birken Ahorn Buchen Tannen Feld Wiesen Bach Brunnen Burg Dorf Hafen Kanal Park Sonnen Stern Tal Turm`.split(/\s+/);
const STREET_TYPES = [
  ['straße', 12],
  ['weg', 4],
  ['platz', 1],
  ['allee', 1],
  ['gasse', 1],
  ['ring', 1],
];

const TRADES = `Holzbau Elektrotechnik Metallbau Sanitär Dachdeckerei Malerbetrieb Bäckerei Autohaus Druckerei
Steuerberatung Immobilien Logistik Maschinenbau Software Consulting Medizintechnik Gartenbau Spedition
Reisebüro Fenstertechnik Heizungsbau Brandschutz Zahntechnik Optik Versicherungsmakler Werbeagentur
Ingenieurbüro Architekten Hausverwaltung Gebäudereinigung Kältetechnik Stahlbau Tiefbau Schreinerei`.split(/\s+/);
const BRAND_A = `Nord Süd West Ost Alpen Rhein Main Elb Donau Isar Spree Hanse Alpha Delta Omega Prime Smart
Blue Green Solar Terra Aqua Vita Futur Neo Pro Top Euro Inter Multi Tech Data Net Web Cloud`.split(/\s+/);
const BRAND_B = `tec tech soft data systems solutions consult logic werk haus bau med plan line star point
works labs vision trade form wert`.split(/\s+/);

const LEGAL_FORMS = [
  ['GmbH', 50],
  ['GmbH & Co. KG', 12],
  ['AG', 5],
  ['UG (haftungsbeschränkt)', 5],
  ['KG', 4],
  ['e.K.', 4],
  ['OHG', 2],
  ['GbR', 3],
  ['SE', 1],
  ['Ltd.', 1],
  ['', 8],
];
/** How lists write each legal form (the first is the register's spelling). */
const LEGAL_VARIANTS = {
  GmbH: ['GmbH', 'G.m.b.H.', 'GMBH', 'Gesellschaft mit beschränkter Haftung', 'mbH', 'Gmbh'],
  'GmbH & Co. KG': ['GmbH & Co. KG', 'GmbH u. Co. KG', 'GmbH und Co. KG', 'GmbH & Co KG', 'GmbH&Co.KG'],
  AG: ['AG', 'Aktiengesellschaft', 'A.G.'],
  'UG (haftungsbeschränkt)': ['UG (haftungsbeschränkt)', 'UG', 'UG haftungsbeschränkt'],
  KG: ['KG', 'K.G.', 'Kommanditgesellschaft'],
  'e.K.': ['e.K.', 'e. K.', 'eK', 'e.Kfm.'],
  OHG: ['OHG', 'oHG', 'O.H.G.'],
  GbR: ['GbR', 'G.b.R.'],
  SE: ['SE'],
  'Ltd.': ['Ltd.', 'Ltd', 'Limited'],
  '': [''],
};

const JOB_TITLES = [
  'Geschäftsführer',
  'Geschäftsführerin',
  'Inhaber',
  'Vertriebsleiter',
  'Einkaufsleiterin',
  'Prokurist',
  'Leiter IT',
  'Marketingleiterin',
  'Projektleiter',
  'Bauleiter',
  'Assistentin der Geschäftsführung',
  'Buchhalterin',
  'Teamleiter Vertrieb',
  'Key Account Manager',
  'Office Managerin',
];

const FREEMAIL = ['gmail.com', 'gmx.de', 'web.de', 't-online.de', 'yahoo.de', 'outlook.com', 'gmx.at', 'bluewin.ch', 'icloud.com'];
const ROLE_LOCALS = ['info', 'kontakt', 'office', 'mail', 'vertrieb', 'service'];

// --- Text helpers ----------------------------------------------------------------------------

const TRANSLIT = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };
function transliterate(s) {
  return s.replace(/[äöüÄÖÜß]/g, (c) => TRANSLIT[c]);
}
function stripAccents(s) {
  return s.replace(/ß/g, 'ss').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
function asciiLower(s) {
  return transliterate(s)
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[ıİ]/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
const KEYBOARD = 'qwertzuiopasdfghjklyxcvbnm';
function typo(rng, s) {
  if (s.length < 4) return s;
  const i = rng.int(1, s.length - 2);
  switch (rng.int(0, 3)) {
    case 0: // transposition
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    case 1: // deletion
      return s.slice(0, i) + s.slice(i + 1);
    case 2: // insertion (doubling)
      return s.slice(0, i) + s[i] + s.slice(i);
    default: {
      // substitution with a keyboard neighbour
      const k = KEYBOARD.indexOf(s[i].toLowerCase());
      const c = k < 0 ? 'e' : KEYBOARD[Math.min(KEYBOARD.length - 1, k + 1)];
      return s.slice(0, i) + c + s.slice(i + 1);
    }
  }
}
function pad(n, w) {
  return String(n).padStart(w, '0');
}

// --- World -----------------------------------------------------------------------------------

function makeSurnamePool(rng) {
  // The common names first (they get the Zipf head), then every head+tail compound in a
  // shuffled order as the long tail of rarer names.
  const pool = [...COMMON_SURNAMES];
  const seen = new Set(pool);
  const tail = [];
  for (const h of SURNAME_HEAD) for (const t of SURNAME_TAIL) if (!seen.has(h + t)) tail.push(h + t);
  for (let i = tail.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [tail[i], tail[j]] = [tail[j], tail[i]];
  }
  return pool.concat(tail);
}

function makeAddress(rng, city) {
  const [name, lo, hi, state, country] = city;
  const span = Math.max(1, Math.floor((hi - lo) / 7));
  const postal = pad(lo + 7 * rng.int(0, span), country === 'DE' ? 5 : 4);
  const type = rng.weighted(STREET_TYPES);
  const street = `${rng.pick(STREET_HEAD)}${type}`;
  const houseNumber = `${rng.int(1, 180)}${rng.chance(0.1) ? rng.pick(['a', 'b', 'c']) : ''}`;
  return { street, houseNumber, postal, city: name, state, country, cityRef: city };
}

function phoneNumber(rng, city) {
  return { cc: COUNTRY_CODE[city[4]], area: city[5], local: String(rng.int(2000000, 9899999)).slice(0, rng.int(6, 7)) };
}

function makeCompany(rng, surnames, id) {
  const city = rng.zipf(CITIES, 0.8, 2);
  const legal = rng.weighted(LEGAL_FORMS);
  const kind = rng.weighted([
    ['family', 45],
    ['brand', 35],
    ['partner', 10],
    ['acronym', 10],
  ]);
  let base;
  let familyName = '';
  if (kind === 'family') {
    familyName = rng.zipf(surnames, 0.75, 10);
    base = `${familyName} ${rng.pick(TRADES)}`;
  } else if (kind === 'brand') {
    base = `${rng.pick(BRAND_A)}${rng.pick(BRAND_B)} ${rng.pick(TRADES)}`;
  } else if (kind === 'partner') {
    familyName = rng.zipf(surnames, 0.75, 10);
    base = `${familyName} & ${rng.pick(['Partner', 'Söhne', 'Kollegen'])}`;
  } else {
    base = `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))} ${rng.pick(TRADES)}`;
  }
  const name = legal ? `${base} ${legal}` : base;
  const domain = `${asciiLower(base.split(' ').slice(0, 2).join('-')).slice(0, 24)}${id % 7 === 0 ? '-' + (id % 100) : ''}.${city[4] === 'DE' ? 'de' : city[4] === 'AT' ? 'at' : 'ch'}`;
  const address = makeAddress(rng, city);
  const phone = phoneNumber(rng, city);
  // Size: most lead-list companies are small; a few are large.
  const size = Math.min(400, Math.floor(1 + Math.pow(rng.next(), 3) * 60) + (rng.chance(0.02) ? rng.int(50, 300) : 0));
  const moved = rng.chance(0.08) ? { address: makeAddress(rng, rng.chance(0.7) ? city : rng.pick(CITIES)), phone: rng.chance(0.6) ? phoneNumber(rng, city) : phone } : null;
  const roleEmail = `${rng.pick(ROLE_LOCALS)}@${domain}`;
  const branches = rng.chance(0.1) ? [rng.pick(CITIES)[0]] : [];
  return { id, base, legal, name, kind, familyName, domain, address, phone, size, moved, roleEmail, branches, employees: 0 };
}

function makePerson(rng, id, company, surnames, namesakeSource) {
  const female = rng.chance(0.45);
  let first;
  let last;
  if (namesakeSource) {
    first = namesakeSource.first;
    last = namesakeSource.last;
  } else {
    first = rng.zipf(female ? FEMALE : MALE, 0.7, 6);
    // Family businesses: the owner's family works there too (a few people, not half of a large firm).
    if (company && company.familyName && company.employees <= 4 && rng.chance(company.kind === 'family' ? 0.6 : 0.4)) last = company.familyName;
    else if (rng.chance(0.05)) last = rng.pick(FOREIGN_SURNAMES);
    else last = rng.zipf(surnames, 0.75, 10);
    if (rng.chance(0.04)) last = `${last}-${rng.zipf(surnames, 0.75, 10)}`;
    if (rng.chance(0.08)) first = `${first}-${rng.pick(female ? FEMALE : MALE)}`.replace(/^(\S+)-\1$/, '$1');
  }
  const title = rng.weighted([
    ['', 86],
    ['Dr.', 8],
    ['Dipl.-Ing.', 4],
    ['Prof. Dr.', 1],
    ['Mag.', 1],
  ]);
  const f0 = asciiLower(first.split('-')[0]);
  const l0 = asciiLower(last);
  let workEmail = '';
  let direct = null;
  if (company) {
    // Small companies often use one address for everybody; others have personal addresses.
    if (company.size <= 3 && rng.chance(0.4)) workEmail = company.roleEmail;
    else {
      const pattern = rng.weighted([
        ['f.l', 45],
        ['fl', 10],
        ['f1.l', 20],
        ['l', 8],
        ['f', 7],
        ['f_l', 10],
      ]);
      const local =
        pattern === 'f.l' ? `${f0}.${l0}` : pattern === 'fl' ? `${f0}${l0}` : pattern === 'f1.l' ? `${f0[0]}.${l0}` : pattern === 'l' ? l0 : pattern === 'f' ? f0 : `${f0}_${l0}`;
      workEmail = `${local}@${company.domain}`;
    }
    if (rng.chance(0.55)) direct = { ...company.phone, ext: String(rng.int(10, 399)) };
  }
  const privateEmail = rng.chance(company ? 0.3 : 0.9)
    ? `${rng.chance(0.5) ? `${f0}.${l0}` : `${f0}${l0}`}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.zipf(FREEMAIL, 1, 1)}`
    : '';
  const mobile = rng.chance(0.45) ? { cc: company ? COUNTRY_CODE[company.address.country] : '49', area: rng.pick(['151', '160', '170', '171', '172', '175', '176', '179']), local: String(rng.int(1000000, 99999999)) } : null;
  const home = company ? null : makeAddress(rng, rng.zipf(CITIES, 0.8, 2));
  const jobTitle = company ? rng.pick(JOB_TITLES) : '';
  return { id, female, first, last, title, company, workEmail, privateEmail, direct, mobile, home, jobTitle };
}

// --- Rendering records -------------------------------------------------------------------------

function formatPhone(rng, p, ext, style) {
  if (!p) return '';
  const local = ext ? `${p.local}${ext}` : p.local;
  const s = style ?? rng.int(0, 5);
  switch (s) {
    case 0:
      return `+${p.cc}${p.area}${local}`;
    case 1:
      return `0${p.area} ${local}`;
    case 2:
      return `+${p.cc} (0)${p.area} ${local}`;
    case 3:
      return `00${p.cc}-${p.area}-${local}`;
    case 4:
      return `+${p.cc} ${p.area} ${local.replace(/(\d{3})(?=\d)/g, '$1 ')}`;
    default:
      return ext ? `0${p.area} ${p.local}-${ext}` : `0${p.area}/${local}`;
  }
}

function streetVariant(rng, street, noisy) {
  if (!noisy || !/straße$/.test(street)) return street;
  return rng.pick([street, street.replace(/straße$/, 'str.'), street.replace(/straße$/, 'strasse'), street.replace(/straße$/, 'Str.'), street.replace(/(\S+)straße$/, '$1-Straße')]);
}

function gmailVariant(rng, email) {
  const [local, domain] = email.split('@');
  if (domain !== 'gmail.com') return email;
  return rng.pick([local.replace(/\./g, ''), `${local}+crm`, local.replace('.', '.')]) + '@' + rng.pick(['gmail.com', 'googlemail.com']);
}

function companyVariant(rng, company, noisy) {
  if (!noisy) return company.name;
  let legal = company.legal ? rng.pick(LEGAL_VARIANTS[company.legal]) : '';
  if (rng.chance(0.12)) legal = '';
  let base = company.base;
  if (rng.chance(0.25)) base = transliterate(base);
  if (rng.chance(0.03)) base = typo(rng, base);
  let name = legal ? `${base} ${legal}` : base;
  if (rng.chance(0.12)) name = name.toUpperCase();
  if (company.branches.length && rng.chance(0.5)) name += rng.pick([` – Niederlassung ${company.branches[0]}`, ` Zweigniederlassung ${company.branches[0]}`, ` (Filiale ${company.branches[0]})`]);
  return name;
}

let recordSeq = 0;

function render(rng, person, noisy, late) {
  const row = {
    record_id: '',
    source: '',
    salutation: '',
    academic_title: '',
    first_name: '',
    last_name: '',
    full_name: '',
    company: '',
    title: '',
    email: '',
    phone: '',
    mobile: '',
    street: '',
    house_number: '',
    postal_code: '',
    city: '',
    country: '',
    created_at: '',
    consent_email: '',
  };
  const c = person.company;
  const p = noisy ? 1 : 0.25; // the first record of a person is cleaner
  // Names
  let first = person.first;
  let last = person.last;
  let title = person.title;
  if (noisy && NICKNAMES[first.split('-')[0]] && rng.chance(0.2)) first = rng.pick(NICKNAMES[first.split('-')[0]]);
  if (noisy && first.includes('-') && rng.chance(0.4)) first = first.split('-')[0];
  if (noisy && last.includes('-') && rng.chance(0.5)) last = last.split('-')[rng.chance(0.75) ? 0 : 1];
  if (rng.chance(0.06 * p)) last = typo(rng, last);
  if (rng.chance(0.04 * p)) first = typo(rng, first);
  if (/[äöüÄÖÜß]/.test(first + last) && rng.chance(0.3 * p)) {
    if (rng.chance(0.8)) {
      first = transliterate(first);
      last = transliterate(last);
    } else {
      first = stripAccents(first);
      last = stripAccents(last);
    }
  }
  if (noisy && rng.chance(0.06)) first = `${first[0]}.`;
  if (rng.chance(0.1 * p)) {
    first = first.toUpperCase();
    last = last.toUpperCase();
  } else if (rng.chance(0.03 * p)) {
    first = first.toLowerCase();
    last = last.toLowerCase();
  }
  const salutation = rng.chance(0.7) ? (person.female ? 'Frau' : 'Herr') : '';
  const layout = rng.weighted([
    ['fields', 80],
    ['full', noisy ? 9 : 4],
    ['title-in-first', title ? 5 : 0],
    ['swapped', noisy ? 3 : 0],
    ['lastfirst', noisy ? 3 : 0],
  ]);
  if (layout === 'full') {
    row.full_name = [rng.chance(0.5) ? salutation : '', title, first, last].filter(Boolean).join(' ');
  } else if (layout === 'lastfirst') {
    row.full_name = `${last}, ${[title, first].filter(Boolean).join(' ')}`;
  } else if (layout === 'swapped') {
    row.first_name = last;
    row.last_name = first;
    row.salutation = salutation;
  } else if (layout === 'title-in-first') {
    row.first_name = `${title} ${first}`;
    row.last_name = last;
    row.salutation = salutation;
  } else {
    row.first_name = first;
    row.last_name = last;
    row.salutation = salutation;
    row.academic_title = rng.chance(0.6) ? title : '';
  }

  // Company, address, phone
  const movedNow = c && c.moved && late;
  const address = c ? (movedNow ? c.moved.address : c.address) : person.home;
  if (c && !(noisy && rng.chance(0.08))) {
    row.company = companyVariant(rng, c, noisy);
    row.title = rng.chance(0.6) ? person.jobTitle : '';
  }
  if (!(noisy && rng.chance(0.1))) {
    const street = streetVariant(rng, address.street, noisy);
    if (rng.chance(0.5)) row.street = `${street} ${address.houseNumber}`;
    else {
      row.street = street;
      row.house_number = noisy && rng.chance(0.1) ? address.houseNumber.replace(/(\d)([a-c])$/, '$1 $2') : address.houseNumber;
    }
    row.postal_code = noisy && rng.chance(0.05) ? '' : (rng.chance(0.03) ? (address.country === 'DE' ? 'D-' : address.country === 'AT' ? 'A-' : 'CH-') : '') + address.postal;
    const variants = address.cityRef[6];
    row.city = noisy && variants && rng.chance(0.3) ? rng.pick(variants) : address.city;
    row.country = rng.chance(0.8) ? rng.pick(COUNTRY_NAMES[address.country]) : '';
  }
  const switchboard = c ? (movedNow ? c.moved.phone : c.phone) : null;
  const phoneStyle = noisy ? undefined : rng.int(0, 1);
  if (c) {
    const useDirect = person.direct && !(noisy && rng.chance(0.1));
    if (!(noisy && rng.chance(0.2))) row.phone = useDirect ? formatPhone(rng, person.direct, person.direct.ext, phoneStyle) : formatPhone(rng, switchboard, '', phoneStyle);
  }
  if (person.mobile && rng.chance(noisy ? 0.5 : 0.6)) {
    if (!row.phone && rng.chance(0.5)) row.phone = formatPhone(rng, person.mobile, '', phoneStyle);
    else row.mobile = formatPhone(rng, person.mobile, '', phoneStyle);
  }

  // Email: work, private, or none
  let email = c ? person.workEmail : person.privateEmail;
  if (noisy) {
    const r = rng.next();
    if (r < 0.15 && person.privateEmail) email = person.privateEmail;
    else if (r < 0.28) email = '';
  }
  if (email && noisy && rng.chance(0.3)) email = gmailVariant(rng, email);
  if (email && rng.chance(0.05 * p)) email = email.replace(/^./, (ch) => ch.toUpperCase());
  row.email = email;

  row.source = rng.pick(['crm', 'messe', 'kaufliste', 'webform', 'xing']);
  const year = late ? rng.int(2022, 2025) : rng.int(2018, 2022);
  row.created_at = `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
  row.consent_email = rng.weighted([
    ['', 50],
    ['ja', 20],
    ['nein', 8],
    ['DOI', 10],
    ['opt-out', 2],
    ['yes', 10],
  ]);
  row.record_id = `gen:${++recordSeq}`;
  return row;
}

// --- Public API ------------------------------------------------------------------------------

/**
 * The row as a CSV reader would hand it over: every value a slice of one line of text. The
 * generator builds values by concatenation, which V8 keeps as ropes until first read; benchmarking
 * on those would time the flattening of the generator's strings, not the engine.
 */
function asParsed(row) {
  const keys = Object.keys(row);
  const values = keys.map((k) => row[k]).join('\u0001').split('\u0001');
  const out = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]] = values[i];
  return out;
}

const COMMON_SURNAME_SET = new Set(COMMON_SURNAMES);

function sameNameColleague(person, company) {
  const first = person.first.split('-')[0];
  return (company.staff ?? []).some((p) => p.last === person.last && p.first.split('-')[0] === first);
}

/**
 * Generate `n` rows, about `dupRate` of which are duplicates of another row's person.
 * Returns { rows, entities } with entities[i] the person id of rows[i].
 */
export function generate({ n = 10000, dupRate = 0.2, seed = 1 } = {}) {
  const rng = new Random(seed);
  recordSeq = 0;
  const surnames = makeSurnamePool(rng);
  // Each duplicated person gets 1–4 extra records (mean ≈ 1.45).
  const meanExtra = 1.45;
  const persons = Math.max(1, Math.round(n * (1 - dupRate)));
  const pDup = Math.min(1, dupRate / (meanExtra * (1 - dupRate)));

  const companies = [];
  const people = [];
  const byCity = new Map();
  let company = null;
  while (people.length < persons) {
    if (!company || company.employees >= company.size) {
      company = makeCompany(rng, surnames, companies.length);
      companies.push(company);
    }
    const private_ = rng.chance(0.08);
    const employer = private_ ? null : company;
    if (employer) employer.employees++;
    // Namesakes: now and then the same first and last name as someone in the same city.
    const city = employer ? employer.address.city : null;
    // Namesakes arise where names are common: they copy someone with a common surname.
    const candidates = city ? byCity.get(city) : undefined;
    const namesake = candidates && candidates.length && rng.chance(0.04) ? rng.pick(candidates) : null;
    let person = makePerson(rng, people.length, employer, surnames, namesake && namesake.company !== employer ? namesake : null);
    // Two colleagues with the same first name and surname are rare enough to leave out: no list
    // can tell them apart.
    for (let tries = 0; tries < 5 && employer && sameNameColleague(person, employer); tries++) {
      person = makePerson(rng, people.length, employer, surnames, null);
    }
    if (employer) (employer.staff ??= []).push(person);
    people.push(person);
    if (city && COMMON_SURNAME_SET.has(person.last)) {
      if (!byCity.has(city)) byCity.set(city, []);
      byCity.get(city).push(person);
    }
  }

  // Plan every record first, shuffle the plan, then render the rows in their final order: rows
  // (and their strings) then lie in memory in list order, as rows parsed from a CSV file do.
  const plan = [];
  for (const person of people) {
    plan.push({ person, noisy: false, late: false });
    if (rng.chance(pDup)) {
      const extra = rng.weighted([
        [1, 70],
        [2, 18],
        [3, 8],
        [4, 4],
      ]);
      for (let k = 0; k < extra; k++) plan.push({ person, noisy: true, late: rng.chance(0.5) });
    }
  }
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  plan.length = Math.min(plan.length, n);
  const rows = [];
  const entities = [];
  for (const p of plan) {
    rows.push(asParsed(render(rng, p.person, p.noisy, p.late)));
    entities.push(p.person.id);
  }
  return { rows, entities };
}
