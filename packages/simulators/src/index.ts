export { getSimulator, simulators } from './simulator/registry';
export { startSimulatorServer } from './simulator/simulator-server';
export type { SimRequest, SimResponse, SimulatorServer, SimulatorServerOptions } from './simulator/simulator-server';
export type {
  GroundTruth,
  ProviderSimulator,
  SimCall,
  SimRoute,
  SimulatorFactory,
  SimulatorOptions,
} from './simulator/provider-simulator';
export { createFaultState } from './simulator/faults';
export type { FaultController, FaultSpec } from './simulator/faults';
export { createRandom, deriveSeed } from './simulator/random';
export type { Random } from './simulator/random';
