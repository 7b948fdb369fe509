/**
 * Settled vs provisional days in dashboard scans (issue 16): each account's settled-through day
 * (kept by the sync engine, see domain `isDaySettled`) joined in, and whether a row is of a day
 * the provider may still revise. Kept apart so dashboards can add it without changing their scans.
 */
export const SETTLED_JOIN = 'LEFT JOIN provider_accounts settled ON settled.id = cr.provider_account_id';

/** True for a scanned row of a provisional day. */
export const IS_PROVISIONAL = '(settled.settled_through IS NULL OR cr.day >= settled.settled_through)';
