import { Box, Typography } from '@mui/material';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostPoint } from './dashboard-queries';

const COLORS = [
  '#1976d2',
  '#9c27b0',
  '#2e7d32',
  '#ed6c02',
  '#d32f2f',
  '#0288d1',
  '#7b1fa2',
  '#558b2f',
  '#f57c00',
  '#5d4037',
];

/** Props of {@link CostChart}. */
export type CostChartProps = {
  points: readonly CostPoint[];
  /** The name a series key is shown with (provider label…). */
  labelFor?(key: string): string;
  height?: number;
  /** Days (bucket starts) with an open anomaly, marked on the chart. */
  anomalyDays?: readonly string[];
};

/** The legend of the hatched part of the chart. */
export const PROVISIONAL_LEGEND = 'provisional: the provider may still revise these days';

/** The first bucket that includes a provisional day (later ones are provisional too), or null. */
export function firstProvisionalBucket(points: readonly CostPoint[]): string | null {
  const buckets = points
    .filter((p) => p.provisional)
    .map((p) => p.bucket)
    .sort();
  return buckets[0] ?? null;
}

/**
 * Series pivoted for the chart: one entry per bucket with a number per key. Numbers here only
 * draw the chart; every figure shown as text comes from the exact decimal strings.
 */
export function pivotSeries(points: readonly CostPoint[]): {
  buckets: Record<string, number | string>[];
  keys: string[];
} {
  const keys = [...new Set(points.map((p) => p.key))].sort();
  const byBucket = new Map<string, Record<string, number | string>>();
  for (const point of points) {
    const entry = byBucket.get(point.bucket) ?? { bucket: point.bucket };
    entry[point.key] = Number(point.cost);
    byBucket.set(point.bucket, entry);
  }
  const buckets = [...byBucket.values()].sort((a, b) => String(a.bucket).localeCompare(String(b.bucket)));
  for (const bucket of buckets) for (const key of keys) bucket[key] ??= 0;
  return { buckets, keys };
}

/** Cost over time, stacked by series key (provider, model, workspace or one API key). */
export function CostChart({ points, labelFor = (k) => k, height = 260, anomalyDays = [] }: CostChartProps) {
  if (points.length === 0)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        No cost in this period.
      </Typography>
    );
  const { buckets, keys } = pivotSeries(points);
  const provisionalFrom = firstProvisionalBucket(points);
  const lastBucket = String(buckets[buckets.length - 1]?.bucket ?? '');
  const shown = new Set(buckets.map((b) => String(b.bucket)));
  return (
    <Box
      sx={{ width: '100%', height }}
      data-testid="cost-chart"
      data-provisional-from={provisionalFrom ?? ''}
      data-anomaly-days={anomalyDays.filter((d) => shown.has(d)).join(',')}>
      <ResponsiveContainer height={provisionalFrom ? height - 20 : height}>
        <AreaChart data={buckets} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <defs>
            <pattern
              id="provisional-hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="6" stroke="#757575" strokeWidth="2" />
            </pattern>
          </defs>
          {provisionalFrom && (
            <ReferenceArea
              x1={provisionalFrom}
              x2={lastBucket}
              fill="url(#provisional-hatch)"
              fillOpacity={0.35}
              strokeDasharray="4 4"
              stroke="#757575"
              ifOverflow="extendDomain"
            />
          )}
          {anomalyDays
            .filter((d) => shown.has(d))
            .map((d) => (
              <ReferenceLine
                key={d}
                x={d}
                stroke="#d32f2f"
                strokeWidth={2}
                label={{ value: 'anomaly', position: 'top', fill: '#d32f2f', fontSize: 11 }}
              />
            ))}
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bucket" fontSize={12} />
          <YAxis fontSize={12} tickFormatter={(v: number) => `$${v.toLocaleString('en-US')}`} />
          <Tooltip formatter={(v) => `$${Number(v).toFixed(2)}`} />
          <Legend />
          {keys.map((key, i) => (
            <Area
              key={key}
              type="monotone"
              dataKey={key}
              name={labelFor(key) || '(no workspace)'}
              stackId="cost"
              stroke={COLORS[i % COLORS.length]}
              fill={COLORS[i % COLORS.length]}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      {provisionalFrom && (
        <Typography variant="caption" color="text.secondary" data-testid="provisional-legend">
          ▨ {PROVISIONAL_LEGEND} (from {provisionalFrom})
        </Typography>
      )}
    </Box>
  );
}
