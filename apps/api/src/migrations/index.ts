import { InitialSchema1795737600000 } from './1795737600000-initial-schema';

/** Migrations in the order they run; add new ones at the end. */
export const MIGRATIONS = [InitialSchema1795737600000];
