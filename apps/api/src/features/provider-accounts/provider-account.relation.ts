import type { JoinColumnOptions } from 'typeorm';

/**
 * Join columns for a child row's link to its provider account: the composite key
 * (provider_account_id, organization_id) → provider_accounts (id, organization_id). Including the
 * organization means a row can never claim an account of another organization (DESIGN.md §7) and
 * keeps foreign keys valid when tables are distributed by organization (§8).
 */
export const PROVIDER_ACCOUNT_JOIN: JoinColumnOptions[] = [
  { name: 'provider_account_id', referencedColumnName: 'id' },
  { name: 'organization_id', referencedColumnName: 'organizationId' },
];
