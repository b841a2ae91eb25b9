/**
 * The matching engine behind `leadkit dedupe` and `leadkit match --against`.
 */
export { dedupe, dedupeAsync, MERGED_COLUMNS, FLAG_COLUMNS, REPORT_COLUMNS } from './dedupe.js';
export type { DedupeResult, DedupeStats, DedupeRunOptions, Cluster, Clusters } from './dedupe.js';
export { PairDecisions, DecisionReader, parseDecision, DECISION_COLUMNS } from './decisions.js';
export type { Decision, DecisionEntry } from './decisions.js';
export { REVIEW_COLUMNS, NARROW_MARGIN, DEFAULT_REVIEW_THRESHOLD } from './review.js';
export { clusterIdFor } from './cluster-id.js';
export { createMatcher, createMatcherAsync, LINK_COLUMNS } from './link.js';
export type { Matcher, LinkMatch, LinkOptions } from './link.js';
export { resolveOptions, DEFAULT_THRESHOLD, DEFAULT_COMPARE } from './options.js';
export { Features } from './features.js';
export { candidatePairs, blockingKeys, packedKeys, rowBitsFor, signature } from './blocking.js';
export { learnModel, identifierFields } from './learn.js';
export type { Learnt, LearntLevel } from './learn.js';
export type { DedupeOptions, MatchOptions } from './options.js';
export { parsePrefer, rankMembers, mergeMembers, completeness } from './survivorship.js';
export type { Prefer, MergedRecord } from './survivorship.js';
export { parseCompareField, normaliseForCompare, COMPARE_TYPES } from './compare-spec.js';
export type { CompareField, CompareType } from './compare-spec.js';
export { formatExplanation, matchReason } from './explain.js';
export type { RecordExplanation, PairExplanation, CandidateExplanation, NotMergedReason } from './explain.js';
export type { FieldComparison, PairScore } from './scorer.js';
export { DEFAULT_MODEL, probability, weightForProbability } from './model.js';
export type { Model } from './model.js';
export {
  compareGivenNames,
  compareSurnames,
  compareEmails,
  comparePhones,
  compareCompanies,
  compareLocations,
  compareStreets,
  compareDates,
  compareText,
  compareExact,
} from './comparators.js';
export type { Level } from './comparators.js';
export { jaro, jaroWinkler } from './jaro-winkler.js';
export { koelnerPhonetik } from './koelner-phonetik.js';
export { areNicknames, canonicalGivenName } from './nicknames.js';
export { personName, foldNameField } from './person-name.js';
export { normaliseEmail, emailMatchKey, isRoleAddress, isFreemailDomain } from './email.js';
export { normalisePhone, callingCode } from './phone.js';
export { normaliseStreet, normalisePostalCode, normaliseCity } from './address.js';
export { normaliseDate } from '../date/parse.js';
export { consentRank } from './consent.js';
