import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from './format';
import type { ReconciliationDay } from './reconciliation-query';

/**
 * Billed and metered per day, oldest first. Numbers here only draw the lines; every figure shown
 * as text (the tooltip too) comes from the exact decimal strings.
 */
export function ReconciliationChart({ days, height = 200 }: { days: readonly ReconciliationDay[]; height?: number }) {
  const byDay = [...days].sort((a, b) => a.day.localeCompare(b.day));
  const points = byDay.map((d) => ({ day: d.day, billed: Number(d.billed), metered: Number(d.metered), exact: d }));
  return (
    <div data-testid="reconciliation-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={60} />
          <Tooltip
            formatter={(_value, name, item) => {
              const exact = (item.payload as { exact: ReconciliationDay }).exact;
              return formatUsd(name === 'Billed' ? exact.billed : exact.metered);
            }}
          />
          <Legend />
          <Line type="monotone" dataKey="billed" name="Billed" stroke="#1976d2" dot={false} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey="metered"
            name="Metered"
            stroke="#2e7d32"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
