/**
 * Given names and the short forms lists use for them, German and English. Each line is one group:
 * the full name first, then its variants and nicknames. A name may sit in several groups ("Chris"
 * is Christian, Christoph or Christina; "Alex" is Alexander or Alexandra): two names agree as
 * nicknames when they share any group.
 *
 * Deliberately absent: names that are separate given names even if related by origin (Katrin is
 * not Katharina, Sabine is not Elisabeth, Jan is not Johannes, Jörg is not Jürgen), and short forms
that have become given names of their own in German-speaking countries (Lisa, Lena, Sandra, Tina,
Klaus, Heinz, Dieter, Bernd, Gerd): in a family business the mother Elisabeth and the daughter Lisa
are two people. A wrong entry
 * here merges two people; a missing one only costs a little evidence.
 */
import { foldForKey as foldText } from '../text/fold.js';
import { givenNameFrequencyFloor } from './common-names.js';

const GROUPS = `
thomas tom tommy thommy thom
katharina kathi kathy kati käthe katharine katherine catherine kate katie cathy kat
johannes hannes hans johann hanno
john johnny jack jon
wolfgang wolf wolfi
michael micha michi mike mick mickey
alexander alex xander
alexandra alex alexa lexi
christian chris christ
christoph christopher chris kristof chrissi
christina christine chris christin kristina
elisabeth elizabeth liesel lisbeth elisa elise betty liz lizzy beth eliza elsbeth
wilhelm willi willy wim
william bill billy will willy
robert bob bobby rob robbie
richard rick ricky dick rich richie
james jim jimmy jamie
joseph josef joe sepp seppi jupp joschi
margarete margaret grete gretel marga maggie meg peggy
franziska franzi
friedrich fritz friedel fred
frederick fred freddy freddie fritz
heinrich heiner hein
henry harry hank
peter pete piet
andreas andi andy
andrew andy drew
matthias mathias matze matthes
matthew matt matty
stefan stephan steffen steve stephen steven
stefanie stephanie steffi
daniel dani danny dan
daniela dani
benjamin ben benni benny
maximilian max maxi
nikolaus nicolas nikolas niko nico nick
sebastian basti
tobias tobi
florian flo
patrick paddy pat
patricia patty pat tricia
dominik dominic domi
barbara babsi babs barbi
susanne susi suse sanne
susan sue susie
gabriele gabi gaby
cornelia conny nele
dorothea doro
rebecca becky becca
jennifer jenny jenni
jessica jessi jess
manuela manu
manuel manu
ulrich ulli uli
ulrike ulli uli rike
rudolf rudi
bernhard berni
reinhard reini
edward ed eddie ted ned
eduard edi eddi
anton toni tony
anthony tony toni
antonia toni
charles charlie chuck
karl carl kalle charly
jakob jacob jake kobi
samuel sam sammy
samantha sam sammy
timotheus timothy tim timmy
vinzenz vinz vincent vince
leonhard leonard leo len lenny
leopold leo poldi
ludwig lutz louis
magdalena magda
helena helene
caroline karoline carolin karolin caro
valentin valle
theodor theo ted
theresa therese theresia resi
alfred alf fred freddy
manfred manni fred
ferdinand ferdi
norbert norbi
albert albi bert al
herbert herbie bert
hubert hubsi bert
gottfried götz
konstantin constantin konny
josefine josephine josi
marianne mari
muhammad mohammed mohamed mohammad muhammed mehmet
joshua josh
jonathan jon jonny
kenneth ken kenny
ronald ron ronnie
donald don donnie
gregor gregory greg
raymond ray
lawrence larry
jeffrey jeff
douglas doug
gerald gerry jerry
david dave davey
deborah debbie deb
victoria vicky viki
kimberly kim
pamela pam
cynthia cindy
sandra sandy
abigail abby
amanda mandy
harold harry hal
arthur art
eugene gene
`;

let index: Map<string, number[]> | undefined;
let canonical: string[] = [];

function load(): Map<string, number[]> {
  if (index) return index;
  const m = new Map<string, number[]>();
  const heads: string[] = [];
  for (const line of GROUPS.split('\n')) {
    const names = foldText(line).split(' ').filter(Boolean);
    if (names.length === 0) continue;
    const g = heads.length;
    heads.push(names[0]);
    for (const n of names) {
      const groups = m.get(n);
      if (!groups) m.set(n, [g]);
      else if (!groups.includes(g)) groups.push(g);
    }
  }
  canonical = heads;
  index = m;
  return m;
}

/** The nickname groups of a folded given name (empty when it is in none). */
export function nicknameGroups(folded: string): readonly number[] {
  return load().get(folded) ?? NONE;
}
const NONE: readonly number[] = Object.freeze([]);

/**
 * One representative of a folded given name: the full form of its first group ("tom" → "thomas",
 * "hannes" → "johannes"), or the name itself. Used for blocking keys and frequency counts, where
 * one value is needed; matching itself uses the full group sets.
 */
export function canonicalGivenName(folded: string): string {
  const groups = load().get(folded);
  return groups ? canonical[groups[0]] : folded;
}

/** True when two folded given names are known variants of one name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = nicknameGroups(a);
  if (ga.length === 0) return false;
  const gb = nicknameGroups(b);
  for (const g of ga) if (gb.includes(g)) return true;
  return false;
}

/**
 * A given name known as a name of its own: in a nickname group here or among the common given
 * names (common-names.ts). Two known names a letter apart ("Christian" / "Christine", "Uwe" /
 * "Ute", "Frank" / "Franz") are two names, not one with a typo, unless a group joins them.
 */
export function isKnownGivenName(folded: string): boolean {
  return load().has(folded) || givenNameFrequencyFloor(folded) > 0;
}
