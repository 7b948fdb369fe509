import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { SCHEMA_FILE } from './emit-schema';
import { buildApiSchema, printApiSchema } from './schema';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `pnpm --filter @spendsync/api schema:emit` after changing types)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(printApiSchema(await buildApiSchema())).toBe(committed);
  });

  it('declares the federation entities with their keys', async () => {
    const sdl = printApiSchema(await buildApiSchema());
    for (const entity of ['ProviderAccount', 'Workspace', 'ApiKey', 'Model', 'SyncRun', 'User', 'Organization']) {
      expect(sdl).toMatch(new RegExp(`type ${entity}\\s+@key\\(fields: "id"\\)`));
    }
  });
});
