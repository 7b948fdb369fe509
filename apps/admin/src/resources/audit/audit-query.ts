/** One audit event as the Audit log screen shows it. */
export type AuditEventRecord = {
  id: string;
  occurredAt: string;
  actorType: 'USER' | 'API_TOKEN';
  actorLabel: string;
  clientAddress: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'SUCCEEDED' | 'FAILED';
  errorCode: string | null;
  changes: { input?: Record<string, unknown> };
};

/** The screen's filter: free text, an outcome, and a range of days (UTC, `to` inclusive). */
export type AuditFilterState = {
  actor: string;
  action: string;
  outcome: '' | 'SUCCEEDED' | 'FAILED';
  from: string;
  to: string;
};

export const EMPTY_AUDIT_FILTER: AuditFilterState = { actor: '', action: '', outcome: '', from: '', to: '' };

export const PAGE_SIZE = 50;

export const AUDIT_EVENTS = `query AuditEvents($filter: AuditEventFilter, $limit: Int!, $offset: Int!) {
  spendsyncAuditEvents(filter: $filter, limit: $limit, offset: $offset) {
    total rows { id occurredAt actorType actorLabel clientAddress action targetType targetId outcome errorCode changes }
  }
}`;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The GraphQL filter of the screen's filter: days become instants, `to` covers its whole day. */
export function toAuditFilter(state: AuditFilterState): Record<string, string> {
  const filter: Record<string, string> = {};
  if (state.actor.trim()) filter.actor = state.actor.trim();
  if (state.action.trim()) filter.action = state.action.trim();
  if (state.outcome) filter.outcome = state.outcome;
  if (state.from) filter.from = `${state.from}T00:00:00.000Z`;
  if (state.to) filter.to = nextDay(state.to);
  return filter;
}

/** `/export/audit.csv` with the same filter (the route reads lower-case outcomes). */
export function auditExportPath(state: AuditFilterState): string {
  const filter = toAuditFilter(state);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) params.set(key, key === 'outcome' ? value.toLowerCase() : value);
  const query = params.toString();
  return `/export/audit.csv${query ? `?${query}` : ''}`;
}

/** The operation's input, compact, for the table (secrets were redacted by the API). */
export function describeInput(changes: AuditEventRecord['changes']): string {
  const input = changes.input ?? {};
  return Object.keys(input).length === 0 ? '' : JSON.stringify(input);
}
