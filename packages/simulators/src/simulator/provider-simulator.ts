// What every simulator offers is defined by the adapters' contract suite (it starts simulators
// through these types), so the types live there and the simulators take them from below.
export type {
  GroundTruth,
  ProviderSimulator,
  SimCall,
  SimRoute,
  SimulatorFactory,
  SimulatorOptions,
} from '@spendsync/adapters/testing';
