import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { runMigrations } from '../src/database/migrate';

/** The run's database URL, set by globalSetup. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run the tests through jest, whose globalSetup creates the database');
  return url;
}

/** An initialized, migrated data source on the run's database. Destroy it in afterAll. */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = createDataSource({ url: testDatabaseUrl(), poolSize: 4 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}
