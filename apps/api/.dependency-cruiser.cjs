// Which way imports may point inside apps/api (README.md, "Feature layers"); run by `pnpm lint`.
// A feature imports only features of lower layers, never one of its own layer or above, so the
// feature graph has no upward edge. Type-only imports count: they tie files together just as much.

/** Feature folders under src/features, lowest layer first. */
const FEATURE_LAYERS = [
  ['organizations', 'models'],
  ['users'],
  ['auth'],
  ['api-tokens', 'provider-accounts'],
  ['workspaces', 'cost-records', 'sync-runs'],
  ['api-keys'],
  ['anomalies', 'metered-usage', 'dashboards'],
  ['exports'],
  ['budgets', 'audit', 'reconciliation'],
  ['notifications', 'credit-runway', 'sso'],
  ['sync'],
];

const alternatives = (names) => `(${names.join('|')})`;

/** One rule per feature: no import of a feature in its own layer (but itself) or above. */
const upwardRules = FEATURE_LAYERS.flatMap((layer, index) =>
  layer
    .map((feature) => {
      const higher = FEATURE_LAYERS.slice(index)
        .flat()
        .filter((other) => other !== feature);
      return {
        name: `feature-layers:${feature}`,
        comment: `${feature} may import only features of lower layers (apps/api/README.md, "Feature layers").`,
        severity: 'error',
        from: { path: `^src/features/${feature}/` },
        to: { path: `^src/features/${alternatives(higher)}/` },
      };
    })
    .filter((rule) => rule.to.path !== '^src/features/()/'),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'feature-folders-known',
      comment: 'Every feature folder has a layer: add a new one to FEATURE_LAYERS in .dependency-cruiser.cjs.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/features/', pathNot: `^src/features/${alternatives(FEATURE_LAYERS.flat())}/` },
    },
    {
      name: 'features-below-the-app',
      comment: 'Features never reach the composition root or the entry points (app.ts wires them, not the reverse).',
      severity: 'error',
      from: { path: '^src/(features|database|pubsub)/' },
      to: {
        path: '^src/(app|main|schema|emit-schema|server|shutdown|load-config-or-exit)\\.ts$|^src/(cli|demo|bench|jobs)/',
      },
    },
    {
      name: 'services-type-only',
      comment: 'Features may name ApiServices (a type), never build the services (only app.ts calls services.ts).',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/services\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'resolvers-through-services',
      comment:
        'Resolvers and HTTP routes call services (app.ts builds them); they never reach the pool or the data source.',
      severity: 'error',
      from: { path: '\\.(resolver|router|route)\\.ts$|^src/graphql/' },
      to: { path: '^src/database/(pg-pool|transaction)\\.ts$|^src/data-source\\.ts$|node_modules/(pg|typeorm)/' },
    },
    {
      name: 'shared-below-features',
      comment: 'The shared layers (database, pub/sub, errors, logger) import no feature.',
      severity: 'error',
      from: { path: '^src/(database|pubsub)/|^src/(errors|logger|data-source)\\.ts$' },
      to: { path: '^src/features/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
