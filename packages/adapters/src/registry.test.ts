import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDENTIAL_GUIDES, CREDENTIAL_SCHEMAS, PROVIDER_IDS } from '@spendsync/domain';
import { simulators } from '@spendsync/simulators';
import { getProvider, providers } from './registry';

const ADAPTERS = join(__dirname, 'providers');
const SIMULATORS = join(__dirname, '../../simulators/src/providers');

/** What every provider folder holds (README "How to add a provider"); `<id>` is the provider id. */
const ADAPTER_FILES = [
  'index.ts',
  'adapter.ts',
  'client.ts',
  'classify-error.ts',
  'raw.ts',
  'map.ts',
  'wire.ts',
  'map.test.ts',
  'fixtures',
  '<id>.contract.test.ts',
];
const SIMULATOR_FILES = ['dataset.ts', 'simulator.ts'];

const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
const missing = (dir: string, files: readonly string[], id: string) =>
  files.map((f) => f.replace('<id>', id)).filter((f) => !existsSync(join(dir, f)));

describe.each([...PROVIDER_IDS])('provider %s', (id) => {
  it('has a definition in the registry under its own id, with the domain credential rules', () => {
    const definition = getProvider(id);
    expect(definition.id).toBe(id);
    expect(definition.label.length).toBeGreaterThan(0);
    expect(definition.credentials).toBe(CREDENTIAL_SCHEMAS[id]);
    expect(CREDENTIAL_GUIDES[id].fields.length).toBeGreaterThan(0);
  });

  it('has a simulator in @spendsync/simulators', () => {
    expect(typeof simulators[id]).toBe('function');
    expect(missing(join(SIMULATORS, id), SIMULATOR_FILES, id)).toEqual([]);
  });

  it('has the same folder layout as every other provider', () => {
    expect(missing(join(ADAPTERS, id), ADAPTER_FILES, id)).toEqual([]);
  });

  it('has a contract test that runs the shared suite against the simulator', () => {
    const text = readFileSync(join(ADAPTERS, id, `${id}.contract.test.ts`), 'utf8');
    expect(text).toContain('defineAdapterContract(');
    expect(text).toContain(`@spendsync/simulators/providers/${id}/simulator`);
  });
});

describe('the registries', () => {
  it('hold exactly the provider ids, and so do the provider folders', () => {
    const ids = [...PROVIDER_IDS].sort();
    expect(Object.keys(providers).sort()).toEqual(ids);
    expect(Object.keys(simulators).sort()).toEqual(ids);
    expect(folders(ADAPTERS)).toEqual(ids);
    expect(folders(SIMULATORS)).toEqual(ids);
  });
});
