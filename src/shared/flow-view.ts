/**
 * FlowView: records in motion, for the cluster map's animation (issue 14). A bounded sample of
 * what moved through the cluster in the last few seconds of simulated time: produce batches from
 * a client to a partition leader, replication fetches from a leader to its followers, and fetches
 * from a leader to a consumer. Every hop carries the simulated times it left and arrived, so the
 * renderer can replay it at the simulation's speed (slowed at 0.1×, frozen on pause) and an
 * acks=all produce visibly waits for the followers before its response returns.
 *
 * Plain JSON (it rides in ClusterView). Times are simulated ms since the epoch.
 */

/** One end of a hop: a broker (by id) or a client as the brokers see it. */
export type FlowEndpoint =
  | { kind: 'broker'; brokerId: number }
  /**
   * A client: clientId and the client's host (address without port) from the connection registry;
   * simulated scenario clients have host 'scenario' and their scenario name as clientId.
   */
  | { kind: 'client'; clientId: string; host: string };

export type FlowHopKind =
  /** A produce batch from a client to the partition leader. */
  | 'produce'
  /** The produce response back to the client (acks=1: after the leader's append; acks=all: once the highWatermark passed the batch). */
  | 'produce-response'
  /** Records a follower fetched from the leader (replication). */
  | 'replicate'
  /** Records a consumer fetched from the leader (never beyond the highWatermark, or the lastStableOffset for read_committed). */
  | 'fetch';

export interface FlowHopView {
  /** Unique within a host session, increasing. */
  id: number;
  kind: FlowHopKind;
  topic: string;
  partition: number;
  from: FlowEndpoint;
  to: FlowEndpoint;
  /** Simulated time the hop left `from` (ms). */
  startMs: number;
  /** Simulated time it reached `to` (ms); ≥ startMs. */
  endMs: number;
  /** Records carried (0 for an empty fetch or a response). */
  records: number;
  bytes: number;
  /** Offsets carried, [baseOffset, lastOffset]; null when none. */
  offsets: [number, number] | null;
  /** Produce only: the request's acks (-1 = all, 0, 1). */
  acks?: -1 | 0 | 1;
  /** Kafka error name for a failed hop (e.g. NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER); absent on success. */
  error?: string;
}

export interface FlowView {
  /** Hops that ended at or after windowStartMs, oldest first; bounded (see `dropped`). */
  hops: FlowHopView[];
  /** Simulated time the window starts (ms). */
  windowStartMs: number;
  /** Hops in the window that were not kept (sampling): the animation shows a sample, the counters stay exact. */
  dropped: number;
}
