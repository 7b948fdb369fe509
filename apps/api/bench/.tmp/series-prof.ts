import { Pool } from 'pg';
import { ZDashboardFilter } from '../../src/features/dashboards/dashboard-filter';
import { queryCostSeries } from '../../src/features/dashboards/cost-series.service';
async function main() {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/bench10m', options: '-c jit=off' });
  const org = (await pool.query('select id from organizations limit 1')).rows[0].id;
  const filter = ZDashboardFilter.parse({ period: { start: '2024-12-31', end: '2025-12-31' } });
  const origQuery = pool.query.bind(pool);
  let sqlMs = 0;
  (pool as any).query = async (...a: any[]) => { const t = performance.now(); const r = await (origQuery as any)(...a); sqlMs += performance.now() - t; return r; };
  const totals: number[] = []; const sqls: number[] = [];
  for (let i = 0; i < 15; i++) {
    sqlMs = 0; const t = performance.now();
    const pts = await queryCostSeries(pool, org, filter, { granularity: 'day', groupBy: 'provider', apiKey: null }, '2025-12-31');
    totals.push(performance.now() - t); sqls.push(sqlMs);
    if (i === 0) console.log('points', pts.length);
  }
  console.log('service total', totals.map(Math.round).join(' '));
  console.log('sql', sqls.map(Math.round).join(' '));
  await pool.end();
}
void main();
