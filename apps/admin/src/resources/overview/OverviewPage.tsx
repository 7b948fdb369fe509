import { Box, Card, LinearProgress, Stack, Tab, Tabs } from '@mui/material';
import { Suspense } from 'react';
import { Title } from 'react-admin';
import { Link, useLocation, useParams } from 'react-router';
import { ExportCsvButton } from './ExportCsvButton';
import { FilterBar } from './FilterBar';
import { OVERVIEW_TABS, TAB_LABELS, isOverviewTab, type OverviewTab } from './overview-tabs';
import { TAB_COMPONENTS } from './tab-modules';
import { useOverviewFilter } from './useOverviewFilter';

/** The path of a tab with a query string (the filter travels between tabs). */
export function tabPath(tab: OverviewTab, search: string): string {
  return `/overview/${tab}${search ? `?${search}` : ''}`;
}

/**
 * The Overview: four tabs (Providers, Models, API Keys, Workspaces) under one filter bar. The tab
 * is the path (`/overview/models`) and the filter the query string, so links and reloads keep both.
 */
export function OverviewPage() {
  const params = useParams();
  const location = useLocation();
  const segment = params['*']?.split('/')[0];
  const tab: OverviewTab = isOverviewTab(segment) ? segment : 'providers';
  const { filter, problems, page, setFilter, setPage } = useOverviewFilter();
  const search = new URLSearchParams(location.search);
  search.delete('page');
  const Content = TAB_COMPONENTS[tab];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title="Overview" />
      <Card sx={{ p: 2 }}>
        <FilterBar filter={filter} onChange={setFilter} problems={problems} />
        <Stack
          direction="row"
          sx={{ borderBottom: 1, borderColor: 'divider', alignItems: 'center', justifyContent: 'space-between' }}>
          <Tabs value={tab} aria-label="Overview tabs">
            {OVERVIEW_TABS.map((t) => (
              <Tab key={t} value={t} label={TAB_LABELS[t]} component={Link} to={tabPath(t, search.toString())} />
            ))}
          </Tabs>
          <ExportCsvButton tab={tab} filter={filter} />
        </Stack>
        <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
          <Content filter={filter} setFilter={setFilter} page={page} setPage={setPage} />
        </Suspense>
      </Card>
    </Box>
  );
}
