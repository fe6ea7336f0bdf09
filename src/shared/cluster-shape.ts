/**
 * A cluster's deployment shape in Kafka's terms: how many brokers, and how many dedicated KRaft
 * controller nodes (process.roles=controller) — 0 means combined mode (process.roles=
 * broker,controller, the first up-to-3 brokers vote). The shape is fixed when a cluster is created
 * (`--brokers`, `--controllers`, ClusterHostOptions, ClusterOptions.controllers); a scenario (issue
 * 13) states the shape it needs and compares it with `shapeOf(view)` of the running cluster.
 */
import type { ClusterView } from './cluster-view';

export interface ClusterShape {
  brokers: number;
  /** Dedicated controller nodes; 0 = combined mode. */
  controllers: number;
}

/** Bounds the hosts accept (serve: --brokers 1..32; Kafka recommends 3 or 5 voters). */
export const MAX_BROKERS = 32;
export const MAX_DEDICATED_CONTROLLERS = 9;

/** The shape of the cluster a view shows. */
export function shapeOf(view: Pick<ClusterView, 'brokers' | 'controller'>): ClusterShape {
  return { brokers: view.brokers.length, controllers: view.controller.processRoles === 'dedicated' ? view.controller.voters.length : 0 };
}

/** "3 brokers + 3 dedicated controllers (process.roles=controller)" or "3 brokers, combined mode (process.roles=broker,controller)". */
export function describeShape(shape: ClusterShape): string {
  const brokers = `${shape.brokers} broker${shape.brokers === 1 ? '' : 's'}`;
  if (shape.controllers === 0) return `${brokers}, combined mode (process.roles=broker,controller)`;
  return `${brokers} + ${shape.controllers} dedicated controller${shape.controllers === 1 ? '' : 's'} (process.roles=controller)`;
}

/** Why a shape cannot be created, or null. */
export function shapeError(shape: ClusterShape): string | null {
  if (!Number.isInteger(shape.brokers) || shape.brokers < 1 || shape.brokers > MAX_BROKERS) return `brokers must be a whole number from 1 to ${MAX_BROKERS}, got ${shape.brokers}`;
  if (!Number.isInteger(shape.controllers) || shape.controllers < 0 || shape.controllers > MAX_DEDICATED_CONTROLLERS) {
    return `controllers must be a whole number from 0 (combined mode) to ${MAX_DEDICATED_CONTROLLERS}, got ${shape.controllers}`;
  }
  return null;
}
