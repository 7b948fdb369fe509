import { performance } from 'node:perf_hooks';
import { createDataSource } from '../../src/data-source';
import { startBenchGraphql } from '../graphql-endpoint';
import { BENCH_GRAPHQL } from '../bench-queries';
async function main() {
  const ds = createDataSource({ url: 'postgres://postgres@127.0.0.1:5432/bench10m', poolSize: 4 });
  await ds.initialize();
  const org = (await ds.query('select id from organizations limit 1'))[0].id;
  const api = await startBenchGraphql(ds, () => new Date('2025-12-31T12:00:00Z'));
  const caller = { organizationId: org, role: 'viewer' as const, userId: null, apiTokenId: null, sessionId: null, canRecordUsage: false };
  const f = { range: { start: '2024-12-31', end: '2025-12-31' } };
  const q = process.env.Q ?? BENCH_GRAPHQL.series;
  const times: number[] = [];
  for (let i = 0; i < Number(process.env.N ?? 30); i++) {
    const t = performance.now();
    await api.run(q, { f }, caller);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log('p50', times[Math.floor(times.length / 2)].toFixed(1), 'min', times[0].toFixed(1), 'max', times.at(-1)!.toFixed(1));
  await api.close(); await ds.destroy();
}
void main();
