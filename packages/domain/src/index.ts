export {
  Money,
  ZERO,
  isMoney,
  parseMoney,
  parseCents,
  parseCredits,
  sumMoney,
  formatMoney,
  formatCents,
  decimalText,
} from './money';
export type { DecimalText } from './money';
export type { Day, DayRange } from './day';
export {
  ZDay,
  isDay,
  parseDay,
  dayOf,
  startOfDay,
  dayToUnixSeconds,
  addDays,
  daysBetween,
  dayRange,
  rangeLength,
  rangeContains,
  eachDay,
  splitDayRange,
} from './day';
export { PROVIDER_IDS, ZProviderId, isProviderId } from './provider-id';
export type { ProviderId } from './provider-id';
export { CHARGE_KINDS, ZChargeKind, ZMoney, ZCostRecord, createCostRecord, grainKey, netCost } from './cost-record';
export type { ChargeKind, CostRecord, CostRecordCore, GrainFields } from './cost-record';
export { weekStart, monthRange } from './day';
export {
  MAX_RANGE_DAYS,
  PERIOD_PRESETS,
  ZPeriodPreset,
  ZDayRange,
  isPeriodPreset,
  resolvePeriod,
  previousPeriod,
  comparePeriod,
} from './period';
export type { PeriodPreset, Period, PeriodComparison, ComparisonBasis } from './period';
export { ZOpenAiCredentials } from './credentials/openai';
export type { OpenAiCredentials } from './credentials/openai';
export { ZAnthropicCredentials } from './credentials/anthropic';
export type { AnthropicCredentials } from './credentials/anthropic';
export { ZAwsBedrockCredentials } from './credentials/aws-bedrock';
export type { AwsBedrockCredentials } from './credentials/aws-bedrock';
export { VERTEX_SERVICE_GROUPS, ZVertexAiCredentials } from './credentials/vertex-ai';
export type { VertexAiCredentials, VertexServiceGroup, ServiceAccountKey } from './credentials/vertex-ai';
export { ZAzureCredentials } from './credentials/azure';
export type { AzureCredentials } from './credentials/azure';
export { ZFalCredentials, splitFalKey } from './credentials/fal';
export type { FalCredentials } from './credentials/fal';
export { ZRunwayCredentials } from './credentials/runway';
export type { RunwayCredentials } from './credentials/runway';
export { ZOpenRouterCredentials } from './credentials/openrouter';
export type { OpenRouterCredentials } from './credentials/openrouter';
export { ZLiteLlmCredentials } from './credentials/litellm';
export type { LiteLlmCredentials } from './credentials/litellm';
export { CREDENTIAL_SCHEMAS } from './credentials/credential-schemas';
export type { ProviderCredentials, AnyProviderCredentials } from './credentials/credential-schemas';
export { CREDENTIAL_GUIDES } from './credentials/credential-guides';
export type { CredentialGuide, CredentialFieldGuide } from './credentials/credential-guides';
export { parseCredentials } from './credentials/parse-credentials';
export { MIN_SECRET_LENGTH, SECRET_CREDENTIAL_FIELDS, credentialSecrets } from './credentials/credential-secrets';
export type { CredentialIssue, CredentialsParseResult } from './credentials/parse-credentials';
export { keyHint, credentialKeyHint } from './key-hint';
export { allocateCost, DEFAULT_ALLOCATION_SCALE } from './allocate-cost';
export type { AllocationWeight, AllocatedPart, AllocateCostOptions } from './allocate-cost';
export { costPerMillionTokens, costPerUnit, percentChange, coverageRatio, averageTokensPerRequest } from './metrics';
export type { Quantity } from './metrics';
export {
  BUDGET_PERIOD_KINDS,
  ZBudgetPeriod,
  budgetPeriodRange,
  previousBudgetPeriodRange,
  quarterRange,
} from './budgets/budget-period';
export type { BudgetPeriod } from './budgets/budget-period';
export {
  MIN_FORECAST_BASIS_DAYS,
  MIN_PERIOD_BASIS_DAYS,
  TRAILING_BASIS_DAYS,
  forecastSpend,
  percentOf,
} from './budgets/budget-forecast';
export type { Forecast, ForecastInput } from './budgets/budget-forecast';
export {
  DEFAULT_THRESHOLDS,
  THRESHOLD_KINDS,
  ZBudgetThreshold,
  ZBudgetThresholds,
  isThresholdReached,
  thresholdAmount,
  thresholdKey,
} from './budgets/budget-thresholds';
export type { BudgetThreshold, ThresholdKind } from './budgets/budget-thresholds';
export { isSettledDay, settledBefore } from './budgets/settled-days';
export { BILLING_DELAY_HOURS, billingDelayHours, settlesAt, isDaySettled, settledThrough } from './settlement';
export type { AzureAgreement, DaySettlementInput, DayRead } from './settlement';
export { RUNWAY_WINDOW_DAYS, forecastRunway, projectRunway } from './runway/forecast-runway';
export type { RunwayEstimate, RunwayForecast, RunwayInput, RunwayProjectionPoint } from './runway/forecast-runway';
