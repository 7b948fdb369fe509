/** GraphQL documents of the Budgets and Notification channels screens (checked against the contract in tests). */
export const BUDGETS = `query Budgets { budgets { id name amount periodKind customStart customEnd measure scope { providers accountIds workspaces apiKeyIds models }
  thresholds { percent kind }
  status { periodStart periodEnd spent forecast percent forecastPercent forecastBasisDays provisionalDays highestPercentReached fired { thresholdPercent thresholdKind recoveredAt } } } }`;
export const CREATE_BUDGET = 'mutation CreateBudget($input: BudgetInput!) { createBudget(input: $input) { id } }';
export const UPDATE_BUDGET =
  'mutation UpdateBudget($id: ID!, $input: BudgetInput!) { updateBudget(id: $id, input: $input) { id } }';
export const DELETE_BUDGET = 'mutation DeleteBudget($id: ID!) { deleteBudget(id: $id) }';
export const ALERT_EVENTS = `query BudgetAlertEvents { budgetAlertEvents { id budgetName thresholdKind thresholdPercent spent forecast budgetAmount firedAt recoveredAt } }`;
export const ALERT_FIRED =
  'subscription AlertFired { alertFired { eventId budgetName change thresholdKind thresholdPercent spent } }';
export const CHANNELS =
  'query NotificationChannels { notificationChannels { id kind name targetHint configured createdAt } }';
export const CREATE_CHANNEL = `mutation CreateNotificationChannel($input: NotificationChannelInput!) {
  createNotificationChannel(input: $input) { channel { id } secret } }`;
export const TEST_CHANNEL = 'mutation TestNotificationChannel($id: ID!) { testNotificationChannel(id: $id) }';
export const ANOMALY_ROUTES = 'query AnomalyRoutes { anomalySettings { routes { channelId minSeverity } } }';
export const UPDATE_ANOMALY_ROUTES = `mutation UpdateAnomalyRoutes($input: AnomalySettingsInput!) {
  updateAnomalySettings(input: $input) { routes { channelId minSeverity } } }`;
export const DELETE_CHANNEL = 'mutation DeleteNotificationChannel($id: ID!) { deleteNotificationChannel(id: $id) }';
export const DELIVERIES = `query NotificationDeliveries { notificationDeliveries(limit: 50) { id channelId eventType status attempts lastError createdAt
  attemptLog { attempt statusCode latencyMs error attemptedAt } } }`;

/** A budget row as the Budgets screen reads it. */
export type BudgetRow = {
  id: string;
  name: string;
  amount: string;
  periodKind: string;
  customStart: string | null;
  customEnd: string | null;
  measure: string;
  scope: { providers: string[]; accountIds: string[]; workspaces: string[]; apiKeyIds: string[]; models: string[] };
  thresholds: { percent: number; kind: string }[];
  status: {
    periodStart: string;
    periodEnd: string;
    spent: string;
    forecast: string | null;
    percent: string;
    forecastPercent: string | null;
    forecastBasisDays: number;
    provisionalDays: number;
    highestPercentReached: number | null;
    fired: { thresholdPercent: number; thresholdKind: string; recoveredAt: string | null }[];
  };
};

/** One alert of the history. */
export type AlertEventRow = {
  id: string;
  budgetName: string;
  thresholdKind: string;
  thresholdPercent: number;
  spent: string;
  forecast: string | null;
  budgetAmount: string;
  firedAt: string;
  recoveredAt: string | null;
};

/** One channel. */
export type AnomalyRoute = { channelId: string; minSeverity: 'MEDIUM' | 'HIGH' | 'CRITICAL' };
export type ChannelRow = {
  id: string;
  kind: string;
  name: string;
  targetHint: string;
  configured: boolean;
  createdAt: string;
};

/** One delivery with its tries. */
export type DeliveryRow = {
  id: string;
  channelId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  attemptLog: {
    attempt: number;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
    attemptedAt: string;
  }[];
};
