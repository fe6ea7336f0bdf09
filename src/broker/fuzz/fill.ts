/**
 * Builds a request body for any served API and version from its schema (protocol/messages): every
 * field present in that version gets a value, chosen by the field's meaning (its name and where it
 * sits) from the hostile pools, or by its type when its name says nothing. Generators per API
 * family start from this and override what their scenario needs, so a new API or version in the
 * schemas is fuzzed without anyone writing it here.
 */
import { apiSchemas, type FieldSchema } from '../protocol';
import { inRange } from '../protocol/schema';
import type { Hostile } from './hostile';
import { hostileRecords } from './record-batches';

type Obj = Record<string, unknown>;

const INT_EDGES: Record<string, readonly number[]> = {
  int8: [0, 1, -1, 2, 127, -128],
  int16: [0, 1, -1, 3, 32767, -32768],
  uint16: [0, 1, 65535],
  int32: [0, 1, -1, 3, 100, 2147483647, -2147483648],
  uint32: [0, 1, 4294967295],
  int64: [0, 1, -1, -2, 1_700_000_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
};

/** A value for a scalar field by its name (and its parent's), or undefined to fall back to its type. */
function byMeaning(h: Hostile, name: string, parent: string, apiKey: number): unknown {
  switch (name) {
    case 'name':
    case 'topic':
    case 'topicName':
      if (parent === 'configs') return h.config(h.chance(0.8) ? 'topic' : 'broker').name;
      return h.topicName();
    case 'value':
      return parent === 'configs' ? h.config().value : undefined;
    case 'resourceName':
      return h.resource(apiKey === 33 || apiKey === 44).resourceName;
    case 'resourceType':
      return h.resource().resourceType;
    case 'configOperation':
      return h.pick([0, 0, 1, 2, 3, -1, 4]);
    case 'partitionIndex':
    case 'partition':
    case 'partitionId':
    case 'partitionIndexes':
    case 'partitions':
    case 'index':
      return h.partition();
    case 'numPartitions':
    case 'count':
      return h.chance(0.02) ? 100 : h.pick([-1, 0, 1, 2, 3, 4, 2147483647, 200001]);
    case 'replicationFactor':
      return h.pick([-1, 0, 1, 2, 3, 4, 32767]);
    case 'groupId':
    case 'groupsNames':
    case 'groups':
      return h.groupId();
    case 'transactionalIds':
      return h.transactionalId();
    case 'producerIdFilters':
      return h.producerId();
    case 'stateFilters':
    case 'statesFilter':
      return h.pick(['Ongoing', 'PrepareCommit', 'CompleteAbort', 'Empty', 'Stable', 'PreparingRebalance', 'Dead', '', 'nonsense']);
    case 'topicNames':
      return h.topicName();
    case 'key':
    case 'coordinatorKeys':
      return h.chance(0.5) ? h.groupId() : h.transactionalId();
    case 'keyType':
      return h.pick([0, 0, 1, 1, 2, -1]);
    case 'configurationKeys':
      return h.config().name;
    case 'brokerIds':
    case 'replicas':
      return h.brokerId();
    case 'transactionalId':
    case 'v3AndBelowTransactionalId':
      return apiKey === 0 && h.chance(0.7) ? null : h.transactionalId();
    case 'memberId':
      return h.memberId();
    case 'groupInstanceId':
      return h.pick([null, '', 'static-1', 'static-2']);
    case 'generationId':
    case 'generationIdOrMemberEpoch':
      return h.generationId();
    case 'producerId':
    case 'v3AndBelowProducerId':
      return h.producerId();
    case 'producerEpoch':
    case 'v3AndBelowProducerEpoch':
      return h.producerEpoch();
    case 'timeoutMs':
    case 'transactionTimeoutMs':
    case 'sessionTimeoutMs':
    case 'rebalanceTimeoutMs':
      return name === 'timeoutMs' && apiKey === 0 ? h.pick([0, 100, 1000, 30000]) : h.timeoutMs();
    case 'maxWaitMs':
      return h.waitMs();
    case 'minBytes':
      return h.pick([0, 1, 1, 1024, -1, 2147483647]);
    case 'maxBytes':
    case 'partitionMaxBytes':
      return h.pick([0, 1, 1024, 1 << 20, -1, 2147483647]);
    case 'fetchOffset':
    case 'offset':
    case 'committedOffset':
    case 'logStartOffset':
    case 'timestamp':
      return h.offset();
    case 'leaderEpoch':
    case 'currentLeaderEpoch':
    case 'committedLeaderEpoch':
    case 'lastFetchedEpoch':
      return h.pick([-1, 0, 1, 2, 2147483647]);
    case 'replicaId':
    case 'brokerId':
    case 'nodeId':
      return h.chance(0.8) ? -1 : h.brokerId();
    case 'acks':
      return h.pick([-1, -1, 1, 1, 0, 2, -2]);
    case 'isolationLevel':
      return h.pick([0, 1, 2, -1]);
    case 'electionType':
      return h.pick([0, 1, 2, -1]);
    case 'protocolType':
      return h.pick(['consumer', 'consumer', '', 'connect', 'x'.repeat(300)]);
    case 'protocolName':
      return h.pick(['range', 'roundrobin', 'RoundRobinAssigner', '', '🦀']);
    case 'topicId':
      return h.seen.topicIds.length > 0 && h.chance(0.6) ? h.pick(h.seen.topicIds) : h.pick(['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAQ', '_____________________w']);
    case 'sessionId':
    case 'sessionEpoch':
      return h.pick([0, -1, 1, 2147483647]);
    case 'clientSoftwareName':
    case 'clientSoftwareVersion':
      return h.pick(['kafka-lab-fuzz', '1.0', '', '-bad-', '.'.repeat(300)]);
    default:
      return undefined;
  }
}

function scalar(h: Hostile, f: FieldSchema, parent: string, apiKey: number): unknown {
  const meaning = byMeaning(h, f.name, parent, apiKey);
  if (meaning !== undefined) return meaning;
  switch (f.type) {
    case 'bool': return h.chance(0.5);
    case 'string': return h.string();
    case 'uuid': return h.pick(['AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAQ']);
    case 'float64': return h.pick([0, -1, 1e308, Number.NaN]);
    case 'bytes': return h.bytes(64);
    case 'records': return hostileRecords(h);
    default: return h.pick(INT_EDGES[f.type!] ?? [0]);
  }
}

function fill(h: Hostile, fields: readonly FieldSchema[], version: number, parent: string, depth: number, apiKey: number): Obj {
  const out: Obj = {};
  for (const f of fields) {
    if (!inRange(f.versions, version)) continue;
    if (inRange(f.nullableVersions, version) && h.chance(0.08)) {
      out[f.name] = null;
      continue;
    }
    if (f.kind === 'struct') out[f.name] = fill(h, f.fields ?? [], version, f.name, depth + 1, apiKey);
    else if (f.kind === 'array') {
      const length = h.chance(0.05) ? 0 : depth >= 2 ? h.int(1, 2) : h.int(1, 3);
      out[f.name] = Array.from({ length }, () => (f.fields ? fill(h, f.fields, version, f.name, depth + 1, apiKey) : scalar(h, f, f.name, apiKey)));
    } else out[f.name] = scalar(h, f, parent, apiKey);
  }
  // Mostly a coherent (name, value) pair, so configs get past the name check to the value's.
  if (parent === 'configs' && 'name' in out && 'value' in out && h.chance(0.8)) Object.assign(out, h.config());
  return out;
}

/** A hostile but encodable request body of `apiKey` at `version`. */
export function fillRequest(h: Hostile, apiKey: number, version: number): Obj {
  const schema = apiSchemas.get(apiKey);
  if (!schema) throw new Error(`no schema for API key ${apiKey}`);
  return fill(h, schema.request.fields, version, '', 0, apiKey);
}
