/**
 * A stand-in workbench for the serve-server tests: scans that hand out one record each and note
 * which sessions were started and stopped, so a test can tell who may read or stop what.
 */
import { unavailableWorkbench } from '../host/unavailable-workbench';
import type { BrowsedRecord, ScanPoll, WorkbenchCommands, WorkbenchStatus } from '../../shared/workbench-contract';

export interface RecordingWorkbench extends WorkbenchCommands {
  started: string[];
  stopped: string[];
}

const secretRecord: BrowsedRecord = {
  seq: 1, topic: 'payments', partition: 0, offset: 0, timestampMs: 0, timestampType: 'CreateTime',
  key: Buffer.from('card').toString('base64'), value: Buffer.from('4111-1111').toString('base64'), keyBytes: 4, valueBytes: 9,
  headers: [], compression: 'none', producerId: -1, producerEpoch: -1, sequence: -1, isTransactional: false, controlMarker: null, leaderEpoch: 0,
};

export function recordingWorkbench(): RecordingWorkbench {
  let next = 1;
  const open = new Set<string>();
  const wb: RecordingWorkbench = {
    ...unavailableWorkbench('not in this test'),
    started: [],
    stopped: [],
    async startScan() {
      const sessionId = `browser-${next++}`;
      open.add(sessionId);
      wb.started.push(sessionId);
      return { sessionId };
    },
    async startTail() {
      return wb.startScan({ topic: 'payments', partitions: null, seek: { kind: 'oldest' }, limit: 1, isolationLevel: 'read_uncommitted' });
    },
    async pollScan(sessionId: string): Promise<ScanPoll | null> {
      if (!open.has(sessionId)) return null;
      return { sessionId, kind: 'scan', records: [secretRecord], progress: { records: 1, bytes: 13, elapsedMs: 0, dropped: 0, state: 'running', reason: null, partitions: [] } };
    },
    async stopScan(sessionId: string) {
      if (!open.delete(sessionId)) return false;
      wb.stopped.push(sessionId);
      return true;
    },
    async getWorkbenchStatus(): Promise<WorkbenchStatus> {
      return {
        loadGenerators: [],
        consumers: [{
          id: 'consumer-1', clientId: 'kafka-lab-ui-consumer-1', config: { topic: 'payments', mode: 'assigned', fromBeginning: true, isolationLevel: 'read_uncommitted' },
          state: 'running', consumed: 1, memberId: null, assignment: [], positions: [{ partition: 0, offset: 0 }], error: null, recent: [secretRecord],
        }],
      };
    },
  };
  return wb;
}
