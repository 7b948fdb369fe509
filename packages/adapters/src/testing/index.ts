export { CONTRACT_SIMULATOR_OPTIONS, defineAdapterContract } from './define-adapter-contract';
export type { AdapterContractOptions, ContractCase } from './define-adapter-contract';
export {
  TEST_RETRY_POLICY,
  catchAdapterError,
  collectRecords,
  collectSecrets,
  createCapturingLogger,
  createTestDeps,
  errorTexts,
  findSecretLeaks,
  sumRecords,
} from './contract-helpers';
export type { CapturingLogger } from './contract-helpers';
export { sendJson, startTestServer } from './test-server';
export type { ReceivedRequest, TestHandler, TestServer } from './test-server';
export type {
  GroundTruth,
  ProviderSimulator,
  SimCall,
  SimRoute,
  SimulatorFactory,
  SimulatorOptions,
} from './provider-simulator';
export type { FaultController, FaultSpec } from './fault-spec';
