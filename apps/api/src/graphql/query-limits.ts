import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** How large a query may be. */
export type QueryLimits = {
  /** Deepest field nesting (`me { organization { id } }` is 3). */
  maxDepth: number;
  /** Fields counted over the whole query, fragments expanded once per use. */
  maxFields: number;
  /**
   * The most an operation may cost: the sum of {@link fieldCost} over every selected field, each
   * alias and each fragment use counted. Keeps one request from running hundreds of aggregate scans.
   */
  maxCost: number;
};

/** Enough for every admin screen and reasonable federated queries; far below what would hurt the server. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxFields: 500, maxCost: 100 };

/** What one aggregate over the cost records (a dashboard, a series, a budget status list) costs. */
export const AGGREGATE_FIELD_COST = 10;

/**
 * Fields that scan cost records (without the `spendsync` prefix the subgraph adds at the router);
 * one budget's status is such a scan too, so `budget` costs as much as the list.
 */
const AGGREGATE_FIELDS = new RegExp(
  '^(providerDashboard|modelDashboard|apiKeyDashboard|workspaceDashboard|costSeries' +
    '|modelInsights|budgets?|reconciliation|creditRunway\\w*)$',
  'i',
);

/** The weight of one selected field: {@link AGGREGATE_FIELD_COST} for aggregate fields, 0 for the rest. */
export function fieldCost(name: string): number {
  return AGGREGATE_FIELDS.test(name.replace(/^spendsync/, '')) ? AGGREGATE_FIELD_COST : 0;
}

type Measure = { depth: number; fields: number; cost: number };

function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
  limits: QueryLimits,
): Measure {
  let result: Measure = { depth, fields: 0, cost: 0 };
  for (const selection of set.selections) {
    let inner: Measure | undefined;
    if (selection.kind === Kind.FIELD) {
      const isMeta = selection.name.value.startsWith('__');
      inner = selection.selectionSet
        ? measure(selection.selectionSet, fragments, depth + 1, seen, limits)
        : { depth: depth + 1, fields: 0, cost: 0 };
      if (!isMeta)
        inner = { depth: inner.depth, fields: inner.fields + 1, cost: inner.cost + fieldCost(selection.name.value) };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, depth, seen, limits);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue; // unknown or cyclic: other rules report it
      inner = measure(fragment.selectionSet, fragments, depth, new Set(seen).add(fragment.name.value), limits);
    }
    result = {
      depth: Math.max(result.depth, inner.depth),
      fields: result.fields + inner.fields,
      cost: result.cost + inner.cost,
    };
    if (result.fields > limits.maxFields || result.cost > limits.maxCost) return result; // no need to count further
  }
  return result;
}

/**
 * A validation rule refusing operations nested deeper than `maxDepth`, selecting more than
 * `maxFields` fields or costing more than `maxCost` (code QUERY_TOO_COMPLEX). Introspection's own fields (`__schema`…) do not
 * count toward the field total, but their nesting does count toward depth.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return {
      OperationDefinition(node) {
        const { depth, fields, cost } = measure(node.selectionSet, fragments, 0, new Set(), limits);
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`The query is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        } else if (fields > limits.maxFields) {
          context.reportError(
            new GraphQLError(`The query selects more than ${limits.maxFields} fields; split it.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        } else if (cost > limits.maxCost) {
          const most = Math.floor(limits.maxCost / AGGREGATE_FIELD_COST);
          context.reportError(
            new GraphQLError(
              `The query asks for more than ${most} dashboards, series or budget lists at once (cost ${cost} of ${limits.maxCost}); split it into several requests.`,
              { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } },
            ),
          );
        }
      },
    };
  };
}
