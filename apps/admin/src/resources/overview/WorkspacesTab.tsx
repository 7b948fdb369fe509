import { Box, Button, Chip, IconButton, Stack, Typography } from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { useNavigate } from 'react-router';
import { ComparisonNote } from './ComparisonNote';
import { ProvisionalChip } from './ProvisionalChip';
import { BudgetBadge } from '../budgets/BudgetBadge';
import { DashboardTable, type Column } from './DashboardTable';
import { CreditMoney } from './NotCaptured';
import {
  RENAME_WORKSPACE,
  UNMAP_WORKSPACE,
  WORKSPACE_DASHBOARD,
  MAP_WORKSPACES,
  type DashboardPage,
  type WorkspaceRow,
} from './dashboard-queries';
import { formatCount, formatUsd } from './format';
import { InlineRename } from './InlineRename';
import type { OverviewFilter } from './overview-filter';
import type { OverviewTab } from './overview-tabs';
import { filterToParams } from './overview-url';
import { providerLabel } from './providers';
import { activeSort, tabVariables } from './tab-query';
import type { TabProps } from './tab-props';
import { TrendArrow } from './TrendArrow';
import { WorkspaceMembers } from './WorkspaceMembers';
import { useCanEdit, useOverviewMutation, useOverviewQuery } from './useOverviewQuery';
import { AnomalyBadge } from '../anomalies/AnomalyBadge';

const NameHistoryDialog = lazy(() => import('./NameHistoryDialog').then((m) => ({ default: m.NameHistoryDialog })));
const MapWorkspacesDialog = lazy(() =>
  import('./MapWorkspacesDialog').then((m) => ({ default: m.MapWorkspacesDialog })),
);

const NO_WORKSPACE = '(no workspace)';

/** The link of a drill-down: another tab, the same filter, narrowed to one display name. */
export function drillDownPath(tab: OverviewTab, filter: OverviewFilter, displayName: string): string {
  const params = filterToParams({ ...filter, workspaces: [displayName], sort: null });
  return `/overview/${tab}?${params.toString()}`;
}

/** Workspaces: one row per display name (mapped workspaces combined), expandable, renamed in place, mapped, with history. */
export function WorkspacesTab({ filter, setFilter, page, setPage }: TabProps) {
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [mapping, setMapping] = useState(false);
  const rename = useOverviewMutation<unknown, { id: string; name: string }>(RENAME_WORKSPACE, 'Workspace renamed');
  const mapAll = useOverviewMutation<unknown, { displayName: string; workspaceIds: string[] }>(
    MAP_WORKSPACES,
    'Workspaces renamed',
  );
  const unmap = useOverviewMutation<unknown, { id: string }>(UNMAP_WORKSPACE, 'Workspace unmapped');
  const { data, error, isFetching } = useOverviewQuery<{ workspaceDashboard: DashboardPage<WorkspaceRow> }>(
    'workspaces',
    WORKSPACE_DASHBOARD,
    tabVariables('workspaces', filter, page),
  );
  const toggle = (set: ReadonlySet<string>, key: string) => {
    const next = new Set(set);
    if (!next.delete(key)) next.add(key);
    return next;
  };
  const renameRow = (row: WorkspaceRow, name: string) => {
    const ids = row.members.flatMap((m) => (m.workspaceId ? [m.workspaceId] : []));
    if (ids.length === 1) rename.mutate({ id: ids[0]!, name });
    else if (ids.length > 1) mapAll.mutate({ displayName: name, workspaceIds: ids });
  };
  const columns: Column<WorkspaceRow>[] = [
    {
      id: 'expand',
      label: '',
      render: (r) => (
        <IconButton size="small" aria-label={`Expand ${r.displayName ?? NO_WORKSPACE}`}>
          {expanded.has(r.displayName ?? '') ? '▾' : '▸'}
        </IconButton>
      ),
    },
    {
      id: 'name',
      label: 'Workspace',
      sortField: 'displayName',
      render: (r) =>
        r.displayName === null ? (
          <Typography variant="body2" color="text.secondary">
            {NO_WORKSPACE}
          </Typography>
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <InlineRename
              name={r.displayName}
              canEdit={canEdit && r.members.some((m) => m.workspaceId)}
              onRename={(name) => renameRow(r, name)}
              busy={rename.isPending || mapAll.isPending}
            />
            <AnomalyBadge level="WORKSPACE" provider={null} seriesKey={r.displayName} />
          </Stack>
        ),
    },
    {
      id: 'providers',
      label: 'Providers',
      render: (r) => (
        <Stack direction="row" spacing={0.5}>
          {r.providers.map((p) => (
            <Chip key={p} size="small" label={providerLabel(p)} />
          ))}
          {r.displayName === null ? null : <BudgetBadge workspace={r.displayName} />}
        </Stack>
      ),
    },
    { id: 'members', label: 'Workspaces', numeric: true, render: (r) => r.members.length },
    { id: 'cost', label: 'Cost', sortField: 'cost', numeric: true, render: (r) => formatUsd(r.cost) },
    {
      id: 'trend',
      label: 'Trend',
      sortField: 'costChange',
      numeric: true,
      render: (r) => (
        <>
          <TrendArrow change={r.costChange} current={r.cost} />
          <ProvisionalChip shown={r.includesProvisional} />
        </>
      ),
    },
    {
      id: 'credits',
      label: 'Credits',
      sortField: 'credits',
      numeric: true,
      render: (r) => <CreditMoney value={r.credits} providers={r.providers} />,
    },
    {
      id: 'net',
      label: 'Net',
      sortField: 'net',
      numeric: true,
      render: (r) => <CreditMoney value={r.net} providers={r.providers} />,
    },
    { id: 'requests', label: 'Requests', sortField: 'requests', numeric: true, render: (r) => formatCount(r.requests) },
    {
      id: 'drill',
      label: '',
      render: (r) =>
        r.displayName === null ? null : (
          <Box sx={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
            <Button size="small" onClick={() => navigate(drillDownPath('api-keys', filter, r.displayName!))}>
              API Keys
            </Button>
            <Button size="small" onClick={() => navigate(drillDownPath('models', filter, r.displayName!))}>
              Models
            </Button>
          </Box>
        ),
    },
  ];
  return (
    <Box sx={{ mt: 2 }}>
      {canEdit ? (
        <Stack direction="row" spacing={1} sx={{ mb: 1, minHeight: 32, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            {selected.size === 0
              ? 'Expand rows and tick workspaces to give them one name.'
              : `${selected.size} selected`}
          </Typography>
          {selected.size >= 2 ? (
            <Button size="small" variant="contained" onClick={() => setMapping(true)}>
              Map to one name
            </Button>
          ) : null}
          {selected.size > 0 ? (
            <Button size="small" onClick={() => setSelected(new Set())}>
              Clear
            </Button>
          ) : null}
        </Stack>
      ) : null}
      <ComparisonNote
        period={data?.workspaceDashboard.period}
        provisional={data?.workspaceDashboard.rows.some((r) => r.includesProvisional)}
      />
      <DashboardTable
        label="Workspaces"
        columns={columns}
        rows={data?.workspaceDashboard.rows}
        total={data?.workspaceDashboard.total ?? 0}
        rowKey={(r) => r.displayName ?? ''}
        sort={activeSort('workspaces', filter)}
        onSort={(sort) => setFilter({ sort })}
        page={page}
        onPage={setPage}
        isLoading={isFetching}
        error={error}
        onRowClick={(r) => setExpanded((s) => toggle(s, r.displayName ?? ''))}
        renderBelow={(r) =>
          expanded.has(r.displayName ?? '') ? (
            <WorkspaceMembers
              members={r.members}
              canEdit={canEdit}
              selected={selected}
              isShared={r.members.length > 1}
              onToggle={(id) => setSelected((s) => toggle(s, id))}
              onHistory={setHistoryOf}
              onUnmap={(id) => unmap.mutate({ id })}
            />
          ) : null
        }
        empty="No workspace spend matches this filter."
      />
      <Suspense fallback={null}>
        {historyOf ? (
          <NameHistoryDialog workspaceId={historyOf} canEdit={canEdit} onClose={() => setHistoryOf(null)} />
        ) : null}
        {mapping ? (
          <MapWorkspacesDialog
            workspaceIds={[...selected]}
            onClose={(mapped) => {
              setMapping(false);
              if (mapped) setSelected(new Set());
            }}
          />
        ) : null}
      </Suspense>
    </Box>
  );
}
