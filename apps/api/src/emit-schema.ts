import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApiSchema, printApiSchema } from './schema';

/** Where the committed SDL lives: `apps/api/schema.graphql` (this file runs from src/ or dist/). */
export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

/** `pnpm --filter @spendsync/api schema:emit`: rewrites schema.graphql from the code. */
async function emit(): Promise<void> {
  const sdl = printApiSchema(await buildApiSchema());
  await writeFile(SCHEMA_FILE, sdl);
  process.stdout.write(`Wrote ${SCHEMA_FILE} (${sdl.split('\n').length} lines)\n`);
}

if (require.main === module) {
  emit().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
