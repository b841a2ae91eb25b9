/**
 * Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users
 * Journal, June 2000): a sound key for names of English and many other origins (Slavic, Germanic,
 * Romance, Greek), with a primary code and an alternate code for names said two ways. "Smith" is
 * SM0 / XMT and "Schmidt" XMT / SMT: the two meet on XMT. Kölner Phonetik (koelner-phonetik.ts)
 * is the key made for German spelling; this one covers the names it codes poorly ("Thompson",
 * "Jose", "Czerny", "Wojcik").
 *
 * Written from the published description of the algorithm, rule for rule, with its letters:
 * 0 = "th", X = "sh"/"ch", J, K, S, … A stands for a vowel at the start. The reference keeps the
 * first four letters of each code; pass maxLength 4 for that. By default the whole code is kept,
 * which tells long names apart better ("Sonnensteiner" / "Sonnenreiter").
 *
 * Pure: no state between calls. Input is any text; letters are upper-cased, Ç and Ñ kept, ß read
 * as SS, other accents dropped (Ü → U), and every run of other characters becomes one space
 * ("van Dyke", "Mac Gregor" keep the spaces that some rules look for).
 */

const VOWEL = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);

/** Upper case A–Z, Ç, Ñ and single spaces. */
function prepare(word: string): string {
  let s = word.normalize('NFC').toUpperCase();
  if (!/^[A-Z ]*$/.test(s)) {
    s = s
      .replace(/ß|ẞ/g, 'SS')
      .replace(/Ç/g, '\u0001')
      .replace(/Ñ/g, '\u0002')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/\u0001/g, 'Ç')
      .replace(/\u0002/g, 'Ñ')
      .replace(/Æ/g, 'AE')
      .replace(/Œ/g, 'OE')
      .replace(/Ø/g, 'O')
      .replace(/Ł/g, 'L')
      .replace(/Đ/g, 'D')
      .replace(/Ð/g, 'D')
      .replace(/Þ/g, 'TH')
      .replace(/İ/g, 'I');
  }
  return s.replace(/[^A-ZÇÑ]+/g, ' ').trim();
}

/**
 * [primary, alternate] Double Metaphone codes of a word or name. The alternate equals the primary
 * when no rule offered a second pronunciation. Empty input gives ['', ''].
 */
export function doubleMetaphone(word: string, maxLength = Infinity): [string, string] {
  const value = prepare(word);
  const length = value.length;
  if (length === 0) return ['', ''];
  const last = length - 1;
  // Padded so that look-ahead past the end reads spaces, as the reference does.
  const s = value + '     ';
  let primary = '';
  let secondary = '';

  const at = (i: number): string => (i >= 0 && i < s.length ? s[i] : '');
  const isVowel = (i: number): boolean => i >= 0 && i < length && VOWEL.has(s[i]);
  /** Does s, from `start`, read one of the options (all of one length)? */
  const stringAt = (start: number, ...options: string[]): boolean => {
    if (start < 0) return false;
    const len = options[0].length;
    const piece = s.slice(start, start + len);
    return options.includes(piece);
  };
  /** Add to both codes, or `main` to the primary and `alt` to the alternate. */
  const add = (main: string, alt?: string): void => {
    primary += main;
    secondary += alt === undefined ? main : alt;
  };

  const slavoGermanic = s.includes('W') || s.includes('K') || s.includes('CZ') || s.includes('WITZ');
  const germanic = stringAt(0, 'VAN ', 'VON ') || stringAt(0, 'SCH');

  let current = 0;
  // Silent first letters.
  if (stringAt(0, 'GN', 'KN', 'PN', 'WR', 'PS')) current += 1;
  // An initial X is said Z, coded S ("Xavier").
  if (s[0] === 'X') {
    add('S');
    current += 1;
  }

  while ((primary.length < maxLength || secondary.length < maxLength) && current < length) {
    const c = s[current];
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        // Every initial vowel is A; other vowels are not coded.
        if (current === 0) add('A');
        current += 1;
        break;

      case 'B':
        // "-mb" as in "dumb" is handled under M.
        add('P');
        current += at(current + 1) === 'B' ? 2 : 1;
        break;

      case 'Ç':
        add('S');
        current += 1;
        break;

      case 'C':
        current = codeC(current);
        break;

      case 'D':
        if (stringAt(current, 'DG')) {
          if (stringAt(current + 2, 'I', 'E', 'Y')) {
            // "edge"
            add('J');
            current += 3;
          } else {
            // "Edgar"
            add('TK');
            current += 2;
          }
          break;
        }
        add('T');
        current += stringAt(current, 'DT', 'DD') ? 2 : 1;
        break;

      case 'F':
        current += at(current + 1) === 'F' ? 2 : 1;
        add('F');
        break;

      case 'G':
        current = codeG(current);
        break;

      case 'H':
        // Kept only at the start before a vowel, or between two vowels.
        if ((current === 0 || isVowel(current - 1)) && isVowel(current + 1)) {
          add('H');
          current += 2;
        } else current += 1;
        break;

      case 'J':
        current = codeJ(current);
        break;

      case 'K':
        current += at(current + 1) === 'K' ? 2 : 1;
        add('K');
        break;

      case 'L':
        if (at(current + 1) === 'L') {
          // Spanish: "cabrillo", "gallegos".
          if (
            (current === length - 3 && stringAt(current - 1, 'ILLO', 'ILLA', 'ALLE')) ||
            ((stringAt(last - 1, 'AS', 'OS') || stringAt(last, 'A', 'O')) && stringAt(current - 1, 'ALLE'))
          ) {
            add('L', '');
            current += 2;
            break;
          }
          current += 2;
        } else current += 1;
        add('L');
        break;

      case 'M':
        // "dumb", "thumb", "dumber": the B is silent.
        if ((stringAt(current - 1, 'UMB') && (current + 1 === last || stringAt(current + 2, 'ER'))) || at(current + 1) === 'M') current += 2;
        else current += 1;
        add('M');
        break;

      case 'N':
        current += at(current + 1) === 'N' ? 2 : 1;
        add('N');
        break;

      case 'Ñ':
        current += 1;
        add('N');
        break;

      case 'P':
        if (at(current + 1) === 'H') {
          add('F');
          current += 2;
          break;
        }
        // "Campbell", "raspberry".
        current += stringAt(current + 1, 'P', 'B') ? 2 : 1;
        add('P');
        break;

      case 'Q':
        current += at(current + 1) === 'Q' ? 2 : 1;
        add('K');
        break;

      case 'R':
        // French "Rogier", but not "Hochmeier".
        if (current === last && !slavoGermanic && stringAt(current - 2, 'IE') && !stringAt(current - 4, 'ME', 'MA')) add('', 'R');
        else add('R');
        current += at(current + 1) === 'R' ? 2 : 1;
        break;

      case 'S':
        current = codeS(current);
        break;

      case 'T':
        if (stringAt(current, 'TION')) {
          add('X');
          current += 3;
          break;
        }
        if (stringAt(current, 'TIA', 'TCH')) {
          add('X');
          current += 3;
          break;
        }
        if (stringAt(current, 'TH') || stringAt(current, 'TTH')) {
          // "Thomas", "Thames", or Germanic.
          if (stringAt(current + 2, 'OM', 'AM') || germanic) add('T');
          else add('0', 'T');
          current += 2;
          break;
        }
        current += stringAt(current + 1, 'T', 'D') ? 2 : 1;
        add('T');
        break;

      case 'V':
        current += at(current + 1) === 'V' ? 2 : 1;
        add('F');
        break;

      case 'W':
        if (stringAt(current, 'WR')) {
          add('R');
          current += 2;
          break;
        }
        if (current === 0 && (isVowel(current + 1) || stringAt(current, 'WH'))) {
          // "Wasserman" should match "Vasserman"; "Uomo" should match "Womo".
          if (isVowel(current + 1)) add('A', 'F');
          else add('A');
        }
        // "Arnow" should match "Arnoff".
        if ((current === last && isVowel(current - 1)) || stringAt(current - 1, 'EWSKI', 'EWSKY', 'OWSKI', 'OWSKY') || stringAt(0, 'SCH')) {
          add('', 'F');
          current += 1;
          break;
        }
        // Polish "Filipowicz".
        if (stringAt(current, 'WICZ', 'WITZ')) {
          add('TS', 'FX');
          current += 4;
          break;
        }
        current += 1;
        break;

      case 'X':
        // French "Breaux".
        if (!(current === last && (stringAt(current - 3, 'IAU', 'EAU') || stringAt(current - 2, 'AU', 'OU')))) add('KS');
        current += stringAt(current + 1, 'C', 'X') ? 2 : 1;
        break;

      case 'Z':
        // Chinese pinyin "Zhao".
        if (at(current + 1) === 'H') {
          add('J');
          current += 2;
          break;
        }
        if (stringAt(current + 1, 'ZO', 'ZI', 'ZA') || (slavoGermanic && current > 0 && at(current - 1) !== 'T')) add('S', 'TS');
        else add('S');
        current += at(current + 1) === 'Z' ? 2 : 1;
        break;

      default:
        current += 1;
    }
  }

  return [primary.slice(0, maxLength), secondary.slice(0, maxLength)];

  function codeC(cur: number): number {
    // Various Germanic: "Bacher", "Macher", "Wachtler".
    if (cur > 1 && !isVowel(cur - 2) && stringAt(cur - 1, 'ACH') && at(cur + 2) !== 'I' && (at(cur + 2) !== 'E' || stringAt(cur - 2, 'BACHER', 'MACHER'))) {
      add('K');
      return cur + 2;
    }
    // "Caesar".
    if (cur === 0 && stringAt(cur, 'CAESAR')) {
      add('S');
      return cur + 2;
    }
    // Italian "Chianti".
    if (stringAt(cur, 'CHIA')) {
      add('K');
      return cur + 2;
    }
    if (stringAt(cur, 'CH')) {
      // "Michael".
      if (cur > 0 && stringAt(cur, 'CHAE')) {
        add('K', 'X');
        return cur + 2;
      }
      // Greek roots: "chemistry", "chorus".
      if (cur === 0 && (stringAt(cur + 1, 'HARAC', 'HARIS') || stringAt(cur + 1, 'HOR', 'HYM', 'HIA', 'HEM')) && !stringAt(0, 'CHORE')) {
        add('K');
        return cur + 2;
      }
      // Germanic, Greek or otherwise CH for the KH sound.
      if (
        germanic ||
        // "architect", "orchestra", "orchid", but not "arch"
        stringAt(cur - 2, 'ORCHES', 'ARCHIT', 'ORCHID') ||
        stringAt(cur + 2, 'T', 'S') ||
        // "Wachtler", "Wechsler", but not "Tichner"
        ((stringAt(cur - 1, 'A', 'O', 'U', 'E') || cur === 0) && stringAt(cur + 2, 'L', 'R', 'N', 'M', 'B', 'H', 'F', 'V', 'W', ' '))
      ) {
        add('K');
      } else if (cur > 0) {
        // "McHugh"
        if (stringAt(0, 'MC')) add('K');
        else add('X', 'K');
      } else add('X');
      return cur + 2;
    }
    // "Czerny".
    if (stringAt(cur, 'CZ') && !stringAt(cur - 2, 'WICZ')) {
      add('S', 'X');
      return cur + 2;
    }
    // "Focaccia".
    if (stringAt(cur + 1, 'CIA')) {
      add('X');
      return cur + 3;
    }
    // Double C, but not "McClellan".
    if (stringAt(cur, 'CC') && !(cur === 1 && s[0] === 'M')) {
      // "Bellocchio", but not "Bacchus".
      if (stringAt(cur + 2, 'I', 'E', 'H') && !stringAt(cur + 2, 'HU')) {
        // "accident", "accede", "succeed"
        if ((cur === 1 && at(cur - 1) === 'A') || stringAt(cur - 1, 'UCCEE', 'UCCES')) add('KS');
        // "Bacci", "Bertucci", other Italian
        else add('X');
        return cur + 3;
      }
      // Pierce's rule.
      add('K');
      return cur + 2;
    }
    if (stringAt(cur, 'CK', 'CG', 'CQ')) {
      add('K');
      return cur + 2;
    }
    if (stringAt(cur, 'CI', 'CE', 'CY')) {
      // Italian or English.
      if (stringAt(cur, 'CIO', 'CIE', 'CIA')) add('S', 'X');
      else add('S');
      return cur + 2;
    }
    add('K');
    // "Mac Caffrey", "Mac Gregor".
    if (stringAt(cur + 1, ' C', ' Q', ' G')) return cur + 3;
    if (stringAt(cur + 1, 'C', 'K', 'Q') && !stringAt(cur + 1, 'CE', 'CI')) return cur + 2;
    return cur + 1;
  }

  function codeG(cur: number): number {
    const next = at(cur + 1);
    if (next === 'H') {
      if (cur > 0 && !isVowel(cur - 1)) {
        add('K');
        return cur + 2;
      }
      // "Ghislane", "Ghiradelli".
      if (cur === 0) {
        add(at(cur + 2) === 'I' ? 'J' : 'K');
        return cur + 2;
      }
      // Parker's rule: "Hugh", "bough", "Broughton".
      if ((cur > 1 && stringAt(cur - 2, 'B', 'H', 'D')) || (cur > 2 && stringAt(cur - 3, 'B', 'H', 'D')) || (cur > 3 && stringAt(cur - 4, 'B', 'H'))) {
        return cur + 2;
      }
      // "laugh", "McLaughlin", "cough", "rough", "tough".
      if (cur > 2 && at(cur - 1) === 'U' && stringAt(cur - 3, 'C', 'G', 'L', 'R', 'T')) add('F');
      else if (cur > 0 && at(cur - 1) !== 'I') add('K');
      return cur + 2;
    }
    if (next === 'N') {
      if (cur === 1 && isVowel(0) && !slavoGermanic) add('KN', 'N');
      // not "Cagney"
      else if (!stringAt(cur + 2, 'EY') && at(cur + 1) !== 'Y' && !slavoGermanic) add('N', 'KN');
      else add('KN');
      return cur + 2;
    }
    // "Tagliaro".
    if (stringAt(cur + 1, 'LI') && !slavoGermanic) {
      add('KL', 'L');
      return cur + 2;
    }
    // -ges-, -gep-, -gel-, -gie- at the start.
    if (cur === 0 && (next === 'Y' || stringAt(cur + 1, 'ES', 'EP', 'EB', 'EL', 'EY', 'IB', 'IL', 'IN', 'IE', 'EI', 'ER'))) {
      add('K', 'J');
      return cur + 2;
    }
    // -ger-, -gy-.
    if ((stringAt(cur + 1, 'ER') || next === 'Y') && !stringAt(0, 'DANGER', 'RANGER', 'MANGER') && !stringAt(cur - 1, 'E', 'I') && !stringAt(cur - 1, 'RGY', 'OGY')) {
      add('K', 'J');
      return cur + 2;
    }
    // Italian "Biaggi".
    if (stringAt(cur + 1, 'E', 'I', 'Y') || stringAt(cur - 1, 'AGGI', 'OGGI')) {
      // Obviously Germanic.
      if (germanic || stringAt(cur + 1, 'ET')) add('K');
      // Always soft with a French ending.
      else if (stringAt(cur + 1, 'IER ')) add('J');
      else add('J', 'K');
      return cur + 2;
    }
    add('K');
    return next === 'G' ? cur + 2 : cur + 1;
  }

  function codeJ(cur: number): number {
    // Obviously Spanish: "Jose", "San Jacinto".
    if (stringAt(cur, 'JOSE') || stringAt(0, 'SAN ')) {
      if ((cur === 0 && at(cur + 4) === ' ') || stringAt(0, 'SAN ')) add('H');
      else add('J', 'H');
      return cur + 1;
    }
    if (cur === 0 && !stringAt(cur, 'JOSE')) {
      // "Yankelovich" / "Jankelowicz".
      add('J', 'A');
    } else if (isVowel(cur - 1) && !slavoGermanic && (at(cur + 1) === 'A' || at(cur + 1) === 'O')) {
      // Spanish "bajador".
      add('J', 'H');
    } else if (cur === last) {
      add('J', '');
    } else if (!stringAt(cur + 1, 'L', 'T', 'K', 'S', 'N', 'M', 'B', 'Z') && !stringAt(cur - 1, 'S', 'K', 'L')) {
      add('J');
    }
    return at(cur + 1) === 'J' ? cur + 2 : cur + 1;
  }

  function codeS(cur: number): number {
    // "island", "isle", "Carlisle", "Carlysle".
    if (stringAt(cur - 1, 'ISL', 'YSL')) return cur + 1;
    // "sugar-".
    if (cur === 0 && stringAt(cur, 'SUGAR')) {
      add('X', 'S');
      return cur + 1;
    }
    if (stringAt(cur, 'SH')) {
      // Germanic.
      if (stringAt(cur + 1, 'HEIM', 'HOEK', 'HOLM', 'HOLZ')) add('S');
      else add('X');
      return cur + 2;
    }
    // Italian and Armenian.
    if (stringAt(cur, 'SIO', 'SIA') || stringAt(cur, 'SIAN')) {
      if (!slavoGermanic) add('S', 'X');
      else add('S');
      return cur + 3;
    }
    // German and anglicised: "Smith" / "Schmidt", "Snider" / "Schneider"; Slavic -sz-.
    if ((cur === 0 && stringAt(cur + 1, 'M', 'N', 'L', 'W')) || stringAt(cur + 1, 'Z')) {
      add('S', 'X');
      return stringAt(cur + 1, 'Z') ? cur + 2 : cur + 1;
    }
    if (stringAt(cur, 'SC')) {
      // Schlesinger's rule.
      if (at(cur + 2) === 'H') {
        // Dutch: "school", "schooner".
        if (stringAt(cur + 3, 'OO', 'ER', 'EN', 'UY', 'ED', 'EM')) {
          // "Schermerhorn", "Schenker".
          if (stringAt(cur + 3, 'ER', 'EN')) add('X', 'SK');
          else add('SK');
          return cur + 3;
        }
        if (cur === 0 && !isVowel(3) && at(3) !== 'W') add('X', 'S');
        else add('X');
        return cur + 3;
      }
      if (stringAt(cur + 2, 'I', 'E', 'Y')) {
        add('S');
        return cur + 3;
      }
      add('SK');
      return cur + 3;
    }
    // French "Resnais", "Artois".
    if (cur === last && stringAt(cur - 2, 'AI', 'OI')) add('', 'S');
    else add('S');
    return stringAt(cur + 1, 'S', 'Z') ? cur + 2 : cur + 1;
  }
}

/** The primary code alone, for keys and comparisons. */
export function metaphonePrimary(word: string): string {
  return doubleMetaphone(word)[0];
}
