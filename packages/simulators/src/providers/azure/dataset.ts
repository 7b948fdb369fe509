import { Money, ZERO, addDays, eachDay, type Day, type DayRange } from '@spendsync/domain';
import type { GroundTruth, SimulatorOptions } from '../../simulator/provider-simulator';
import { createRandom, deriveSeed, type Random } from '../../simulator/random';

/** A meter of the generated subscription, with the dimensions the query can group and filter by. */
export type AzureSimMeter = {
  readonly name: string;
  readonly meterId: string;
  /** `ServiceName` (the meter category). */
  readonly serviceName: string;
  readonly meterSubCategory: string;
  /** Largest daily amount, in 1e-8 USD. */
  readonly maxUnits: number;
};

/** A resource (an Azure OpenAI / AI Services account, or a VM that is not AI spend). */
export type AzureSimResource = {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly meters: readonly AzureSimMeter[];
  /** True for the AI spend the adapter must report; the VM is there to prove the filter works. */
  readonly isAiSpend: boolean;
};

/** One billed cell: a resource's meter on one day, in exact 1e-8 USD units (negative for a refund). */
export type AzureSimCell = {
  readonly resource: AzureSimResource;
  readonly meter: AzureSimMeter;
  readonly units: number;
};

/** The generated subscription, served lazily day by day. */
export type AzureDataset = {
  readonly range: DayRange;
  readonly resources: readonly AzureSimResource[];
  /** Every cell of `day` (none outside the data range), in a stable order. */
  cellsOn(day: Day): AzureSimCell[];
  /** Exact AI-spend cost of the days of `range`; Azure's query rows carry no credits. */
  groundTruth(range: DayRange): GroundTruth;
};

/** 1e-8 USD: Cost Management amounts have up to 8 decimals; 9 digits keep JSON numbers exact. */
export const UNITS_PER_USD = 100_000_000;

const AOAI = { serviceName: 'Cognitive Services', meterSubCategory: 'Azure OpenAI' };
const FOUNDRY = { serviceName: 'Foundry Models', meterSubCategory: 'DeepSeek' };

/**
 * Models with the inconsistent meter spellings seen in real data (cloud-apis.md §3). The first
 * model has two input meters spelled differently, as when Azure renames a meter mid-month.
 */
const CATALOGUE: readonly { group: typeof AOAI; meters: readonly string[] }[] = [
  {
    group: AOAI,
    meters: ['gpt 4o 0513 Input global Tokens', 'gpt-4o-0513-Inp-glbl Tokens', 'gpt 4o 0513 Output global Tokens'],
  },
  {
    group: AOAI,
    meters: [
      'gpt-4o-mini-0718-Inp-glbl Tokens',
      'gpt-4o-mini-0718-Outp-glbl Tokens',
      'gpt-4o-mini-0718-cached-Inp-glbl Tokens',
    ],
  },
  { group: FOUNDRY, meters: ['R1 Inp glbl Tokens', 'R1 Outp glbl Tokens'] },
  { group: AOAI, meters: ['gpt 4.5 0227 Inp DZone', 'gpt 4.5 0227 cached Inp DZone', 'gpt 4.5 0227 outpt DZone'] },
  { group: AOAI, meters: ['GPT 5 inpt Glbl 1M Tokens', 'GPT 5 outpt Glbl 1M Tokens'] },
  { group: AOAI, meters: ['gpt-35-turbo-4k-Input-regional', 'gpt-35-turbo-4k-Output-regional'] },
  { group: AOAI, meters: ['gpt-4-8K-Batch-Inp-glbl Tokens', 'gpt-4-8K-Batch-Outp-glbl Tokens'] },
  { group: AOAI, meters: ['gpt-4o-transcribe-aud-inp-glbl Tokens', 'gpt-4o-transcribe-txt-outp-glbl Tokens'] },
];

/** A meter no classifier knows: it must land in the `other` bucket, not disappear. */
const HOSTING_METER = { ...AOAI, name: 'Fine-tuning Hosting Hour' };
const VM_METER = { serviceName: 'Virtual Machines', meterSubCategory: 'Dsv3 Series', name: 'D2s v3' };

function guidFrom(random: Random): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
}

/** Meters of model `i`: the catalogue first, then made-up models spelled like it. */
function metersOf(i: number, random: Random): AzureSimMeter[] {
  const spec = CATALOGUE[i % CATALOGUE.length]!;
  const names =
    i < CATALOGUE.length ? spec.meters : [`gpt-sim-${i}-Inp-glbl Tokens`, `gpt sim ${i} Output global Tokens`];
  return names.map((name) => ({
    ...spec.group,
    name,
    meterId: guidFrom(random),
    maxUnits: /out/i.test(name) ? 4 * UNITS_PER_USD : UNITS_PER_USD,
  }));
}

function makeResources(seed: number, subscriptionId: string, workspaces: number, models: number): AzureSimResource[] {
  const random = createRandom(deriveSeed(seed, 'resources'));
  const modelMeters = Array.from({ length: models }, (_, i) => metersOf(i, random));
  const hosting: AzureSimMeter = { ...HOSTING_METER, meterId: guidFrom(random), maxUnits: 2 * UNITS_PER_USD };
  const regions = ['eastus', 'swedencentral', 'westeurope', 'japaneast'];
  const ai = Array.from({ length: workspaces }, (_, w): AzureSimResource => {
    const group = `rg-ai-${w + 1}`;
    return {
      resourceId: `/subscriptions/${subscriptionId}/resourcegroups/${group}/providers/microsoft.cognitiveservices/accounts/aoai-${regions[w % regions.length]}-${w + 1}`,
      resourceType: 'microsoft.cognitiveservices/accounts',
      resourceGroupName: group,
      location: regions[w % regions.length]!,
      // Each account deploys every model; the hosting meter only on the first account.
      meters: [...modelMeters.flat(), ...(w === 0 ? [hosting] : [])],
      isAiSpend: true,
    };
  });
  const vm: AzureSimResource = {
    resourceId: `/subscriptions/${subscriptionId}/resourcegroups/rg-app/providers/microsoft.compute/virtualmachines/vm-web-1`,
    resourceType: 'microsoft.compute/virtualmachines',
    resourceGroupName: 'rg-app',
    location: 'eastus',
    meters: [{ ...VM_METER, meterId: guidFrom(random), maxUnits: 3 * UNITS_PER_USD }],
    isAiSpend: false,
  };
  return [...ai, vm];
}

/** Money from exact 1e-8 USD units. */
export function unitsToMoney(units: number): Money {
  return new Money(units).div(UNITS_PER_USD);
}

/** Builds the subscription for `options` (seed, start, days, workspaces = AI accounts, models, density). */
export function createAzureDataset(subscriptionId: string, options: SimulatorOptions = {}): AzureDataset {
  const seed = options.seed ?? 1;
  const start = options.start ?? '2026-01-01';
  const range: DayRange = { start, end: addDays(start, options.days ?? 31) };
  const density = options.density ?? 0.5;
  const resources = makeResources(
    seed,
    subscriptionId,
    Math.max(1, options.workspaces ?? 3),
    Math.max(1, options.models ?? CATALOGUE.length),
  );

  const cellsOn = (day: Day): AzureSimCell[] => {
    if (day < range.start || day >= range.end) return [];
    return resources.flatMap((resource) =>
      resource.meters.flatMap((meter): AzureSimCell[] => {
        const random = createRandom(deriveSeed(seed, 'cell', day, resource.resourceId, meter.meterId));
        if (!random.chance(density)) return [];
        const units = random.int(1, meter.maxUnits);
        // About 1 % of cells are net refunds (MCA `Refund` charges are negative).
        return [{ resource, meter, units: random.chance(0.01) ? -units : units }];
      }),
    );
  };

  const groundTruth = (query: DayRange): GroundTruth => {
    let units = 0n;
    const from = query.start > range.start ? query.start : range.start;
    const to = query.end < range.end ? query.end : range.end;
    if (from < to) {
      for (const day of eachDay({ start: from, end: to }))
        for (const cell of cellsOn(day)) if (cell.resource.isAiSpend) units += BigInt(cell.units);
    }
    return { cost: new Money(units.toString()).div(UNITS_PER_USD), credits: ZERO };
  };

  return { range, resources, cellsOn, groundTruth };
}
