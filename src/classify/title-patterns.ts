/**
 * Built-in job-title vocabulary, English and German. Patterns are regular expressions over the
 * normalised title (see normalizeTitle: lower case, single spaces, no punctuation) written in
 * natural spelling; compileTitlePattern lets "ä" match "ae" and "a".
 *
 * German builds titles as compounds ("Einkaufsleiterin", "Vertriebsinnendienst"), so German
 * stems match anywhere in a word; English words and abbreviations ("it", "hr", "cfo") match
 * whole words only (\b), or "it" would match "Vertrieb Italien" and "hr" "Ihr Ansprechpartner".
 */

export const SENIORITIES = ['executive', 'director', 'manager', 'staff'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const BUYING_ROLES = ['decider', 'buyer', 'influencer', 'user', 'gatekeeper'] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const DEPARTMENTS = [
  'management',
  'sales',
  'marketing',
  'purchasing',
  'it',
  'finance',
  'hr',
  'operations',
  'production',
  'logistics',
  'engineering',
  'product',
  'legal',
  'customer_service',
  'quality',
  'administration',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Titles with "owner" that name a responsibility, not ownership of the company. */
const NOT_OWNER = '(?<!product |produkt |process |prozess |service |budget |system |data |daten |content |risk |risiko |business process )';
/** "Partner" as a rank (law firm, consultancy), not "Partner Manager" or "Ansprechpartner". */
const PARTNER = '(?<![\\p{L}])(?<!business )partner(?:in)?\\b(?! (?:manag|account|betreu|success|sales|vertrieb|marketing|programm|program|develop|entwickl))';
/** Compounds of "leiter"/"leitung" that lead a team or a site, not a department. */
const TEAM_LEAD = '(?:team|gruppen|projekt|schicht|bau|kolonnen|stations|objekt|lager|filial|markt|kurs|küchen|kita|teil ?projekt)';

/**
 * Seniority patterns. A title gets the highest level any pattern finds, so
 * "Prokurist und Leiter Einkauf" is director and "CEO & Founder" executive.
 */
export const SENIORITY_PATTERNS: ReadonlyArray<readonly [Seniority, string]> = [
  // C-level abbreviations; "chief" ranks executive only as a chief … officer ("Chief Engineer",
  // "Editor-in-Chief" head a craft or a desk: director, below).
  ['executive', '\\b(?:ceo|cfo|cto|cio|coo|cmo|cso|cco|cro|cdo|chro|cpo|ciso|cxo|cbo|clo|cao|cno|cgo|cko|cvo|caio|cpto)\\b|\\bchief (?:\\p{L}+ ){0,4}officer\\b|\\bchief executive\\b'],
  ['executive', '\\bgeneral counsel\\b'],
  ['executive', 'geschäftsführ|geschäftsleit|\\bgf\\b|\\bgfin\\b|\\bgl\\b|\\bgeschf\\b|\\bgesch f\\b'],
  ['executive', 'vorstand|vorständin|\\bvorsitzend|aufsichtsrat|aufsichtsrät|\\bboard\\b|verwaltungsrat|verwaltungsrät'],
  ['executive', 'inhaber|eigentümer|' + NOT_OWNER + '\\bowner\\b|proprietor|gesellschafter|unternehmer|entrepreneur|managing member|\\bobmann\\b|\\bobfrau\\b|\\bprincipal$'],
  ['executive', 'founder|gründer|\\bstifter'],
  ['executive', '(?<!vice |vize)\\bpresident\\b|(?<!vize ?|vice )präsident|chairman|chairwoman|chairperson|\\bchair\\b'],
  ['executive', 'managing director|executive director|general manager|\\bmanaging partner\\b|generaldirektor|generalbevollmächtigt'],
  ['executive', PARTNER],
  ['executive', 'bürgermeister|landrat|generalsekretär|secretary general|general secretary|staatssekretär'],
  ['director', '\\bhead\\b|\\bdirector\\b|direktor|\\bdir\\b'],
  ['director', '\\bvp\\b|\\bsvp\\b|\\bevp\\b|vice president|\\bavp\\b|vize ?präsident'],
  ['director', '\\bchief\\b|\\bdean\\b'],
  ['director', 'prokur|\\bppa\\b|\\bprok\\b'],
  ['director', `(?<!beg|halb|${TEAM_LEAD} ?)leit(?:er|ung|end)|\\bltg\\b|\\bltr\\b`],
  ['director', 'chef|country manager|regional manager|area manager|district manager'],
  ['manager', `(?<!account ?|office ?)manager|${TEAM_LEAD} ?leit(?:er|ung)|team ?lead|\\blead\\b|\\bleader\\b|(?:schicht|gruppen|kolonnen|trupp|bau|objekt)führer|supervisor|superintendent|\\bforem[ae]n\\b|\\bforewom[ae]n\\b|(?<!haus|bürger|hof|bade|platz|wacht)meister|vorarbeiter|\\bpolier\\b|verantwortlich|responsable|\\bcoach\\b|handlungsbevollmächtigt|oberarzt|oberärztin`],
  [
    'staff',
    'sachbearbeit|mitarbeiter|referent|assisten|sekretär|secretary|\\bclerk|specialist|spezialist|expert|consultant|berater|analyst|engineer|ingenieur|entwickler|developer|programmierer|techniker|technician|administrator|buchhalter|bookkeeper|accountant|controller|einkäufer|\\bbuyer|purchaser|verkäufer|\\bsales ?(?:man|woman|person|rep)|representative|\\brep\\b|\\bagent\\b|associate|\\bofficer\\b|kaufmann|kauffrau|kaufleute|fachkraft|fachangestellt|\\bazubi|auszubildend|trainee|praktikant|\\bintern\\b|werkstudent|student|monteur|mechaniker|mechatroniker|elektriker|elektroniker|fahrer|\\bdriver|lagerist|disponent|kundenbetreuer|account ?manager|account executive|koordinator|coordinator|planer|planner|designer|architekt|architect|scientist|wissenschaftl|redakteur|\\beditor|texter|recruiter|sachverständig|angestellte|innendienst|außendienst|\\boperator|bediener|\\bworker|arbeiter|helfer|aushilfe|empfang|reception|support|advisor|vertreter|beauftragt|bearbeiter|betreuer|\\btester\\b|\\badmin\\b|business partner|(?<!chief |non )\\bexecutive$|scrum master|product owner|produkt owner|\\bwriter|inspector|generalist|\\bjunior\\b|hausmeister|sprecher|spokes|office manager|\\bjurist|lawyer|attorney|rechtsanwalt|anwält|counsel|syndikus|justitiar|justiziar|paralegal|steuerberater|wirtschaftsprüfer|auditor|revisor',
  ],
];

/**
 * Phrases whose rank decides alone, whatever other rank words the title has. Kitchen ranks:
 * "chef" is a cook in English and the boss in German, and a head chef runs a kitchen.
 */
export const FIXED_RANK_PATTERNS: ReadonlyArray<readonly [Seniority, string]> = [
  // A chief of staff runs the office of an executive and is not one ("Chief of Staff to the CEO").
  ['director', '\\bchief of staff\\b'],
  ['manager', '\\b(?:executive|head) chef\\b|\\bchef de cuisine\\b|küchenchef|küchenleit'],
  ['staff', '\\b(?:sous|pastry|junior|commis|line|private) chef\\b|\\bchef de partie\\b'],
];

/**
 * Working on one's own account: executive when that is all the title says ("Freelancer",
 * "Selbstständig"); a freelancer naming a role takes the role's rank ("Freelance SMM-manager").
 */
export const SELF_EMPLOYED = '\\bselbst ?ständig\\p{L}*|\\bselbständig\\p{L}*|\\bfreiberuf\\p{L}*|\\bfreelanc\\p{L}*|\\bself employed\\b|\\bsole trader\\b';

/** Board roles: their deputies still sit on the board ("Vice Chair", "stellv. Vorsitzender des Aufsichtsrats"). */
export const BOARD = 'vorstand|vorsitz|aufsichtsrat|verwaltungsrat|\\bboard\\b|\\bchair';

/**
 * People who work for management rather than being management: "Assistenz der Geschäftsführung",
 * "Referent des Vorstands", "Executive Assistant to the CEO", "Vorstandsassistentin".
 * They are staff whatever management word their title contains.
 */
export const SUPPORT_OF_MANAGEMENT =
  '(?<!\\p{L})(?:referent\\w*|assisten[tz]\\w*|sekretär\\w*|sekretariat|mitarbeiter\\w*|büros?|stabsstelle|stab|office|assistant|secretary|pa|ea) (?:(?:der|des|to|of|for) )?(?:the )?(?:geschäftsführ|geschäftsleit|vorstand|ceo|cfo|coo|board|managing director|inhaber|gf\\b|gl\\b|president|präsident|leitung)' +
  '|(?:vorstands|geschäftsführungs|geschäftsleitungs|gf|gl|ceo|chef|inhaber|leitungs|board) ?(?:referent|assisten|sekretär|büro|assistant|secretary)' +
  '|(?:executive|personal|management) assistant';

/** Buying-centre gatekeepers: they control access to deciders (assistants, front desk). */
export const GATEKEEPER =
  'assisten[tz](?!arzt|ärzt)|(?<!assistant )\\bassistant\\b(?! (?:manager|director|vice|vp|professor|general|controller|store|project|engineer|editor))' +
  '|(?<!general|staats)sekretär|sekretariat|(?<!general |state |corporate |company |board |(?:counsel|officer|treasurer|president|ceo|cfo|coo|clo) (?:and )?)secretary(?! general| of the board)|empfang|rezeption|reception|front desk|telefonzentrale|switchboard|vorzimmer|office manager|büroleit';

/** Specialists whose judgement shapes a purchase: buying-centre influencers even without rank. */
export const EXPERT =
  'consultant|berater|analyst|architekt|architect|engineer|ingenieur|specialist|spezialist|expert|referent|controller|scientist|wissenschaftl|planer|planner|sachverständig|advisor|strateg|\\bjurist|lawyer|attorney|counsel|syndikus|justitiar|justiziar|auditor';

/** Deputies rank one level below the role they stand in for. */
export const DEPUTY =
  '\\bstellv|\\bstv\\b|stellvertret|\\bdeputy\\b|\\bvize(?! ?präsident)|\\bassociate general counsel\\b|\\bavp\\b' +
  '|\\bassistant (?:\\p{L}+ ){0,2}(?:manager|director|vice|vp|general|superintendent|supervisor|head)\\b';

/**
 * Functional departments. When several match, the one that starts first in the title wins
 * ("Softwareentwicklung" is IT, "Leiter Forschung und Entwicklung" engineering), ties go to the
 * earlier line here.
 */
export const DEPARTMENT_PATTERNS: ReadonlyArray<readonly [Department, string]> = [
  ['it', '\\bit\\b|\\bedv\\b|\\bikt\\b|\\bict\\b|\\bcio\\b|\\bcto\\b|\\bciso\\b|\\bcdo\\b|informatik|informatiker|information technology|informationstechn|informationssicherheit|information security|software|developer|entwickler(?!ung)|programmier|systemadmin|system administ|sysadmin|netzwerk|network|devops|datenbank|database|\\bdata\\b(?! protection| entry)|\\bdaten(?!schutz)|\\bsap\\b|\\berp\\b|\\bweb ?develop|frontend|backend|full ?stack|\\bcloud\\b|cyber|it ?sicherheit|it ?security|digitalisierung|chief digital|chief information|chief technology|anwendungsbetreu|help ?desk|service ?desk|systems? administrator|systems? engineer|desktop support|web ?design|machine learning|\\bml\\b|\\bai\\b|artificial intelligence|site reliability|\\bsre\\b|security (?:analyst|engineer|architect|operations)|\\bscrum\\b'],
  ['sales', '\\bsales\\b|vertrieb|verkauf|verkäuf|business develop|geschäftsentwickl|\\bbizdev\\b|\\bbd\\b|account manag|accountmanag|account executive|key account|\\bkam\\b|außendienst|innendienst|\\bexport|handelsvertret|gebietsleit|e ?commerce|online ?shop|webshop|gebietsverkauf|\\bcso\\b|\\bcro\\b|\\bcco\\b|chief sales|chief revenue|chief commercial|commercial director|commercial manager|kundenberater|\\bpresales|pre sales|channel|partner manag|partnerships?\\b|territory|account (?:coordinator|representative|specialist)|vertreter|real estate|realtor|insurance agent|\\bbroker|(?:einzel|groß|außen)handel'],
  ['marketing', 'marketing|\\bpr\\b|public relations|kommunikation|communications|\\bbrand|marken|content|social media|\\bseo\\b|\\bsem\\b|werbe|werbung|öffentlichkeitsarbeit|presse|\\bpress\\b|\\bevent|veranstaltung|\\bcmo\\b|\\bgrowth\\b|kampagne|campaign|demand gen|\\bcrm\\b|\\bsmm\\b|redakteur|\\beditor|texter|copywriter|media|medien|grafik|graphic|\\bart director|creative|kreativ'],
  ['purchasing', 'einkauf|einkäuf|beschaffung|procurement|purchas|\\bbuyer\\b|\\bsourcing\\b|category manag|materialwirtschaft|vergabe|\\bcpo\\b|chief procurement|lieferantenmanag'],
  ['finance', 'financ|finanz|buchhalt|buchführ|accounting|accountant|bookkeep|controller|controlling|treasur|\\bsteuer|\\btax\\b|kaufmännisch\\w* (?:leit|geschäftsführ|direkt|vorstand)|\\bcfo\\b|rechnungswesen|bilanz|\\baudit|revision|revisor|kämmerer|kreditor|debitor|forderungsmanag|credit|wirtschaftsprüf|accounts? (?:payable|receivable)|\\bloans?\\b|\\brisk\\b|\\binvestment|billing|invoic|fakturier'],
  ['hr', '\\bhr\\b|human resources|\\bpersonal(?! assist)|personnel|\\bpeople\\b|talent|recruit|\\bchro\\b|payroll|\\bbenefits\\b|compensation|entgeltabrechnung|lohnbuchhalt|lohn ?und ?gehalt|ausbildungsleit|ausbilder|personalentwickl|(?<!machine |deep )learning|training|weiterbildung|betriebsrat'],
  ['legal', '\\bclo\\b|legal|\\brecht|rechts|jurist|justitiar|justiziar|syndikus|lawyer|attorney|counsel|compliance|datenschutz|data protection|\\bdpo\\b|paralegal|notar|patent|vertragsmanag|contract manag|contract admin'],
  ['quality', 'qualität|quality|\\bqm\\b|\\bqs\\b|\\bqa\\b|qualitätssicher|\\bqmb\\b'],
  ['production', 'produktion|production|fertigung|manufactur|werk ?leit|werks ?leit|plant manag|\\bplant\\b|montage|schicht|arbeitsvorbereitung|industriemeister|werkstatt|maschinenführ|maschinenbedien|anlagenführ|machine operator|machinist|\\bassembl|production worker|\\bcnc\\b|zerspan|instandhalt|maintenance|wartung'],
  ['logistics', 'logisti|\\blager|warehouse|versand|shipping|supply chain|disposition|disponent|fuhrpark|\\bfleet|transport|spedition|zoll|\\bcustoms\\b|distribution|materialfluss|dispatch|forklift|\\btruck|\\bdrivers?\\b|fahrer|courier|kurier'],
  ['engineering', 'engineering|konstruktion|konstrukteur|entwicklung|forschung|research|\\br ?(?:and|und)? ?d\\b|\\bf ?(?:und)? ?e\\b|\\brnd\\b|technik|techniker|technisch\\w* (?:leit|geschäftsführ|direkt|vorstand)|technical (?:director|manager|lead)|technischer zeichner|ingenieur|engineer|produktentwick|product develop|\\bcae\\b|\\bcad\\b|elektrotechn|mechanical|maschinenbau|verfahrenstechn|\\blabor|laborant|\\blab\\b|scientist|scientific|wissenschaft'],
  ['product', 'produktmanag|product manag|product owner|produkt owner|productmanag|produktverantwort|product lead|head of product|chief product|(?:of|vp|director|head) product\\b(?! marketing)|\\bux\\b|user experience|product design'],
  ['customer_service', 'customer service|kundenservice|kundendienst|kundenbetreu|customer success|customer care|customer support|kundensupport|\\bsupport\\b|callcenter|call center|contact center|hotline|reklamation|after ?sales|service ?techn|servicetechn|service manag|serviceleit|kundenzufrieden|chief customer|customer experience'],
  ['operations', 'operations|operativ|\\bops\\b|\\bcoo\\b|chief operating|betriebsleit|betriebsführ|betrieb(?!s?wirt)\\b|facility|facilities|haustechnik|gebäudemanag|hausmeister|standortleit|site manag|prozessmanag|process manag|geschäftsprozess|\\bprocess\\b(?! engineer)|organisation|organization|einsatzleit|filialleit|store manag|marktleit|\\bstore\\b|niederlassungsleit|branch manag'],
];

/** Management as a department: used when no functional department matched. */
export const MANAGEMENT_PATTERN =
  '\\bceo\\b|geschäftsführ|geschäftsleit|\\bgf\\b|\\bgfin\\b|\\bgl\\b|vorstand|vorständin|\\bvorsitzend|aufsichtsrat|aufsichtsrät|verwaltungsrat|verwaltungsrät|managing member|\\bboard\\b|inhaber|eigentümer|' +
  NOT_OWNER +
  '\\bowner\\b|proprietor|founder|gründer|gesellschafter|unternehmer|(?<!vice |vize)\\bpresident\\b|präsident|chairman|chairwoman|chairperson|managing director|executive director|general manager|generaldirektor|generalbevollmächtigt|' +
  PARTNER +
  '|prokur|\\bppa\\b|bürgermeister|landrat|generalsekretär|secretary general|general secretary|\\bdirector\\b|direktor|chief executive|chief of staff|\\bchair\\b|\\bchief (?:\\p{L}+ ){0,4}officer\\b|vice president|vize ?präsident|handlungsbevollmächtigt|\\bobmann\\b|\\bobfrau\\b|entrepreneur|\\bprincipal$|\\bmanagement\\b|unternehmensleitung|' +
  SELF_EMPLOYED;

/** Office and administration: used when neither a function nor management matched. */
export const ADMINISTRATION_PATTERN =
  'assisten|assistant(?! (?:manager|director|vice|vp|general|professor))|sekretär|sekretariat|secretary|empfang|rezeption|reception|front desk|\\boffice\\b|büro|verwaltung|(?<!system |systems |netzwerk |datenbank |database |network )administration|back ?office|kaufmann|kauffrau|kaufleute|\\bkfm\\b|\\bkff\\b|kaufmännisch|sachbearbeit|telefonzentrale|vorzimmer|\\bclerk\\b|data entry|administrative';
