/**
 * "Start here": what the map shows on a cluster without user topics, so a first run is never an
 * empty page. One click creates a demo topic and starts traffic through the workbench (a kafkajs
 * load generator, acks=all, and a kafkajs consumer in a group), so the map fills with a producer,
 * leaders, followers and a consumer group; or opens the scenario picker.
 */
import { useState } from 'react';
import type { ClusterCommand, CommandResult } from '../../../shared/cluster-commands';
import type { WorkbenchCommands } from '../../../shared/workbench-contract';
import { useAppStoreApi } from '../../store/store-context';
import { usePastModeReason } from '../time-travel/use-past-mode';
import { ScenarioPicker, loadScenarioTitle } from '../scenarios/ScenarioPicker';

export const DEMO_TOPIC = 'demo';
export const DEMO_GROUP = 'demo-group';
export const DEMO_PARTITIONS = 6;
export const DEMO_RECORDS_PER_SEC = 20;

/** The demo's create-topic command: RF 3 where the cluster has 3 brokers or more (so a broker can fail without losing a partition), else every broker. */
export function demoTopicCommand(brokerCount: number): Extract<ClusterCommand, { type: 'create-topic' }> {
  return { type: 'create-topic', topic: DEMO_TOPIC, partitions: DEMO_PARTITIONS, replicationFactor: Math.max(1, Math.min(3, brokerCount)) };
}

export type DemoPhase = { phase: 'idle' } | { phase: 'starting'; step: string } | { phase: 'started' } | { phase: 'failed'; error: string };

/**
 * Runs the demo's three steps; an existing `demo` topic (TOPIC_ALREADY_EXISTS) is reused.
 * Reports each step, and the first failure in Kafka's words.
 */
export async function startDemo(brokerCount: number, execute: (c: ClusterCommand) => Promise<CommandResult>, workbench: WorkbenchCommands, report: (p: DemoPhase) => void): Promise<void> {
  try {
    report({ phase: 'starting', step: `Creating topic ${DEMO_TOPIC}…` });
    const created = await execute(demoTopicCommand(brokerCount));
    if (!created.ok && created.errorName !== 'TOPIC_ALREADY_EXISTS') return report({ phase: 'failed', error: `${created.errorName}: ${created.message}` });
    report({ phase: 'starting', step: 'Starting a producer (load generator)…' });
    await workbench.startLoadGenerator({
      topic: DEMO_TOPIC, recordsPerSec: DEMO_RECORDS_PER_SEC, keys: { kind: 'uniform', keyCount: 30 },
      valueTemplate: '{"seq":{{seq}},"key":"{{key}}"}', acks: -1, compression: 'none',
    });
    report({ phase: 'starting', step: `Starting a consumer in group ${DEMO_GROUP}…` });
    await workbench.startConsumer({ topic: DEMO_TOPIC, mode: 'group', groupId: DEMO_GROUP, fromBeginning: true, isolationLevel: 'read_uncommitted' });
    report({ phase: 'started' });
  } catch (error) {
    report({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

export function StartHere({ brokerCount, readOnly, demo, onDemo }: { brokerCount: number; readOnly: boolean; demo: DemoPhase; onDemo(p: DemoPhase): void }) {
  const store = useAppStoreApi();
  const pastReason = usePastModeReason();
  const [picker, setPicker] = useState(false);
  const [loaded, setLoaded] = useState<string | null>(null);
  const rf = demoTopicCommand(brokerCount).replicationFactor;
  const busy = demo.phase === 'starting';
  const create = () => void startDemo(brokerCount, (c) => store.getState().execute(c), store.client as unknown as WorkbenchCommands, onDemo);
  return (
    <section className="panel start-here" data-testid="start-here" aria-label="Start here">
      <h2>Start here</h2>
      <p>This cluster has no topics yet, so there is nothing to draw between its brokers. Make some traffic and watch it on the map.</p>
      {readOnly ? (
        <p className="hint" data-testid="start-here-read-only">
          Read-only view: creating a topic and starting clients needs the access token, so these actions are the presenter's. The map fills in here as soon as they start the demo or a scenario.
        </p>
      ) : (
        <div className="start-here-actions">
          <button type="button" className="btn btn-primary" disabled={busy || !!pastReason} onClick={create} data-testid="start-demo"
            title={pastReason ?? `Create topic "${DEMO_TOPIC}" (${DEMO_PARTITIONS} partitions, replication factor ${rf}), start a producer writing ${DEMO_RECORDS_PER_SEC} records/s to it with acks=all (the load generator), and a consumer reading it in group "${DEMO_GROUP}".`}>
            Create a demo topic with traffic
          </button>
          <button type="button" className={`btn${picker ? ' btn-on' : ''}`} aria-pressed={picker} disabled={!!pastReason} onClick={() => setPicker(!picker)} data-testid="start-scenario"
            title={pastReason ?? `Choose a scripted lesson. ${loadScenarioTitle}`}>
            Load a scenario…
          </button>
          {pastReason && <span className="disabled-reason" role="note">{pastReason}</span>}
        </div>
      )}
      {demo.phase === 'starting' && <p className="hint" role="status" data-testid="start-here-progress">{demo.step}</p>}
      {demo.phase === 'failed' && <p className="inline-error" role="alert" data-testid="start-here-error">The demo did not start: {demo.error}</p>}
      {loaded && <p className="hint" role="status">{loaded}</p>}
      {picker && !readOnly && <ScenarioPicker onLoaded={(text) => { setPicker(false); setLoaded(text); }} onClose={() => setPicker(false)} />}
    </section>
  );
}
