import type { DataSource } from 'typeorm';
import { ZDashboardFilter, type DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { seedOrganizationA, seedOrganizationB, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

/** What the dashboard tests read: a fresh test database with organizations A and B seeded. */
export type DashboardFixture = {
  ds: DataSource;
  a: SeededOrganization;
  b: Awaited<ReturnType<typeof seedOrganizationB>>;
};

/** Opens a fresh test database and seeds organizations A and B (B's data must never show in A's dashboards). */
export async function openDashboardFixture(): Promise<DashboardFixture> {
  const ds = await openTestDataSource();
  const a = await seedOrganizationA(ds);
  const b = await seedOrganizationB(ds);
  return { ds, a, b };
}

/** A dashboard filter over the last 7 days (the seeded data's), with `input` on top. */
export const lastSevenDays = (input: DashboardFilterInput = {}) =>
  ZDashboardFilter.parse({ period: 'last_7_days', ...input });
