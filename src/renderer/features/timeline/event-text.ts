/** One readable line per cluster event, in Kafka's words. */
import type { ClusterEvent } from '../../../shared';
import { describeQuorum } from '../../../shared/quorum-text';
import type { AclView } from '../../../shared/security-view';
import { offsetRangeText, recordsLostReason } from '../../components/offset-range';

export function describeEvent(e: ClusterEvent): string {
  switch (e.type) {
    case 'broker-started': return `broker ${e.brokerId} started`;
    case 'broker-task-failed': return `broker ${e.brokerId}: ${e.task} FAILED (it runs again at its next interval): ${e.reason}`;
    case 'broker-stopped': return `broker ${e.brokerId} stopped${e.controlled ? ' (controlled shutdown)' : e.powerLoss ? ' (power loss: the OS page cache is gone)' : ' (killed)'}`;
    case 'broker-isolated': return `broker ${e.brokerId} isolated from the network`;
    case 'broker-healed': return `broker ${e.brokerId} reconnected`;
    case 'broker-fenced': return e.reason === 'session timeout' ? `broker ${e.brokerId} fenced by the controller: no heartbeat within broker.session.timeout.ms` : `broker ${e.brokerId} fenced: ${e.reason}`;
    case 'broker-unfenced': return `broker ${e.brokerId} unfenced`;
    case 'controller-elected': return `node ${e.controllerId} became the active controller (epoch ${e.controllerEpoch})`;
    case 'controller-lost': return `controller ${e.controllerId} lost (epoch ${e.controllerEpoch})`;
    case 'controller-node-changed': return `controller ${e.nodeId} ${e.change === 'isolated' ? 'isolated from the network' : e.change === 'healed' ? 'reconnected' : e.change}`;
    case 'quorum-lost': return `KRaft quorum LOST: ${describeQuorum({ ...e, hasMajority: false })}`;
    case 'quorum-restored': return `KRaft quorum back after ${(e.lostForMs / 1000).toFixed(1)} s: controller ${e.controllerId} active (epoch ${e.controllerEpoch})`;
    case 'topic-created': return `topic ${e.topic} ${e.autoCreated ? 'auto-created' : 'created'}: ${e.partitions} partition${e.partitions === 1 ? '' : 's'}, replication factor ${e.replicationFactor}${e.autoCreated ? ` (a client asked for a missing topic: num.partitions = ${e.autoCreated.numPartitions}, default.replication.factor = ${e.autoCreated.defaultReplicationFactor})` : ''}`;
    case 'topic-deleted': return `topic ${e.topic} deleted`;
    case 'partitions-added': return `topic ${e.topic}: partitions ${e.previousCount} → ${e.newCount}`;
    case 'topic-config-changed': return `topic ${e.topic}: ${e.name} = ${e.value ?? '(default)'}`;
    case 'leader-elected': return `${e.topic}-${e.partition}: leader ${e.previousLeader < 0 ? 'none' : e.previousLeader} → ${e.leader}, leaderEpoch ${e.leaderEpoch} (${e.reason}${e.unclean ? ', UNCLEAN' : ''})`;
    case 'partition-offline': return `${e.topic}-${e.partition}: OFFLINE, no in-sync replica can lead (leaderEpoch ${e.leaderEpoch})`;
    case 'isr-shrunk': return `${e.topic}-${e.partition}: ISR shrank, removed [${e.removed.join(',')}] → [${e.inSyncReplicas.join(',')}]`;
    case 'isr-expanded': return `${e.topic}-${e.partition}: ISR expanded, added [${e.added.join(',')}] → [${e.inSyncReplicas.join(',')}]`;
    case 'high-watermark-advanced': return `${e.topic}-${e.partition}: highWatermark → ${e.highWatermark}`;
    case 'log-truncated': return `${e.topic}-${e.partition}: broker ${e.brokerId} truncated its log ${e.fromLogEndOffset} → ${e.toLogEndOffset}`;
    case 'records-lost': return `${e.topic}-${e.partition}: records LOST, ${offsetRangeText(e.fromOffset, e.toOffset, e.count)} (${recordsLostReason(e.reason)})`;
    case 'reassignment-started': return `${e.topic}-${e.partition}: reassignment to [${e.targetReplicas.join(',')}] started`;
    case 'partition-reassigned': return `${e.topic}-${e.partition}: replicas now [${e.replicas.join(',')}]`;
    case 'segment-rolled': return `${e.topic}-${e.partition}: broker ${e.brokerId} rolled a segment at ${e.baseOffset}`;
    case 'log-recovered': return `${e.topic}-${e.partition}: broker ${e.brokerId} recovered its log from disk, offsets ${e.logStartOffset}–${e.logEndOffset}, highWatermark ${e.highWatermark}${e.truncatedBytes > 0 ? `; dropped ${e.truncatedBytes} bytes of a torn tail${e.reason ? ` (${e.reason})` : ''}` : ''}`;
    case 'unflushed-records-dropped': return `power loss on broker ${e.brokerId}: ${e.topic}-${e.partition} lost ${e.count} record${e.count === 1 ? '' : 's'} (offsets ${e.flushedOffset}–${e.fromLogEndOffset - 1}) above its flushed offset ${e.flushedOffset}`;
    case 'segment-deleted': return `${e.topic}-${e.partition}: broker ${e.brokerId} deleted a segment, ${offsetRangeText(e.baseOffset, e.endOffset)} (${e.reason})`;
    case 'log-start-offset-advanced': return `${e.topic}-${e.partition}: logStartOffset → ${e.logStartOffset}`;
    case 'log-compacted': return `${e.topic}-${e.partition}: broker ${e.brokerId} compacted away ${e.removedRecords} records, ${e.removedTombstones} tombstones`;
    case 'log-cleaner-failed': return `${e.topic}-${e.partition}: log cleaner FAILED on broker ${e.brokerId}, partition marked uncleanable: ${e.reason}`;
    case 'log-retention-failed': return `${e.topic}-${e.partition}: retention FAILED on broker ${e.brokerId}, no longer deleting segments there: ${e.reason}`;
    case 'segment-roll-failed': return `${e.topic}-${e.partition}: segment roll FAILED on broker ${e.brokerId}, appending to the active segment: ${e.reason}`;
    case 'group-coordinator-loaded': return `broker ${e.brokerId} now coordinates __consumer_offsets-${e.partition}: loaded ${e.groups} group${e.groups === 1 ? '' : 's'}, ${e.offsets} offset${e.offsets === 1 ? '' : 's'}`;
    case 'group-coordinator-load-failed': return `broker ${e.brokerId} could not load __consumer_offsets-${e.partition} (leader epoch ${e.leaderEpoch}): ${e.reason}; its groups get NOT_COORDINATOR`;
    case 'group-coordinator-unloaded': return `broker ${e.brokerId} stopped coordinating __consumer_offsets-${e.partition} (${e.groups} group${e.groups === 1 ? '' : 's'})`;
    case 'group-state-changed': return `group ${e.groupId}: ${e.from} → ${e.to} (generation ${e.generationId}, coordinator ${e.coordinatorId})`;
    case 'group-rebalance-started': return `group ${e.groupId}: rebalance started, ${e.memberCount} members (${e.reason})`;
    case 'group-stabilized': return `group ${e.groupId}: generation ${e.generationId} stable, ${e.members.length} members`;
    case 'group-member-joined': return `group ${e.groupId}: member ${e.memberId} joined (${e.clientId})`;
    case 'group-member-left': return `group ${e.groupId}: member ${e.memberId} left (${e.reason})`;
    case 'group-member-evicted': return `group ${e.groupId}: member ${e.memberId} evicted (${e.reason})`;
    case 'offsets-committed': return `group ${e.groupId}: ${e.commits} ${e.transactional ? 'transactional ' : ''}offset commit${e.commits === 1 ? '' : 's'} in 1 s for ${e.partitions} partition${e.partitions === 1 ? '' : 's'}`;
    case 'offsets-deleted': return `group ${e.groupId}: ${e.count} committed offsets deleted (${e.reason})`;
    case 'group-deleted': return `group ${e.groupId} deleted`;
    case 'transaction-coordinator-loaded': return `broker ${e.brokerId} now coordinates __transaction_state-${e.partition} (${e.transactionalIds} transactional ids)`;
    case 'transaction-coordinator-load-failed': return `broker ${e.brokerId} could not load __transaction_state-${e.partition} (leader epoch ${e.leaderEpoch}): ${e.reason}; its transactional ids get NOT_COORDINATOR`;
    case 'coordinator-task-failed': return `${e.coordinator} coordinator on broker ${e.brokerId}: task ${e.task} failed and was stopped: ${e.reason}`;
    case 'transaction-begun': return `transaction ${e.transactionalId} begun (producerId ${e.producerId}, producerEpoch ${e.producerEpoch})`;
    case 'transaction-committed': return `transaction ${e.transactionalId} committed across ${e.partitions} partitions`;
    case 'transaction-aborted': return `transaction ${e.transactionalId} aborted (${e.reason}), ${e.partitions} partitions`;
    case 'producer-fenced': return `producer ${e.transactionalId} fenced: producerEpoch ${e.fencedEpoch} → ${e.newEpoch}`;
    case 'broker-config-changed': return `${e.brokerId === null ? 'cluster-wide default' : `broker ${e.brokerId}`}: ${e.name} = ${e.value ?? '(deleted: back to the static or default value)'}`;
    case 'acl-created': return `ACL added: ${aclText(e.acl)}`;
    case 'acl-deleted': return `ACL removed: ${aclText(e.acl)}`;
    case 'authorization-failed': return `${e.principal} from ${e.host} denied ${e.operation} on ${e.resourceType} ${e.resourceName} (${e.apiName})${e.count > 1 ? ` ×${e.count}` : ''}`;
    case 'request-fault-added': return `request fault ${e.faultId} armed: ${e.description}`;
    case 'request-fault-removed': return `request fault${e.faultIds.length === 1 ? '' : 's'} ${e.faultIds.join(', ')} removed`;
    case 'request-fault-injected': return `injected fault ${e.faultId}: ${e.apiName} from ${e.clientId === null ? 'a client without client.id' : `client ${e.clientId}`} on broker ${e.brokerId} → ${e.action === 'disconnect' ? 'connection closed' : e.action.startsWith('delay') ? `response ${e.action}ed` : e.action}${e.remaining > 0 ? ` (${e.remaining} more to hit)` : ' (rule used up)'}`;
    case 'client-quota-altered': return e.value === null ? `quota ${e.key} removed for ${e.entity}` : `quota ${e.key} = ${e.value} for ${e.entity}`;
    // A restored link is a healthy one: 1 ms in the model (the fake host sends 0), no loss.
    case 'link-changed': return e.cut ? `link ${e.fromBrokerId} ↔ ${e.toBrokerId} cut` : e.latencyMs <= 1 && e.lossRate === 0 ? `link ${e.fromBrokerId} ↔ ${e.toBrokerId} restored` : `link ${e.fromBrokerId} ↔ ${e.toBrokerId}: ${e.latencyMs} ms one way, ${Math.round(e.lossRate * 1000) / 10}% loss`;
  }
}

/** Severity for colouring a line. */
export function eventTone(e: ClusterEvent): 'bad' | 'warn' | 'good' | 'plain' {
  switch (e.type) {
    case 'partition-offline': case 'records-lost': case 'unflushed-records-dropped': case 'log-cleaner-failed': case 'log-retention-failed': case 'segment-roll-failed': case 'broker-task-failed': case 'broker-stopped': case 'broker-isolated': case 'controller-lost': case 'quorum-lost': return 'bad';
    case 'isr-shrunk': case 'broker-fenced': case 'group-member-evicted': case 'transaction-aborted': case 'producer-fenced': case 'log-truncated': case 'link-changed': case 'authorization-failed': case 'request-fault-injected': return 'warn';
    case 'isr-expanded': case 'broker-started': case 'broker-healed': case 'broker-unfenced': case 'quorum-restored': return 'good';
    case 'leader-elected': return e.unclean ? 'bad' : 'plain';
    default: return 'plain';
  }
}

function aclText(acl: AclView): string {
  return `${acl.principal} ${acl.permissionType} ${acl.operation} on ${acl.resourceType} ${acl.resourceName} (${acl.patternType}) from ${acl.host}`;
}
