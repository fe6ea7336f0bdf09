/**
 * The Clients view's software column: the name the client reported (ApiVersions v3+, KIP-511), or
 * the name we inferred marked "inferred" (kafkajs reports none), or "unknown"; the tooltip says
 * what the name rests on (ConnectionView.software.basis).
 */
import type { ConnectionView } from '../../../shared/cluster-view';

export function SoftwareCell({ connection }: { connection: ConnectionView }) {
  // A host without the software field (older snapshot): the KIP-511 name, if any, was reported.
  const software = connection.software ?? (connection.clientSoftwareName ? { name: connection.clientSoftwareName, version: connection.clientSoftwareVersion, source: 'reported' as const, basis: 'client_software_name in its ApiVersions v3+ request (KIP-511)' } : undefined);
  if (!software) {
    return <div><span className="count-muted" title="This client sent no client_software_name (ApiVersions v3+, KIP-511), and what it sent does not identify it." data-testid="client-software">unknown</span></div>;
  }
  const reported = software.source === 'reported';
  const title = `${reported ? 'Reported by the client' : 'Inferred, not reported'}: ${software.basis}`;
  return (
    <div title={title} data-testid="client-software" data-source={software.source}>
      {software.name}{software.version ? ` ${software.version}` : ''}
      {/* On a line of its own, so narrow columns (projector theme) never cut it off. */}
      {!reported && <span className="count-muted software-inferred"> (inferred)</span>}
    </div>
  );
}
