export { Money, ZERO, isMoney, parseMoney, parseCents, parseCredits, sumMoney, formatMoney, formatCents } from './money';
export type { Day, DayRange } from './day';
export {
  ZDay, isDay, parseDay, dayOf, startOfDay, dayToUnixSeconds, addDays, daysBetween, dayRange, rangeLength,
  rangeContains, eachDay, splitDayRange,
} from './day';
export { PROVIDER_IDS, ZProviderId, isProviderId } from './provider-id';
export type { ProviderId } from './provider-id';
export { CHARGE_KINDS, ZChargeKind, ZMoney, ZCostRecord, grainKey, netCost } from './cost-record';
export type { ChargeKind, CostRecord, GrainFields } from './cost-record';
