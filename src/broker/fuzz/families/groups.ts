/**
 * `group-protocol`: the classic group protocol (KIP-345 static members, KIP-394 member ids)
 * driven out of order against the coordinator: SyncGroup and Heartbeat before any JoinGroup,
 * wrong generationIds and memberIds, assignments naming members that never joined, LeaveGroup of
 * strangers, commits to partitions that do not exist, DeleteGroups while members are in, and
 * OffsetDelete of what was never committed. Each step is drawn, so the orders vary per case.
 */
import { FUZZ_TOPICS } from '../hostile';
import type { Body } from '../lane';
import type { CaseIO, Family } from './family';
import { bodyOf } from './family';

const STEPS = ['join', 'rejoin', 'sync', 'heartbeat', 'leave', 'commit', 'fetch', 'describe', 'list', 'delete', 'offset-delete'] as const;

function consumerMetadata(io: CaseIO): Buffer {
  // ConsumerProtocolSubscription v0 (version, topics, userData) or junk; the coordinator passes it through.
  if (io.h.chance(0.3)) return io.h.bytes(40);
  const topic = Buffer.from(io.h.pick(FUZZ_TOPICS).name);
  const b = Buffer.alloc(2 + 4 + 2 + topic.length + 4);
  b.writeInt16BE(0, 0);
  b.writeInt32BE(1, 2);
  b.writeInt16BE(topic.length, 6);
  topic.copy(b, 8);
  b.writeInt32BE(-1, 8 + topic.length);
  return b;
}

export const groupProtocol: Family = {
  name: 'group-protocol',
  weight: 3,
  apiKeys: [10, 11, 12, 13, 14, 8, 9, 15, 16, 42, 47],
  async run(io) {
    const { h } = io;
    const groupId = h.groupId();
    const node = await io.coordinator(groupId, 0);
    let memberId = h.chance(0.5) ? '' : h.memberId();
    let generationId = h.generationId();
    const member = (): Body => ({ groupId, memberId, generationId, generationIdOrMemberEpoch: generationId, groupInstanceId: h.chance(0.2) ? h.pick(['static-1', '']) : null });
    for (let i = 0, n = h.int(2, 6); i < n; i++) {
      const step = h.pick(STEPS);
      const at = { broker: h.chance(0.9) ? node : undefined };
      if (step === 'join' || step === 'rejoin') {
        const answer = bodyOf(await io.call(11, {
          ...member(), memberId: step === 'join' ? '' : memberId, sessionTimeoutMs: h.pick([6000, 10000, 45000, 0, -1, 2147483647]),
          rebalanceTimeoutMs: h.pick([100, 1000, 30000, -1]), protocolType: h.pick(['consumer', 'consumer', '', 'connect']),
          protocols: Array.from({ length: h.int(0, 2) }, () => ({ name: h.pick(['range', 'roundrobin', '']), metadata: consumerMetadata(io) })),
          reason: h.pick([null, 'fuzz']),
        }, { ...at, version: io.version(11, 0, 9) }));
        if (answer && typeof answer.memberId === 'string' && answer.memberId !== '') {
          memberId = answer.memberId;
          h.seen.memberIds.push(memberId);
        }
        if (answer && typeof answer.generationId === 'number' && answer.generationId >= 0) {
          generationId = answer.generationId;
          h.seen.generationIds.push(generationId);
        }
      } else if (step === 'sync') {
        await io.call(14, { ...member(), generationId: h.chance(0.6) ? generationId : h.generationId(), protocolType: h.pick([null, 'consumer', 'connect']), protocolName: h.pick([null, 'range', 'other']), assignments: Array.from({ length: h.int(0, 3) }, () => ({ memberId: h.chance(0.5) ? memberId : h.memberId(), assignment: h.bytes(30) })) }, at);
      } else if (step === 'heartbeat') {
        await io.call(12, { ...member(), generationId: h.chance(0.6) ? generationId : h.generationId() }, at);
      } else if (step === 'leave') {
        await io.call(13, { groupId, memberId, members: Array.from({ length: h.int(0, 2) }, () => ({ memberId: h.chance(0.5) ? memberId : h.memberId(), groupInstanceId: h.pick([null, 'static-1']), reason: null })) }, at);
      } else if (step === 'commit') {
        const topic = h.chance(0.8) ? h.pick(FUZZ_TOPICS).name : h.topicName();
        await io.call(8, { ...member(), generationIdOrMemberEpoch: h.chance(0.5) ? -1 : generationId, retentionTimeMs: h.pick([-1, 0, 1, Number.MAX_SAFE_INTEGER]), topics: [{ name: topic, partitions: Array.from({ length: h.int(1, 3) }, () => ({ partitionIndex: h.partition(), committedOffset: h.offset(), committedLeaderEpoch: h.pick([-1, 0, 7]), commitTimestamp: h.pick([-1, 0, 1_700_000_000_000]), committedMetadata: h.pick([null, '', 'm'.repeat(5000)]) })) }] }, at);
      } else if (step === 'fetch') {
        const topics = h.chance(0.3) ? null : [{ name: h.pick(FUZZ_TOPICS).name, partitionIndexes: [h.partition(), 0] }];
        await io.call(9, { groupId, topics, groups: [{ groupId, memberId: null, memberEpoch: -1, topics }], requireStable: h.chance(0.5) }, at);
      } else if (step === 'describe') {
        await io.call(15, { groups: [groupId, h.groupId()], includeAuthorizedOperations: h.chance(0.5) }, at);
      } else if (step === 'list') {
        await io.call(16, { statesFilter: h.chance(0.5) ? [] : [h.pick(['Stable', 'Empty', 'Dead', 'bogus'])], typesFilter: h.chance(0.7) ? [] : [h.pick(['classic', 'consumer', 'x'])] }, at);
      } else if (step === 'delete') {
        await io.call(42, { groupsNames: [groupId, h.groupId()] }, at);
      } else {
        await io.call(47, { groupId, topics: [{ name: h.pick(FUZZ_TOPICS).name, partitions: [{ partitionIndex: h.partition() }] }] }, at);
      }
    }
  },
};
