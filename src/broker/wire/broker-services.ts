/**
 * What handlers reach beyond their request: the cluster model, the handler and connection
 * registries, and per-connection cleanup of pending work (a long-poll Fetch whose client went
 * away must stop waiting).
 */
import type { DataWait, KafkaCluster } from '../cluster/api';
import type { SecurityModel } from '../cluster/security/security-model';
import type { ClientQuotaManager } from './client-quota-manager';
import type { ConnectionRegistry } from './connection-registry';
import type { WireCoordinators } from './coordinator-services';
import type { HandlerRegistry } from './handler-registry';
import type { TopicIdIndex } from './topic-id-index';
import type { ScramCredentialInput, ScramCredentialStore } from '../cluster/security/scram-credentials';

export type LogLevel = 'debug' | 'info' | 'warn';

export interface BrokerServices {
  readonly cluster: KafkaCluster;
  readonly handlers: HandlerRegistry;
  readonly connections: ConnectionRegistry;
  /** Issue 4: group and transaction coordinators; absent → the coordinator APIs answer COORDINATOR_NOT_AVAILABLE. */
  readonly coordinators?: WireCoordinators;
  /** Issue 16: ACLs, the authorizer and client quotas; absent → everything is allowed and the ACL APIs answer SECURITY_DISABLED. */
  readonly security?: SecurityModel;
  /** Issue 16: wall-clock byte-rate quota sensors; absent → no throttling. */
  readonly quotas?: ClientQuotaManager;
  /** Cached topicId → name lookups (Fetch v13+); absent → handlers read the broker's metadata each time. */
  readonly topicIds?: TopicIdIndex;
  /** Issue 16: the users' SCRAM credentials and how to change them (an input of the cluster's log); absent → APIs 50/51 answer with an error. */
  readonly scram?: { readonly store: ScramCredentialStore; apply(input: ScramCredentialInput): void };
  /**
   * Issue 16: where broker `brokerId` is on listener `listenerName` as clients are told
   * (advertised host, bound port). Kafka answers Metadata, DescribeCluster, FindCoordinator and
   * the KIP-951 node endpoints with the endpoints of the listener the request came in on
   * (MetadataCache.getAliveBrokerNodes(listenerName)), so a client on a SASL_SSL port is never sent
   * to a PLAINTEXT one. Null (or absent) → the model's endpoint, which is the first listener's.
   */
  listenerEndpoint?(listenerName: string, brokerId: number): { host: string; port: number } | null;
  log(level: LogLevel, message: string): void;
  /**
   * Called by handlers after they submitted an input whose completion needs simulated time to
   * pass (acks=all produce, delete records), so the host's driver does not sleep through it.
   */
  kick(): void;
  /** Registers a long-poll wait of a connection, cancelled if the connection closes first. */
  trackWait(connectionId: string, wait: DataWait): () => void;
  /** Cancels everything a closed connection still waits for. */
  connectionClosed(connectionId: string): void;
}

/** Per-connection bookkeeping of DataWaits; used by the host's BrokerServices. */
export class WaitTracker {
  private readonly byConnection = new Map<string, Set<DataWait>>();

  track(connectionId: string, wait: DataWait): () => void {
    let set = this.byConnection.get(connectionId);
    if (!set) this.byConnection.set(connectionId, (set = new Set()));
    set.add(wait);
    return () => {
      set!.delete(wait);
      if (set!.size === 0) this.byConnection.delete(connectionId);
    };
  }

  cancelAll(connectionId: string): void {
    const set = this.byConnection.get(connectionId);
    if (!set) return;
    this.byConnection.delete(connectionId);
    for (const wait of set) wait.cancel();
  }
}
