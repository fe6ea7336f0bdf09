/**
 * Plugs the coordinators into the real model (SimCluster): the model's ClusterServices (api.ts)
 * is the CoordinatorHost (../groups/host.ts) the coordinators need — time, scheduling, internal
 * topics, coordinator appends, replica logs and offsets, producer ids, broker configs and events.
 */
import type { SimCluster } from '../cluster';
import type { CoordinatorHost } from '../groups/host';
import { attachSecurity } from '../security/security-model';
import { createCoordinators, type Coordinators } from './coordinators';

/** The CoordinatorHost of a SimCluster: its public services object, nothing else. */
export function hostFromSimCluster(cluster: SimCluster): CoordinatorHost {
  return cluster.services;
}

/** Creates the coordinators for a SimCluster and registers their extension. */
export function attachCoordinators(cluster: SimCluster): Coordinators {
  const coordinators = createCoordinators(hostFromSimCluster(cluster));
  cluster.registerExtension(coordinators.extension);
  // Issue 16: the ACLs and client quotas ride along, so every host and replay has them.
  attachSecurity(cluster);
  return coordinators;
}
