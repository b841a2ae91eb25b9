/**
 * Company-name tokens: the folded words of a name, with the spelling noise of legal forms and
 * connectors removed so that "G.m.b.H.", "G m b H" and "GmbH" are all the token "gmbh", and
 * "&", "+", "and", "und" and the "u." of "u. Co." are all "und".
 *
 * Legal-form aliases are tokenised by the same function, so a name and an alias meet exactly when
 * they are spelled alike up to case, accents, punctuation and connector.
 */
import { foldForKey as foldText } from '../text/fold.js';

function isSingleLetter(t: string): boolean {
  return t.length === 1 && !(t >= '0' && t <= '9');
}

export function companyTokens(name: string): string[] {
  const folded = foldText(name.replace(/[&+]/g, ' und '));
  if (folded === '') return [];
  const raw = folded.split(' ');
  const out: string[] = [];
  for (let i = 0; i < raw.length; ) {
    // Dotted abbreviations fold to single letters ("g m b h", "s a r l"): join each run again.
    if (isSingleLetter(raw[i]) && i + 1 < raw.length && isSingleLetter(raw[i + 1])) {
      let joined = '';
      while (i < raw.length && isSingleLetter(raw[i])) joined += raw[i++];
      out.push(joined);
    } else out.push(raw[i++]);
  }
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 'and' || (out[i] === 'u' && out[i + 1] === 'co')) out[i] = 'und';
  }
  return out;
}
