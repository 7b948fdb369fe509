import { Alert, Box, Button, Chip, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { DEFAULT_FILTER, validateCostRange, type FilterChange, type OverviewFilter } from './overview-filter';
import { PeriodPicker } from './PeriodPicker';
import { ProviderSelect } from './ProviderSelect';
import { useDebouncedCommit } from './useDebouncedCommit';

/** "Clear filters": every field back to its default except the sort. */
const { sort: _keptSort, ...FILTERS_CLEARED } = DEFAULT_FILTER;

/** Props of {@link FilterBar}. */
export type FilterBarProps = {
  filter: OverviewFilter;
  /** Changes the named fields; the others stay as the URL has them when the change applies. */
  onChange(change: FilterChange): void;
  /** What was wrong with the URL's filter (shown once, above the bar). */
  problems?: readonly string[];
  /** Today (UTC) for validating custom ranges; tests pin it. */
  today?: string;
};

/** The cost range inputs: applied together on blur or Enter, and only when valid. */
function CostRange({ filter, onChange }: Pick<FilterBarProps, 'filter' | 'onChange'>) {
  const [min, setMin] = useState(filter.costMin ?? '');
  const [max, setMax] = useState(filter.costMax ?? '');
  useEffect(() => {
    setMin(filter.costMin ?? '');
    setMax(filter.costMax ?? '');
  }, [filter.costMin, filter.costMax]);
  const problem = validateCostRange(min, max);
  const commit = () => {
    if (problem) return;
    const [costMin, costMax] = [min.trim() || null, max.trim() || null];
    if (costMin !== filter.costMin || costMax !== filter.costMax) onChange({ costMin, costMax });
  };
  const field = (label: string, value: string, set: (v: string) => void, id: 'costMin' | 'costMax') => (
    <TextField
      fullWidth={false}
      margin="none"
      size="small"
      label={label}
      value={value}
      onChange={(e) => set(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      error={problem?.field === id}
      helperText={problem?.field === id ? problem.message : ' '}
      sx={{ width: 130 }}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': label } }}
    />
  );
  return (
    <>
      {field('Min cost $', min, setMin, 'costMin')}
      {field('Max cost $', max, setMax, 'costMax')}
    </>
  );
}

/**
 * The filter bar the four Overview tabs share: provider, period (presets or a custom range),
 * cost range and search, plus the workspaces a drill-down narrowed to. Every change lands in
 * the URL through `onChange`.
 */
export function FilterBar({ filter, onChange, problems = [], today }: FilterBarProps) {
  const [search, setSearch] = useDebouncedCommit(filter.search, (search) => onChange({ search }));
  const isDefault = JSON.stringify({ ...filter, sort: null }) === JSON.stringify(DEFAULT_FILTER);
  return (
    <Box sx={{ mb: 1 }}>
      {problems.length > 0 ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {problems.join(' ')}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <ProviderSelect value={filter.providers} onChange={(providers) => onChange({ providers })} />
        <PeriodPicker period={filter.period} onChange={(period) => onChange({ period })} today={today} />
        <CostRange filter={filter} onChange={onChange} />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Search"
          placeholder="Workspace, key hint or model"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ minWidth: 220 }}
          slotProps={{ htmlInput: { 'aria-label': 'Search' } }}
        />
        {isDefault ? null : (
          <Button size="small" onClick={() => onChange(FILTERS_CLEARED)} sx={{ mt: 0.5 }}>
            Reset
          </Button>
        )}
      </Stack>
      {filter.workspaces.length > 0 ? (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: 'center' }}>
          <Box component="span" sx={{ color: 'text.secondary', fontSize: 14 }}>
            Workspace:
          </Box>
          {filter.workspaces.map((workspace) => (
            <Chip
              key={workspace}
              size="small"
              label={workspace}
              onDelete={() => onChange({ workspaces: filter.workspaces.filter((w) => w !== workspace) })}
            />
          ))}
        </Stack>
      ) : null}
    </Box>
  );
}
