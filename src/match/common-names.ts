/**
 * Frequency floors for the most common names in Germany, Austria and Switzerland. A name's weight
 * comes from how often it occurs in the list itself, but a list of a few thousand rows may hold
 * only two Müllers and would take "Thomas Müller" for a rare name. These floors say what the
 * population says: the top surnames each belong to roughly 0.1–0.3 % of people and the common
 * given names to about 0.5–1 %, whatever the list shows.
 */
import { foldForKey as foldText } from '../text/fold.js';

const TOP_SURNAMES = `müller schmidt schneider fischer weber meyer wagner becker schulz hoffmann
schäfer koch bauer richter klein wolf schröder neumann schwarz zimmermann huber gruber meier maier mayer`;

const COMMON_SURNAMES = `braun krüger hofmann hartmann lange schmitt werner schmitz krause lehmann schmid
schulze köhler herrmann könig walter kaiser fuchs peters lang scholz möller weiß jung hahn schubert
vogel friedrich keller günther frank berger winkler roth beck lorenz baumann franke albrecht schuster
simon ludwig böhm winter kraus martin schumacher krämer vogt stein jäger otto sommer groß seidel
heinrich brandt haas schreiber graf schulte dietrich ziegler kuhn kühn pohl engel horn busch bergmann
thomas voigt sauer arnold wolff pfeiffer pichler steiner moser hofer leitner eder gerber brunner frei
widmer wyss lechner wimmer egger wallner`;

const COMMON_GIVEN_NAMES = `thomas michael andreas stefan peter klaus wolfgang jürgen christian frank markus
martin uwe alexander matthias daniel jan tobias sebastian florian hans dieter manfred werner bernd
ralf karl heinz helmut gerhard horst günter maximilian lukas felix paul jonas leon david philipp simon
tim marco dirk holger sven oliver torsten jörg robert johannes joseph josef franz georg
sabine susanne petra andrea claudia monika birgit ursula stefanie julia katrin nicole anja christina
sandra martina anna maria laura lisa sarah lena katharina melanie jessica jennifer daniela heike karin
renate gabriele elke barbara ute angelika silke tanja kerstin sonja christine manuela simone brigitte
ingrid elisabeth marie sophie hannah lea emma`;

function set(list: string): Set<string> {
  return new Set(foldText(list).split(' ').filter(Boolean));
}

let tables: { top: Set<string>; surnames: Set<string>; given: Set<string> } | undefined;

function load() {
  return (tables ??= { top: set(TOP_SURNAMES), surnames: set(COMMON_SURNAMES), given: set(COMMON_GIVEN_NAMES) });
}

/** Least frequency to assume for a folded surname (0 when it is not a known common one). */
export function surnameFrequencyFloor(folded: string): number {
  const t = load();
  if (t.top.has(folded)) return 0.002;
  return t.surnames.has(folded) ? 0.0008 : 0;
}

/** Least frequency to assume for a folded (canonical) given name. */
export function givenNameFrequencyFloor(folded: string): number {
  return load().given.has(folded) ? 0.006 : 0;
}
