/**
 * Occupation names without a rank: "Industriemechaniker", "Kauffrau für Büromanagement",
 * "Registered Nurse", "Welder". A title that names an occupation and no rank is staff. Two
 * rules, run only when no rank word decided:
 *
 * - a known occupation word (this vocabulary) is a match like any other title word;
 * - a word shaped like an occupation name (an agent-noun ending such as -er, -eur, -ist, -iker,
 *   -ant, -ian, or a gender marker "/in", ":in", "(m/w/d)" on the title) is a guess, and the
 *   classifier says so (seniority_status=guessed), so a list of oddities cannot hide as staff.
 *
 * What is not a job stays blank: salutations, placeholders ("n/a", "k.A.", "unknown"), people
 * who are not working (retired, visitor, customer), company names, adjectives ("technischer").
 */
import { compileTitlePattern } from './text-normalize.js';

/**
 * Occupation words, German stems matching inside compounds ("Zahnarzt", "Krankenpflegerin",
 * "Berufskraftfahrer"), English words matching whole.
 */
export const OCCUPATION_WORDS =
  // German: health, care, education
  '(?:arzt|ärztin|apothek|pfleger|pflegekraft|pflegefach|erzieher|lehrer|lehrkraft|dozent|professor|therapeut|psycholog|sozialarbeit|sozialpädagog|hebamme|sanitäter|' +
  // German: food, hospitality, crafts, trades
  'bäcker|konditor|fleischer|metzger|\\bkoch\\b|köchin|kellner|servicekraft|hotelfach|restaurantfach|friseur|kosmetiker|florist|gärtner|landwirt|winzer|tischler|schreiner|zimmerer|maurer|dachdecker|\\bmaler|lackierer|fliesenleger|installateur|klempner|schlosser|schweißer|\\bdreher|fräser|werkzeugmach|zerspan|mechaniker|mechatroniker|elektriker|elektroniker|monteur|techniker|zeichner|konstrukteur|laborant|chemiker|physiker|biolog|informatiker|geselle|gehilfe|facharbeit|' +
  // German: transport, services, office, public service
  'fahrer|kurier|zusteller|lagerist|kommissionier|reinigungskraft|reiniger|hauswirtschaft|sicherheitsmitarbeit|wachmann|polizist|polizei|beamter|beamtin|soldat|feuerwehr|steuerfach|fachangestellt|fachkraft|fachwirt|fachmann|fachfrau|kassierer|journalist|fotograf|grafiker|gestalter|übersetzer|dolmetscher|volontär|lehrling|hilfskraft|aushilfe|hilfe\\b|pilot|flugbegleit|\\b(?:post|brief|amts|kurier)?bot(?:e|in)\\b|gastronom|musiker|künstler|schauspieler|' +
  // English
  '\\bnurse|\\bteacher|\\bphysician|\\bdoctor\\b|\\bdentist|\\bpharmacist|\\btherapist|\\bsurgeon|\\bparamedic|\\bcaregiver|\\bnanny|\\bcook\\b|\\bbaker\\b|\\bbutcher|\\bwaiter|\\bwaitress|\\bhost\\b|\\bhostess|\\bserver\\b|\\bbartender|\\bbarista|\\bcashier|\\bwelder|\\bplumber|\\belectrician|\\bcarpenter|\\bmechanic\\b|\\bmachinist|\\bassembler|\\bdispatcher|\\bjanitor|\\bcustodian|\\bcleaner|\\bhousekeeper|\\bguard\\b|\\bfirefighter|\\bpolice|\\bsoldier|\\bpilot\\b|\\bflight attendant|\\bjournalist|\\breporter|\\bwriter|\\bphotographer|\\bartist|\\bmusician|\\btranslator|\\binterpreter|\\blibrarian|\\btutor|\\binstructor|\\btrainer|\\blecturer|\\bprofessor|\\bresearcher|\\bchemist|\\bbiologist|\\bphysicist|\\beconomist|\\bstatistician|\\bactuary|\\bunderwriter|\\badjuster|\\bbroker|\\brealtor|\\bestimator|\\binspector|\\bsurveyor|\\bdrafter|\\bdraftsman|\\bsolicitor|\\bbarrister|\\bnotary|\\bapprentice|\\bvolunteer|\\blaborer|\\blabourer|\\bfarmer|\\bgardener|\\blandscaper|\\bflorist|\\bhairdresser|\\bstylist|\\bbarber|\\bveterinarian|\\boptometrist|\\bpsychologist|\\bcounselou?r|\\bsocial worker|\\bteller\\b|\\btypist|\\bpacker|\\bpicker|\\bpainter|\\broofer|\\bbricklayer|\\binstaller|\\bfitter\\b|\\bmillwright|\\b(?:team|staff|crew) member|\\bgeneralist|\\bclinician|\\bmidwife|\\bemployee)';

/** People who do not work or are not a person at all: a title naming them gets no seniority. */
const NOT_WORKING = new Set([
  'customer', 'customers', 'visitor', 'attendee', 'participant', 'subscriber', 'reader', 'follower', 'donor', 'retiree',
  'retired', 'private', 'contact', 'ansprechpartner', 'ansprechpartnerin', 'kontaktperson', 'homemaker', 'housewife', 'pupil', 'schueler', 'schuelerin', 'consumer', 'unknown', 'none', 'other', 'others', 'test', 'tester', 'user', 'users',
  'kunde', 'kundin', 'besucher', 'besucherin', 'teilnehmer', 'teilnehmerin', 'interessent', 'interessentin',
  'aussteller', 'ausstellerin', 'leser', 'leserin', 'abonnent', 'abonnentin', 'spender', 'spenderin', 'rentner',
  'rentnerin', 'pensionaer', 'pensionaerin', 'pensionist', 'pensionistin', 'privat', 'privatperson', 'privatkunde',
  'hausfrau', 'hausmann', 'mustermann', 'musterfrau', 'muster', 'sonstige', 'sonstiges', 'divers', 'unbekannt',
  'keine', 'angabe', 'lieferant', 'lieferantin', 'verbraucher', 'endverbraucher', 'endkunde',
]);

/** Words with an agent-noun ending that name no occupation ("number", "senior", "Mitglieder"). */
const NOT_AN_AGENT = new Set([
  'member', 'number', 'center', 'centre', 'order', 'computer', 'water', 'paper', 'letter', 'newsletter', 'offer',
  'under', 'over', 'after', 'never', 'ever', 'together', 'either', 'neither', 'whether', 'rather', 'further', 'better',
  'winner', 'summer', 'winter', 'power', 'tower', 'career', 'matter', 'master', 'mister', 'meter', 'filter', 'folder',
  'header', 'footer', 'border', 'corner', 'dinner', 'banner', 'cluster', 'poster', 'register', 'chapter', 'quarter',
  'theater', 'theatre', 'senior', 'junior', 'major', 'minor', 'interior', 'exterior', 'floor', 'color', 'colour',
  'error', 'mirror', 'sector', 'factor', 'motor', 'vendor', 'indoor', 'outdoor', 'restaurant', 'plant', 'christian',
  'italian', 'indian', 'asian', 'canadian', 'brazilian', 'australian', 'european', 'partner', 'partnerin',
  'ueber', 'unter', 'hinter', 'weiter', 'wieder', 'immer', 'nummer', 'zimmer', 'mitglieder', 'kinder', 'wasser',
  'mitglied', 'frau', 'herr',
]);

/** Adjectives and participles before the occupation ("technischer", "geprüfte", "leitender"). */
const ADJECTIVE = /(?:isch|lich|ig|bar|sam|haft|los|ell|iv|al|aer|end|iert|ft)(?:e|er|es|en|em)$|^ge\p{L}+t(?:e|er|es|en|em)$/u;
/** Agent-noun endings of occupation names, German and English. */
const AGENT_NOUN = /(?:[^e]er|erin|eur|eurin|euse|ist|istin|iker|ikerin|ant|antin|loge|login|graf|grafin|eut|eutin|ator|atorin|wirt|wirtin|mann|frau|kraft|[^e]or|ian|eer|ier)$/u;
/**
 * A business in the title column, not an occupation: a legal form ("Müller GmbH"), a trade's
 * workshop ("Bäckerei", "Tischlerei Huber"), a utility or group ("Wiener Stadtwerke").
 */
const COMPANY = /\b(?:gmbh|ag|kg|ohg|gbr|ug|se|mbh|ltd|llc|inc|corp|plc|co|sarl|sa|bv|nv|ab|as|oy|spa|srl|gruppe|group|holding)\b|\p{L}{3}erei\b|werke\b/u;

const occupationWords = compileTitlePattern(OCCUPATION_WORDS);

/** True when the (normalised, abbreviation-expanded) title contains a known occupation word. */
export function namesOccupation(text: string): boolean {
  return occupationWords.test(text) && !COMPANY.test(text);
}

/**
 * True when the title looks like an occupation name without containing a known one: one to
 * four words with an agent-noun among them, or a gender marker on the original title.
 */
export function looksLikeOccupation(text: string, genderMarked: boolean): boolean {
  if (text === '' || COMPANY.test(text) || /\d|@/.test(text)) return false;
  const words = text.split(' ');
  if (words.some((w) => NOT_WORKING.has(w))) return false;
  if (genderMarked) return true;
  if (words.length > 4) return false;
  return words.some((w) => w.length >= 5 && AGENT_NOUN.test(w) && !ADJECTIVE.test(w) && !NOT_AN_AGENT.has(w));
}
