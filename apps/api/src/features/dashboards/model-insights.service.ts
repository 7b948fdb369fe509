import { costPerUnit, type Day, type Money, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import { IMAGE_UNITS, type ImageFigures, type ModelDashboardRow } from './dashboard-rows';
import { queryRows, type DashboardDb } from './dashboard-db';
import { moneyOf } from './dashboard-values';
import { buildModelDashboardQuery, mapModelDashboardRow } from './model-dashboard.service';
import { withSearchMatches } from './search-matches';

/** One provider's image figures over every image row the filter matches. */
export type ProviderImageFigures = ImageFigures & { provider: ProviderId };

/** The Models tab's headline cards, computed over every row the filter matches (not one page). */
export type ModelInsights = {
  /** The token model with the lowest cost per 1M tokens (the highest-cost one on a tie); null when none. */
  mostEfficientTokenModel: ModelDashboardRow | null;
  /** Image figures per provider that bills images. */
  images: ProviderImageFigures[];
};

/**
 * The Models insight cards over all matching rows, in two statements on the Models query (its
 * filter and cost range apply; sort and paging do not): the most efficient token row, and image
 * count, cost and mix summed per provider.
 */
export async function queryModelInsights(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): Promise<ModelInsights> {
  const { best, images } = await withSearchMatches(db, organizationId, filter, async (db, filter) => {
    const query = buildModelDashboardQuery(organizationId, { ...filter, sort: null }, today);
    const units = `$${query.values.length + 1}::text[]`;
    return {
      best: await queryRows(db, {
        text: `${query.cte} SELECT rows.* FROM rows WHERE is_most_efficient AND unit IS NULL ORDER BY cost DESC, provider, model LIMIT 1`,
        values: query.values,
      }),
      images: await queryRows(db, {
        text: `${query.cte} SELECT provider, sum(quantity) AS count, sum(cost) AS cost,
            coalesce(sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)), '{}'::jsonb) AS mix
          FROM rows WHERE unit = ANY(${units}) AND quantity IS NOT NULL GROUP BY provider ORDER BY provider`,
        values: [...query.values, IMAGE_UNITS],
      }),
    };
  });
  return {
    mostEfficientTokenModel: best[0] ? mapModelDashboardRow(best[0]) : null,
    images: images.map((raw) => {
      const [count, cost]: Money[] = [moneyOf(raw, 'count'), moneyOf(raw, 'cost')];
      return {
        provider: raw.provider as ProviderId,
        count,
        cost,
        costPerImage: costPerUnit(cost, count),
        mix: raw.mix as ImageFigures['mix'],
      };
    }),
  };
}
