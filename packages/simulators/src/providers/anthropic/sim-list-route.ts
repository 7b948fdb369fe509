import type { SimResponse } from '../../simulator/simulator-server';
import type { AnthropicDataset } from './dataset';
import { anthropicError } from './sim-errors';

const CREATED_AT = '2025-01-15T09:30:00Z';

/** The listed objects, with the fields Anthropic adds that adapters must ignore. */
function listed(kind: 'workspaces' | 'api_keys', query: URLSearchParams, dataset: AnthropicDataset): { id: string }[] {
  if (kind === 'workspaces') {
    const includeArchived = query.get('include_archived') === 'true';
    return dataset.workspaces
      .filter((w) => w.id !== null && (includeArchived || w.archivedAt === null))
      .map((w) => ({
        id: w.id as string,
        type: 'workspace',
        name: w.name,
        created_at: CREATED_AT,
        archived_at: w.archivedAt,
        display_color: '#6C5BB9',
        data_residency: {
          workspace_geo: 'us',
          allowed_inference_geos: 'unrestricted',
          default_inference_geo: 'global',
        },
        tags: {},
      }));
  }
  const status = query.get('status');
  const workspaceId = query.get('workspace_id');
  return dataset.keys
    .filter((k) => (!status || k.status === status) && (!workspaceId || k.workspaceId === workspaceId))
    .map((k) => ({
      id: k.id,
      type: 'api_key',
      name: k.name,
      created_at: CREATED_AT,
      created_by: { id: 'user_01SimulatedAdmin0000000000', type: 'user' },
      expires_at: null,
      partial_key_hint: k.hint,
      status: k.status,
      workspace_id: k.workspaceId,
    }));
}

/**
 * `GET /v1/organizations/{workspaces,api_keys}`: `limit` 1–1000 (default 20), `after_id` paging,
 * `{data, first_id, last_id, has_more}`. With the endless fault, the last page still says has_more.
 */
export function handleList(
  kind: 'workspaces' | 'api_keys',
  query: URLSearchParams,
  dataset: AnthropicDataset,
  pageSize: number | undefined,
  endless: boolean,
): SimResponse {
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return anthropicError(400, 'limit: Input should be between 1 and 1000');
  const items = listed(kind, query, dataset);
  const afterId = query.get('after_id');
  const found = afterId ? items.findIndex((item) => item.id === afterId) : -1;
  if (afterId && found < 0 && !endless) return anthropicError(400, `after_id: unknown id ${afterId}`);
  const from = afterId ? (found < 0 ? items.length : found + 1) : 0;
  const page = items.slice(from, from + Math.min(limit, pageSize ?? limit));
  const hasMore = endless || from + page.length < items.length;
  // An endless listing invents a fresh id each time so the cursor never repeats.
  const lastId = page.at(-1)?.id ?? (endless ? `${afterId ?? kind}_more` : null);
  return { status: 200, body: { data: page, first_id: page[0]?.id ?? null, last_id: lastId, has_more: hasMore } };
}
