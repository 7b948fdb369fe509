import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  type SxProps,
  type Theme,
} from '@mui/material';
import { Fragment, type ReactNode } from 'react';
import type { OverviewSort } from './overview-filter';
import { PAGE_SIZE } from './tab-query';

/** One column of a dashboard table. */
export type Column<Row> = {
  id: string;
  label: ReactNode;
  /** The API sort field this column sorts by; none: not sortable. */
  sortField?: string;
  numeric?: boolean;
  render(row: Row): ReactNode;
};

/** Props of {@link DashboardTable}. */
export type DashboardTableProps<Row> = {
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[] | undefined;
  total: number;
  rowKey(row: Row): string;
  /** The sort in effect (the filter's, or the dashboard's default). */
  sort: OverviewSort;
  onSort(sort: OverviewSort): void;
  page: number;
  onPage(page: number): void;
  isLoading: boolean;
  error: Error | null;
  onRowClick?(row: Row): void;
  rowSx?(row: Row): SxProps<Theme> | undefined;
  /** Content under a row (expanded workspaces), or null. */
  renderBelow?(row: Row): ReactNode;
  empty: ReactNode;
};

/** A sortable, paged table of dashboard rows; sorting and paging go through the URL. */
export function DashboardTable<Row>(props: DashboardTableProps<Row>) {
  const { columns, rows, sort } = props;
  const toggle = (field: string) =>
    props.onSort({ field, direction: sort.field === field && sort.direction === 'desc' ? 'asc' : 'desc' });
  if (props.error) return <Alert severity="error">{props.error.message}</Alert>;
  return (
    <Box>
      {props.isLoading ? <LinearProgress /> : <Box sx={{ height: 4 }} />}
      <TableContainer>
        <Table size="small" aria-label={props.label}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell
                  key={column.id}
                  align={column.numeric ? 'right' : 'left'}
                  sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                  {column.sortField ? (
                    <TableSortLabel
                      active={sort.field === column.sortField}
                      direction={sort.field === column.sortField ? sort.direction : 'desc'}
                      onClick={() => toggle(column.sortField!)}>
                      {column.label}
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows?.map((row) => {
              const below = props.renderBelow?.(row);
              return (
                <Fragment key={props.rowKey(row)}>
                  <TableRow
                    hover
                    data-row={props.rowKey(row)}
                    onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined}
                    sx={{
                      cursor: props.onRowClick ? 'pointer' : undefined,
                      ...(props.rowSx?.(row) as object | undefined),
                    }}>
                    {columns.map((column) => (
                      <TableCell key={column.id} align={column.numeric ? 'right' : 'left'}>
                        {column.render(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                  {below ? (
                    <TableRow>
                      <TableCell colSpan={columns.length} sx={{ bgcolor: 'action.hover', py: 1 }}>
                        {below}
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              );
            })}
            {rows && rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={columns.length}>{props.empty}</TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </TableContainer>
      {props.total > PAGE_SIZE ? (
        <TablePagination
          component="div"
          count={props.total}
          page={props.page - 1}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          onPageChange={(_, page) => props.onPage(page + 1)}
        />
      ) : null}
    </Box>
  );
}
