/**
 * The KRaft controller quorum: the deployment shape (process.roles), each voter node with its role
 * and state, the active controller, and the quorum's health in words — "no majority of voters:
 * 1 of 3 reachable (voters 2, 3 stopped)" and what that means — with the controls for dedicated
 * controller nodes (combined voters are brokers: their cards hold the controls).
 */
import type { ControllerNodeView, ControllerQuorumView } from '../../../shared';
import { describeShape } from '../../../shared/cluster-shape';
import { describeQuorum } from '../../../shared/quorum-text';
import { CommandButton } from '../../components/CommandButton';
import { FixedText } from '../../components/FixedText';
import { ExplainButton } from '../explainers/ExplainButton';

const SHAPE_HINT: Record<'combined' | 'dedicated', string> = {
  combined: 'The first up-to-3 brokers are also the KRaft voters: stopping brokers can cost the quorum.',
  dedicated: 'Controller-only nodes vote on the metadata log; clients never connect to them. Stopping brokers never costs the quorum.',
};

const NODE_STATE: Record<ControllerNodeView['state'], string> = { running: 'running', stopped: 'stopped', isolated: 'isolated (network cut)' };

/** The voters as nodes; views from before issue 12 have only the voter ids (combined mode). */
function nodesOf(quorum: ControllerQuorumView, brokerState: (id: number) => string | undefined): ControllerNodeView[] {
  if (quorum.nodes) return quorum.nodes;
  return quorum.voters.map((nodeId) => {
    const state = brokerState(nodeId);
    return { nodeId, processRoles: 'broker,controller', state: state === 'stopped' ? 'stopped' : state === 'isolated' ? 'isolated' : 'running', isActive: nodeId === quorum.activeControllerId };
  });
}

export function QuorumPanel({ quorum, brokerCount, simTimeMs, readOnly, brokerState }: { quorum: ControllerQuorumView; brokerCount: number; simTimeMs: number; readOnly: boolean; brokerState: (id: number) => string | undefined }) {
  // A remote cluster's view knows no voters (Kafka Lab does not send it DescribeQuorum yet): say so
  // rather than draw a combined-mode quorum of nobody with epoch -1.
  if (quorum.voters.length === 0) {
    return (
      <section className="panel quorum" data-testid="controller-quorum" data-process-roles="unknown">
        <h2>Controller quorum <ExplainButton concept="kraft" /></h2>
        <p className="hint" data-testid="quorum-unknown">
          Not known from here: Kafka Lab does not ask this cluster for its quorum (DescribeQuorum) yet, so its voters, process.roles and epochs are not shown.
          {quorum.activeControllerId !== null ? ` The active controller, from DescribeCluster: node ${quorum.activeControllerId}.` : ' DescribeCluster named no active controller.'}
        </p>
      </section>
    );
  }
  const hint = SHAPE_HINT[quorum.processRoles ?? 'combined'];
  const dedicated = quorum.processRoles === 'dedicated';
  const shape = describeShape({ brokers: brokerCount, controllers: dedicated ? quorum.voters.length : 0 });
  const nodes = nodesOf(quorum, brokerState);
  const health = quorum.quorum;
  return (
    <section className="panel quorum" data-testid="controller-quorum" data-process-roles={quorum.processRoles ?? 'combined'}>
      <h2>Controller quorum <ExplainButton concept="kraft" /></h2>
      <p className="quorum-shape" data-testid="quorum-shape">{shape}</p>
      <p className="hint">{hint}</p>
      <QuorumHealth quorum={quorum} simTimeMs={simTimeMs} />
      <ul className="voters">
        {nodes.map((n) => (
          <li key={n.nodeId} className={`voter voter-node ${n.isActive ? 'voter-active' : ''} ${n.state !== 'running' ? 'voter-down' : ''}`} data-testid={`controller-node-${n.nodeId}`} data-state={n.state}>
            <span className="voter-name">{n.isActive ? '★ ' : ''}{dedicated ? 'controller' : 'broker'} {n.nodeId}</span>
            <span className={`state-pill state-${n.state}`}>{n.isActive ? 'active · ' : ''}{NODE_STATE[n.state]}</span>
            {dedicated && !readOnly && <NodeActions node={n} />}
          </li>
        ))}
      </ul>
      {health && health.hasMajority && quorum.activeControllerId === null && (
        <p className="hint" data-testid="quorum-electing">A majority is reachable again: electing a controller (after controller.quorum.election.timeout.ms).</p>
      )}
      <dl className="quorum-facts">
        {/* Fixed-size contain:strict boxes: the metadata offset moves with every metadata change. */}
        <dt>controller epoch</dt><dd><FixedText ch={12}>{quorum.controllerEpoch}</FixedText></dd>
        <dt>metadata offset</dt><dd><FixedText ch={12} testId="metadata-offset">{quorum.metadataEpoch}</FixedText></dd>
      </dl>
    </section>
  );
}

function QuorumHealth({ quorum, simTimeMs }: { quorum: ControllerQuorumView; simTimeMs: number }) {
  const health = quorum.quorum;
  if (!health) return null;
  const text = describeQuorum({ voters: quorum.voters, ...health });
  if (health.hasMajority) {
    return <p className="quorum-health quorum-up" data-testid="quorum-health" data-has-majority="true">Quorum up: {text}</p>;
  }
  const lostForS = health.lostSinceMs === null ? null : Math.max(0, Math.round((simTimeMs - health.lostSinceMs) / 1000));
  return (
    <div className="quorum-health quorum-lost warning-note" role="alert" data-testid="quorum-health" data-has-majority="false">
      <strong>Quorum lost: {text}{lostForS === null ? '' : `, for ${lostForS} s`}.</strong>
      <p>
        No active controller, so metadata cannot change: no leader elections, no topic changes, no ISR changes, no fencing of dead brokers. Existing leaders
        still serve produce and fetch; acks=all stalls (REQUEST_TIMED_OUT) once a follower falls behind, since the leader cannot shrink the ISR.
      </p>
    </div>
  );
}

function NodeActions({ node }: { node: ControllerNodeView }) {
  const id = node.nodeId;
  return (
    <span className="voter-actions">
      {node.state === 'running' && (
        <>
          <CommandButton command={{ type: 'stop-controller', nodeId: id }} label="Stop" variant="danger" testId={`stop-controller-${id}`}
            title="Stop this controller process. If it is the active controller, the remaining voters elect another after controller.quorum.election.timeout.ms, if a majority of them is left" />
          <CommandButton command={{ type: 'isolate-controller', nodeId: id }} label="Isolate" variant="danger" testId={`isolate-controller-${id}`}
            title="Cut this controller off the network (brokers and the other controllers); it keeps running" />
        </>
      )}
      {node.state === 'stopped' && <CommandButton command={{ type: 'start-controller', nodeId: id }} label="Start" testId={`start-controller-${id}`} title="Start this controller process again; it rejoins the quorum as a voter" />}
      {node.state === 'isolated' && <CommandButton command={{ type: 'heal-controller', nodeId: id }} label="Heal" testId={`heal-controller-${id}`} title="Reconnect this controller to the network" />}
    </span>
  );
}
