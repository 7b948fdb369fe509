import { RUN_DATABASE_ENV, withDatabase, workerDatabase } from './test-database';

// Runs before each test file (jest `setupFiles`): points DATABASE_URL at this worker's own
// database, which globalSetup created (`workerDatabase`). Outside a jest run, nothing changes.
const run = process.env[RUN_DATABASE_ENV];
const url = process.env.DATABASE_URL;
if (run && url) process.env.DATABASE_URL = withDatabase(url, workerDatabase(run, process.env.JEST_WORKER_ID ?? '1'));
