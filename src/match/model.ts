/**
 * The match model: Fellegi–Sunter weights. For each comparison level, m is the chance that two
 * records of one person show it and u the chance that two records of different people do; the
 * level adds log2(m/u) bits of evidence. For exact agreement u is the frequency of the agreeing
 * value among the rows ("Müller" agrees by chance far more often than "Kowalczyk-Brandt"), clamped
 * so that neither a unique nor a ubiquitous value dominates.
 *
 * The m values are priors for lead lists, not estimated per file: every number below is a
 * statement about how lists go wrong, and --explain shows each one at work.
 */

export interface Mu {
  m: number;
  u: number;
}

export interface TermFrequency {
  /** Chance a person's records agree on the field when both have it. */
  m: number;
  /** Bounds on u = frequency of the agreeing value. */
  uMin: number;
  uMax: number;
}

export interface Model {
  first: { exact: TermFrequency; nickname: Mu; similar: Mu; middleName: Mu; initial: Mu; differ: Mu; partialPenalty: number };
  last: { exact: TermFrequency; partial: Mu; similar: Mu; differ: Mu; familyNameMax: number; swapPenalty: number };
  gender: { same: Mu; differ: Mu };
  email: { exact: TermFrequency; shared: Mu; localPart: Mu; nameLocalPart: Mu; domain: Mu; mailbox: Mu; differ: Mu };
  phone: { exact: TermFrequency; shared: Mu; prefix: Mu; differ: Mu };
  /** untiedMax: bits a company name is worth at most where the place differs (or, between organisation records, where nothing else ties them). */
  company: { exact: TermFrequency; similar: Mu; differ: Mu; legalFormDiffer: Mu; untiedMax: number };
  location: { postal: TermFrequency; city: TermFrequency; differ: Mu };
  street: { exact: TermFrequency; similar: Mu; streetName: Mu; differ: Mu };
  extra: {
    exact: { exact: TermFrequency; differ: Mu };
    /** Dates (src/date compareDateLevels): day and month transposed, one digit off, the same year. */
    date: { exact: TermFrequency; transposed: Mu; oneDigit: Mu; onePart: Mu; sameYear: Mu; differ: Mu };
    text: { exact: TermFrequency; similar: Mu; differ: Mu };
  };
  /**
   * Company, address, switchboard and shared mailbox all say "same organisation or place" and go
   * together: colleagues share all of them. Counted as independent they would outvote a different
   * first name, so their positive evidence together is capped at this many bits.
   */
  contextCap: number;
  /** The same cap between two records that name no person (account lists): organisation evidence is all they have. */
  accountCap: number;
  /**
   * First and last name together count at most this many bits. A name is never proof on its own:
   * two records with nothing but the same name need some other field to agree before they merge.
   */
  nameCap: number;
  /**
   * A disagreement (given name, surname, gender, birth date) weighing this many bits or less keeps
   * two records out of one cluster unless a strong identifier agrees; a weaker one is evidence only.
   */
  vetoBits: number;
  /** Prior log-odds (bits) turning a total weight into a match probability, for a list of PRIOR_ROWS rows. */
  priorWeight: number;
  /**
   * Bits the prior falls by for the list at hand (options.ts listSizeBits): set for each list, so a
   * model saved from one list scores another of a different size fairly.
   */
  listBits: number;
}

/**
 * The list size priorWeight is meant for. Two records of one list are one person's with odds that
 * fall as the list grows: each row has about as many duplicates in a list of 300,000 as in one of
 * 20,000, but fifteen times as many other records that share its name and town by chance.
 */
export const PRIOR_ROWS = 20_000;

export const DEFAULT_MODEL: Model = {
  first: {
    exact: { m: 0.9, uMin: 0.0005, uMax: 0.2 },
    nickname: { m: 0.04, u: 0.0025 },
    similar: { m: 0.03, u: 0.002 },
    middleName: { m: 0.01, u: 0.003 },
    initial: { m: 0.02, u: 0.006 },
    // After nicknames, typos and initials are allowed for, a person's records rarely show two
    // different given names; colleagues and relatives always do.
    differ: { m: 0.008, u: 0.95 },
    partialPenalty: 1,
  },
  last: {
    exact: { m: 0.9, uMin: 0.0002, uMax: 0.2 },
    partial: { m: 0.03, u: 0.0003 },
    similar: { m: 0.04, u: 0.002 },
    // Colleagues share company, address and switchboard: only the surname tells them apart.
    differ: { m: 0.001, u: 0.98 },
    // In "Müller Holzbau GmbH" half the staff may be called Müller: a surname that is part of the
    // company name says little beyond "same company".
    familyNameMax: 2,
    swapPenalty: 1,
  },
  gender: { same: { m: 0.97, u: 0.5 }, differ: { m: 0.02, u: 0.5 } },
  email: {
    exact: { m: 0.6, uMin: 0.00003, uMax: 0.5 },
    shared: { m: 0.05, u: 0.02 },
    localPart: { m: 0.05, u: 0.0001 },
    // "thomas.mueller@" at two domains mostly repeats what the names already said.
    nameLocalPart: { m: 0.05, u: 0.025 },
    domain: { m: 0.3, u: 0.03 },
    // Two personal mailboxes at one company are usually two people.
    mailbox: { m: 0.03, u: 0.8 },
    // People have a work and a private address; lists pick either.
    differ: { m: 0.35, u: 0.97 },
  },
  phone: {
    exact: { m: 0.55, uMin: 0.00003, uMax: 0.5 },
    shared: { m: 0.1, u: 0.03 },
    prefix: { m: 0.05, u: 0.01 },
    differ: { m: 0.35, u: 0.95 },
  },
  company: {
    exact: { m: 0.75, uMin: 0.00005, uMax: 0.1 },
    similar: { m: 0.1, u: 0.002 },
    // A lead is a person in a job: the same name at another company is, for a lead list, another
    // lead more often than the same one.
    differ: { m: 0.05, u: 0.95 },
    legalFormDiffer: { m: 0.1, u: 0.2 },
    untiedMax: 2,
  },
  location: {
    postal: { m: 0.8, uMin: 0.0002, uMax: 0.1 },
    city: { m: 0.2, uMin: 0.0005, uMax: 0.2 },
    // Offices move and lists mix home and work addresses.
    differ: { m: 0.12, u: 0.99 },
  },
  street: {
    exact: { m: 0.7, uMin: 0.0001, uMax: 0.1 },
    similar: { m: 0.05, u: 0.0005 },
    streetName: { m: 0.03, u: 0.01 },
    differ: { m: 0.2, u: 0.9 },
  },
  extra: {
    exact: { exact: { m: 0.95, uMin: 0.00001, uMax: 0.5 }, differ: { m: 0.05, u: 0.99 } },
    date: {
      exact: { m: 0.95, uMin: 0.0001, uMax: 0.5 },
      transposed: { m: 0.01, u: 0.0002 },
      oneDigit: { m: 0.03, u: 0.002 },
      // Two of year, month and day: a random pair shares a birthday in another year (~1/365)
      // more often than a year and month (~1/700) or a year and day.
      onePart: { m: 0.03, u: 0.004 },
      // A date in the same year is a typo's as often as another person's.
      sameYear: { m: 0.01, u: 0.012 },
      differ: { m: 0.02, u: 0.98 },
    },
    text: { exact: { m: 0.9, uMin: 0.0001, uMax: 0.5 }, similar: { m: 0.05, u: 0.005 }, differ: { m: 0.1, u: 0.95 } },
  },
  contextCap: 14,
  accountCap: 40,
  vetoBits: -5,
  nameCap: 15,
  priorWeight: -13,
  listBits: 0,
};

export function bits(mu: Mu): number {
  return Math.log2(mu.m / mu.u);
}

/** Weight of exact agreement on a value with the given frequency. */
export function tfBits(tf: TermFrequency, frequency: number): number {
  const u = Math.min(tf.uMax, Math.max(tf.uMin, frequency));
  return Math.log2(tf.m / u);
}

/** Match probability of a total weight. */
export function probability(weight: number, model: Model = DEFAULT_MODEL): number {
  return 1 / (1 + Math.pow(2, -(weight + model.priorWeight - model.listBits)));
}

/** The total weight at which the match probability reaches p. */
export function weightForProbability(p: number, model: Model = DEFAULT_MODEL): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log2(q / (1 - q)) - model.priorWeight + model.listBits;
}
