/**
 * Which client software a connection runs, and how we know, for the Clients view.
 *
 * Reported: ApiVersions v3+ carries client_software_name and client_software_version (KIP-511);
 * Kafka's broker keeps them per connection (ChannelMetadataRegistry, ClientInformation) and shows
 * "unknown" for a client that sends an older ApiVersions. librdkafka, the Java clients and franz-go
 * report themselves this way.
 *
 * Inferred: kafkajs 2.x never reports a name: it knows ApiVersions v0–v2 only, asks the highest,
 * v2, once on its seed broker's connection, and hands the answer to its connections to the other
 * brokers, which then send no ApiVersions at all (kafkajs src/broker/index.js, brokerPool.js).
 * So a connection that asked ApiVersions v2 and never v3 is named "kafkajs", inferred; the other
 * connections of the same client (same client.id from the same IP address) inherit that. The
 * Java clients 2.0–2.3 also asked v2; the basis text says what the guess rests on.
 *
 * The lab's own workbench clients (client.id starting with kafka-lab-ui-) run kafkajs in the lab's
 * process; they are named as such.
 */
import type { ClientSoftwareView, ConnectionView } from '../../shared/cluster-view';
import { workbenchClientIdPrefix } from '../../shared/workbench-contract';

const API_VERSIONS = 18;

/** The software of one connection from what it sent itself, or null when it does not say. */
function ownEvidence(c: ConnectionView): ClientSoftwareView | null {
  if (c.clientSoftwareName) {
    return { name: c.clientSoftwareName, version: c.clientSoftwareVersion, source: 'reported', basis: 'client_software_name in its ApiVersions v3+ request (KIP-511)' };
  }
  const versions = c.apis.find((a) => a.apiKey === API_VERSIONS)?.versions ?? [];
  if (versions.includes(2) && !versions.some((v) => v >= 3)) {
    return { name: 'kafkajs', version: null, source: 'inferred', basis: 'asked ApiVersions v2 and sent no client_software_name: kafkajs 2.x does exactly this (it knows ApiVersions v0–v2 and never reports a KIP-511 name)' };
  }
  return null;
}

function ipOf(clientAddress: string): string {
  const colon = clientAddress.lastIndexOf(':');
  return colon < 0 ? clientAddress : clientAddress.slice(0, colon);
}

/**
 * Adds `software` (and `startedByLab`) to each view: reported, inferred from the connection's own
 * ApiVersions, or inherited from a connection of the same client.id and IP that was identified.
 */
export function withClientSoftware(views: ConnectionView[]): ConnectionView[] {
  const own = views.map(ownEvidence);
  const byClient = new Map<string, ClientSoftwareView>();
  views.forEach((c, i) => {
    const software = own[i];
    if (software && c.clientId !== null) {
      const key = `${c.clientId}\u0000${ipOf(c.clientAddress)}`;
      if (!byClient.has(key) || software.source === 'reported') byClient.set(key, software);
    }
  });
  return views.map((c, i) => {
    const startedByLab = c.clientId?.startsWith(workbenchClientIdPrefix) ?? false;
    let software = own[i] ?? null;
    if (software === null && c.clientId !== null) {
      const sibling = byClient.get(`${c.clientId}\u0000${ipOf(c.clientAddress)}`);
      if (sibling) software = { ...sibling, source: sibling.source === 'reported' ? 'inferred' : sibling.source, basis: `another connection with the same client.id and address ${sibling.source === 'reported' ? 'reported it' : 'was identified'}: ${sibling.basis}` };
    }
    if (software === null && startedByLab) {
      software = { name: 'kafkajs', version: null, source: 'inferred', basis: `client.id starts with ${workbenchClientIdPrefix}: a client this UI started, and the UI's clients are kafkajs` };
    }
    return { ...c, ...(software ? { software } : {}), ...(startedByLab ? { startedByLab } : {}) };
  });
}
