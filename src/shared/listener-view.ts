/**
 * Issue 16: what the Security view and the clients view show of listeners and SASL users. Users
 * carry names and mechanisms only, never salts, keys or passwords. ACLs and quotas live beside
 * this in security-view.ts.
 */
import type { SecurityProtocol } from '../broker/cluster/security/principal';

/** One of Kafka's listeners (`listeners` broker config), the same on every broker. */
export interface ListenerView {
  /** Listener name, e.g. `SASL_SSL`, `CLIENT`. */
  name: string;
  securityProtocol: SecurityProtocol;
  /** sasl.enabled.mechanisms on this listener (empty for PLAINTEXT and SSL). */
  saslMechanisms: string[];
  /** ssl.client.auth on this listener: none, requested or required (null without TLS). */
  sslClientAuth: 'none' | 'requested' | 'required' | null;
  /**
   * Advertised endpoint per broker: what Metadata on this listener tells clients. `boundPort` is
   * present only when advertised.listeners names another port than the one the broker listens on
   * (a forwarded port, say): bootstraps on this machine use the bound port.
   */
  endpoints: { brokerId: number; host: string; port: number; boundPort?: number }[];
}

/** A user with SCRAM credentials (DescribeUserScramCredentials), without secrets. */
export interface ScramUserView {
  name: string;
  credentials: { mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; iterations: number }[];
}

/** Listeners and SCRAM users of a hosted cluster (ClusterView.listenerSecurity). */
export interface ListenerSecurityView {
  listeners: ListenerView[];
  users: ScramUserView[];
  /** PEM file of the lab's CA, for clients' ssl.ca.location; null without a TLS listener. */
  caLocation: string | null;
  /** connections.max.reauth.ms (KIP-368); 0 = sessions never expire. */
  connectionsMaxReauthMs: number;
  /** inter.broker.listener.name (or security.inter.broker.protocol's listener); null or absent when not set. Replication itself runs in the model. */
  interBrokerListenerName?: string | null;
}

/**
 * How the lab's own clients (the workbench) connect to a secured listener: the CA to trust, the
 * SASL user the host made for the UI (`kafka-lab-ui`), or a client certificate for mTLS.
 */
export interface LabClientConnection {
  ssl?: { ca: string; cert?: string; key?: string };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}
