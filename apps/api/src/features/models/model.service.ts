import { isProviderId, type ProviderId } from '@spendsync/domain';
import type pg from 'pg';

/** A model (or endpoint, SKU, meter) of one provider, as cost records name it. */
export type ModelView = { id: string; provider: ProviderId; name: string };

/** The entity id of a model: provider and model name, e.g. `openai:gpt-4o`. */
export function modelId(provider: ProviderId, name: string): string {
  return `${provider}:${name}`;
}

/** The parts of a model id, or null when it is not one. */
export function parseModelId(id: string): { provider: ProviderId; name: string } | null {
  const at = id.indexOf(':');
  const provider = id.slice(0, at);
  return at > 0 && at < id.length - 1 && isProviderId(provider) ? { provider, name: id.slice(at + 1) } : null;
}

/** Models the organization has records for. */
export function createModelService(pool: pg.Pool) {
  return {
    /** The model, when the organization has any cost record for it (so ids confirm nothing about others). */
    async get(organizationId: string, id: string): Promise<ModelView | null> {
      const parts = parseModelId(id);
      if (!parts) return null;
      const { rowCount } = await pool.query(
        'SELECT 1 FROM cost_records WHERE organization_id = $1 AND provider = $2 AND model = $3 LIMIT 1',
        [organizationId, parts.provider, parts.name],
      );
      return (rowCount ?? 0) > 0 ? { id, ...parts } : null;
    },

    /** The organization's models, optionally of one provider. */
    async list(organizationId: string, provider?: ProviderId): Promise<ModelView[]> {
      const { rows } = await pool.query<{ provider: ProviderId; model: string }>(
        `SELECT DISTINCT provider, model FROM cost_records WHERE organization_id = $1 AND ($2::text IS NULL OR provider = $2) ORDER BY provider, model`,
        [organizationId, provider ?? null],
      );
      return rows.map((r) => ({ id: modelId(r.provider, r.model), provider: r.provider, name: r.model }));
    },
  };
}

/** See {@link createModelService}. */
export type ModelService = ReturnType<typeof createModelService>;
