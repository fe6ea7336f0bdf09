import { describe, expect, it } from 'vitest';
import type { GroupView } from '../../../shared/cluster-view';
import { memberColours, newColourMemory } from './group-states';

const member = (memberId: string, groupInstanceId: string | null = null) => ({ memberId, groupInstanceId, clientId: 'kafkajs', clientHost: '/127.0.0.1', assignment: [] });
const generation = (generationId: number, members: GroupView['members']): GroupView => ({
  groupId: 'billing', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner', generationId, leaderId: members[0]?.memberId ?? null, coordinatorId: 1, members, offsets: [], totalLag: 0,
});

describe('memberColours', () => {
  it('keeps each member’s colour across generations when others join and leave', () => {
    const memory = newColourMemory();
    const g1 = memberColours(generation(1, [member('kafkajs-b'), member('kafkajs-c')]), memory);
    // kafkajs-a sorts before both: with colours by sorted position (the old way) everyone would repaint.
    const g2 = memberColours(generation(2, [member('kafkajs-a'), member('kafkajs-b'), member('kafkajs-c')]), memory);
    expect(g2.get('kafkajs-b')).toBe(g1.get('kafkajs-b'));
    expect(g2.get('kafkajs-c')).toBe(g1.get('kafkajs-c'));
    expect(new Set(g2.values()).size).toBe(3);
    const g3 = memberColours(generation(3, [member('kafkajs-a'), member('kafkajs-c')]), memory);
    expect(g3.get('kafkajs-a')).toBe(g2.get('kafkajs-a'));
    expect(g3.get('kafkajs-c')).toBe(g2.get('kafkajs-c'));
    // A newcomer does not wear the colour of the member that just left.
    const g4 = memberColours(generation(4, [member('kafkajs-a'), member('kafkajs-c'), member('kafkajs-d')]), memory);
    expect(g4.get('kafkajs-d')).not.toBe(g2.get('kafkajs-b'));
  });

  it('keys static members by group.instance.id, so a restarted static consumer keeps its colour', () => {
    const memory = newColourMemory();
    const before = memberColours(generation(1, [member('m1', 'app-0'), member('m2', 'app-1')]), memory);
    const after = memberColours(generation(2, [member('m0', 'app-1'), member('m3', 'app-0')]), memory);
    expect(after.get('m3')).toBe(before.get('m1'));
    expect(after.get('m0')).toBe(before.get('m2'));
  });
});
