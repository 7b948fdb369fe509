import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CreditRunway } from './runway-documents';
import { chartPoints } from './runway-view';

const usd = (value: unknown) =>
  typeof value === 'number' ? `$${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}` : String(value);

/** Balance over time (solid) and the projection at the average, fastest and slowest weeks' rates (dashed). */
export function RunwayChart({ runway }: { runway: CreditRunway }) {
  const data = chartPoints(runway);
  return (
    <div data-testid="runway-chart" style={{ width: '100%', height: 220 }}>
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis tickFormatter={usd} tick={{ fontSize: 11 }} width={72} />
          <Tooltip formatter={usd} />
          <Legend />
          <Line
            type="monotone"
            dataKey="balance"
            name="Balance"
            stroke="#1976d2"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey="expected"
            name="Projected (28-day average)"
            stroke="#ed6c02"
            dot={false}
            strokeDasharray="6 3"
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey="fastest"
            name="Fastest week"
            stroke="#d32f2f"
            dot={false}
            strokeDasharray="2 3"
            isAnimationActive={false}
            connectNulls
          />
          <Line
            type="linear"
            dataKey="slowest"
            name="Slowest week"
            stroke="#2e7d32"
            dot={false}
            strokeDasharray="2 3"
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
