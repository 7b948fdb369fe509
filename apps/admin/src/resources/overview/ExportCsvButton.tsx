import { Button } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import type { OverviewFilter } from './overview-filter';
import { SORT_FIELDS, type OverviewTab } from './overview-tabs';
import { toExportQuery } from './overview-url';
import { useOverviewDataProvider } from './useOverviewQuery';

/** The file name a Content-Disposition header gives, if any. */
export function attachmentName(disposition: string | null): string | null {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? null;
}

/** The export path of a tab with the current filter and sort: `/export/models.csv?period=last_7_days`. */
export function exportPath(tab: OverviewTab, filter: OverviewFilter): string {
  const query = toExportQuery(filter, SORT_FIELDS[tab]);
  return `/export/${tab}.csv${query ? `?${query}` : ''}`;
}

/**
 * Saves what `path` answers as a file: fetched with the session's token, then saved from a blob,
 * because a plain link cannot carry the Authorization header. The file keeps the name the API
 * gives it (Content-Disposition), else `fallbackName`.
 */
export async function downloadWithAuth(
  dataProvider: { fetchWithAuth(path: string): Promise<Response> },
  path: string,
  fallbackName: string,
): Promise<void> {
  const response = await dataProvider.fetchWithAuth(path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('Content-Disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads the tab as CSV through the API's export route (every row the filter matches, in the
 * tab's sort order).
 */
export function ExportCsvButton({ tab, filter }: { tab: OverviewTab; filter: OverviewFilter }) {
  const dataProvider = useOverviewDataProvider();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadWithAuth(dataProvider, exportPath(tab, filter), `${tab}.csv`);
    } catch (error) {
      notify(`Export failed: ${(error as Error).message}`, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" size="small" onClick={download} disabled={busy}>
      Export CSV
    </Button>
  );
}
