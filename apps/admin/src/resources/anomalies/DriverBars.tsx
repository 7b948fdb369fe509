import { Box, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { formatUsd } from '../overview/format';
import { overviewLinkFor } from './anomaly-links';
import type { Anomaly, AnomalyDriver } from './anomaly-queries';

const DIMENSION_LABELS = { API_KEY: 'API keys', MODEL: 'Models', WORKSPACE: 'Workspaces' } as const;

/** One dimension's breakdown of an anomaly's delta: a bar per driver (its share), linking to the Overview. */
export function DriverBars({ anomaly, dimension }: { anomaly: Anomaly; dimension: AnomalyDriver['dimension'] }) {
  const drivers = anomaly.drivers.filter((d) => d.dimension === dimension);
  if (drivers.length === 0) return null;
  const largest = Math.max(...drivers.map((d) => Math.abs(Number(d.share))), 0.0001);
  return (
    <Box aria-label={`Drivers by ${DIMENSION_LABELS[dimension]}`} role="list" sx={{ minWidth: 260, flex: 1 }}>
      <Typography variant="overline">{DIMENSION_LABELS[dimension]}</Typography>
      {drivers.map((d) => (
        <Box
          key={d.key ?? 'other'}
          role="listitem"
          data-driver={d.key ?? 'other'}
          sx={{ display: 'grid', gridTemplateColumns: '9rem 1fr 6rem', gap: 1, alignItems: 'center' }}>
          {d.key === null ? (
            <Typography variant="body2" color="text.secondary">
              other
            </Typography>
          ) : (
            <Link component={RouterLink} to={overviewLinkFor(anomaly, d)} variant="body2" noWrap title={d.label}>
              {d.label}
            </Link>
          )}
          <Box sx={{ height: 8, bgcolor: 'action.hover', borderRadius: 1 }}>
            <Box
              sx={{
                height: 8,
                borderRadius: 1,
                width: `${(Math.abs(Number(d.share)) / largest) * 100}%`,
                bgcolor: Number(d.amount) >= 0 ? 'error.main' : 'success.main',
              }}
            />
          </Box>
          <Typography variant="body2" sx={{ textAlign: 'right' }}>
            {formatUsd(d.amount)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
