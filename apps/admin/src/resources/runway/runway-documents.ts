/** GraphQL documents of the runway column, chart and the Grants screen. */

const GRANT_FIELDS =
  'id name amount startsOn expiresOn providerAccountId provider accountLabel notifyUnderDays createdAt updatedAt';

export const CREDIT_GRANTS = `query CreditGrants { spendsyncCreditGrants { ${GRANT_FIELDS} } }`;
export const CREDIT_GRANT = `query CreditGrant($id: ID!) { spendsyncCreditGrant(id: $id) { ${GRANT_FIELDS} } }`;
export const CREATE_CREDIT_GRANT = `mutation CreateCreditGrant($input: CreditGrantInput!) {
  spendsyncCreateCreditGrant(input: $input) { ${GRANT_FIELDS} } }`;
export const UPDATE_CREDIT_GRANT = `mutation UpdateCreditGrant($id: ID!, $input: CreditGrantInput!) {
  spendsyncUpdateCreditGrant(id: $id, input: $input) { ${GRANT_FIELDS} } }`;
export const DELETE_CREDIT_GRANT = 'mutation DeleteCreditGrant($id: ID!) { spendsyncDeleteCreditGrant(id: $id) }';

export const CREDIT_RUNWAYS = `query CreditRunways { spendsyncCreditRunways {
  id kind providerAccountId provider accountLabel name grantId granted used remaining asOf startsOn expiresOn
    status windowStart windowEnd
  basisDays dailyBurn fastestDailyBurn slowestDailyBurn runOutOn runOutEarliest runOutLatest daysLeft
    leftAtExpiry runsOutBeforeExpiry
  notifyUnderDays underThreshold history { day balance reported } projection { day expected fastest slowest } } }`;

export const RUNWAY_ALERT_SETTINGS = 'query RunwayAlertSettings { spendsyncRunwayAlertSettings { notifyUnderDays } }';
export const SET_RUNWAY_ALERT_SETTINGS = `mutation SetRunwayAlertSettings($days: Int) {
  spendsyncSetRunwayAlertSettings(notifyUnderDays: $days) { notifyUnderDays } }`;

/** A grant as the API returns it. */
export type CreditGrantRecord = {
  id: string;
  name: string;
  amount: string;
  startsOn: string;
  expiresOn: string | null;
  providerAccountId: string;
  provider: string;
  accountLabel: string;
  notifyUnderDays: number | null;
  createdAt: string;
  updatedAt: string;
};

/** One runway (a provider balance or a grant) as the API returns it. */
export type CreditRunway = {
  id: string;
  kind: 'BALANCE' | 'GRANT';
  providerAccountId: string;
  provider: string;
  accountLabel: string;
  name: string;
  grantId: string | null;
  granted: string | null;
  used: string | null;
  remaining: string;
  asOf: string;
  startsOn: string | null;
  expiresOn: string | null;
  status: 'BURNING' | 'NO_BURN' | 'EXHAUSTED' | 'EXPIRED';
  windowStart: string | null;
  windowEnd: string | null;
  basisDays: number;
  dailyBurn: string;
  fastestDailyBurn: string;
  slowestDailyBurn: string;
  runOutOn: string | null;
  runOutEarliest: string | null;
  runOutLatest: string | null;
  daysLeft: number | null;
  leftAtExpiry: string | null;
  runsOutBeforeExpiry: boolean;
  notifyUnderDays: number | null;
  underThreshold: boolean;
  history: { day: string; balance: string; reported: boolean }[];
  projection: { day: string; expected: string; fastest: string; slowest: string }[];
};
