/**
 * Built-in rules: what every command does without a rules file. Written in the rules-file
 * format and validated by the same schema when loaded, so they double as a second example.
 * Points are a starting point for a DACH B2B list, not a model of anyone's customers.
 */
import { CONSENT_GRANTED_PATTERN } from '../suppress/consent.js';
import type { ConditionSpec } from '../score/conditions.js';

/** A score rule as written in a rules file (condition keys inline). */
export interface ScoreRuleInput extends ConditionSpec {
  name: string;
  points?: number;
  per?: number;
  max?: number;
  decay?: boolean;
  date_field?: string;
}

export interface ScoreGroupInput {
  name: string;
  cap?: number;
  rules: ScoreRuleInput[];
}

export const DEFAULT_FIT_GROUPS: ScoreGroupInput[] = [
  {
    // Can we reach the person at all, and may we?
    name: 'contactability',
    cap: 30,
    rules: [
      { name: 'email_valid', field: 'email_status', op: 'eq', value: 'valid', points: 15 },
      { name: 'email_risky', field: 'email_status', op: 'eq', value: 'risky', points: 5 },
      { name: 'phone_valid', field: 'phone_status', op: 'eq', value: 'valid', points: 10 },
      { name: 'mobile_valid', field: 'mobile_status', op: 'eq', value: 'valid', points: 10 },
      { name: 'email_consent', field: 'consent_email', op: 'regex', value: CONSENT_GRANTED_PATTERN, points: 5 },
      { name: 'phone_consent', field: 'consent_phone', op: 'regex', value: CONSENT_GRANTED_PATTERN, points: 5 },
      { name: 'role_address', field: 'email_flags', op: 'contains', value: 'role', points: -5 },
    ],
  },
  {
    name: 'b2b_fit',
    cap: 20,
    rules: [
      { name: 'segment_b2b', field: 'segment', op: 'eq', value: 'b2b', points: 15 },
      { name: 'industry_known', field: 'industry', op: 'not_empty', points: 5 },
      { name: 'free_mail', field: 'email_flags', op: 'contains', value: 'free', points: -5 },
    ],
  },
  {
    // Buying-centre role from the job title (classify).
    name: 'decision_maker',
    cap: 25,
    rules: [
      { name: 'role_decider', field: 'buying_role', op: 'eq', value: 'decider', points: 25 },
      { name: 'role_buyer', field: 'buying_role', op: 'eq', value: 'buyer', points: 20 },
      { name: 'role_influencer', field: 'buying_role', op: 'eq', value: 'influencer', points: 10 },
      { name: 'role_other', field: 'buying_role', op: 'in', value: ['user', 'gatekeeper'], points: 3 },
    ],
  },
  {
    // EU size bands; mid-sized companies fit best by default.
    name: 'company_size',
    cap: 15,
    rules: [
      { name: 'size_1_9', field: 'company_size_band', op: 'eq', value: '1-9', points: 4 },
      { name: 'size_10_49', field: 'company_size_band', op: 'eq', value: '10-49', points: 8 },
      { name: 'size_50_249', field: 'company_size_band', op: 'eq', value: '50-249', points: 15 },
      { name: 'size_250_plus', field: 'company_size_band', op: 'eq', value: '250+', points: 12 },
    ],
  },
  {
    name: 'completeness',
    cap: 10,
    rules: [
      { name: 'has_company', field: 'company', op: 'not_empty', points: 2 },
      { name: 'has_name', field: 'last_name', op: 'not_empty', points: 2 },
      { name: 'has_title', field: 'title', op: 'not_empty', points: 2 },
      {
        name: 'has_address',
        all: [
          { field: 'street', op: 'not_empty' },
          { field: 'postal_code', op: 'not_empty' },
          { field: 'city', op: 'not_empty' },
        ],
        points: 2,
      },
      { name: 'has_website', field: 'website', op: 'not_empty', points: 2 },
    ],
  },
];

export const DEFAULT_ENGAGEMENT_GROUPS: ScoreGroupInput[] = [
  {
    // Recency on its own: full points on the as_of day, half after one half-life.
    name: 'recency',
    cap: 30,
    rules: [{ name: 'recent_activity', field: 'last_activity_at', op: 'not_empty', points: 30 }],
  },
  {
    name: 'web',
    cap: 40,
    rules: [
      { name: 'page_views', field: 'page_views', per: 2, max: 20 },
      { name: 'form_fills', field: 'form_fills', per: 15, max: 30 },
    ],
  },
  {
    name: 'email',
    cap: 30,
    rules: [
      { name: 'email_opens', field: 'email_opens', per: 2, max: 10 },
      { name: 'email_clicks', field: 'email_clicks', per: 5, max: 20 },
    ],
  },
];
