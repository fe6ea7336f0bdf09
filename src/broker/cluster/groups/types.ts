/**
 * Request and response shapes of the classic group APIs as the coordinator sees them: the
 * decoded bodies' field names (camelCase of the spec) with `errorName` (Kafka error name, 'NONE'
 * on success) instead of error codes. Version-specific defaults are filled in by the wire handler
 * (e.g. JoinGroup v0 rebalanceTimeoutMs = sessionTimeoutMs, groupInstanceId null before v5).
 * Buffers are passed through byte for byte.
 */

export type ErrorName = string;

export interface JoinGroupRequest {
  groupId: string;
  /** ms */
  sessionTimeoutMs: number;
  /** ms; JoinGroup v0 has none: the handler passes sessionTimeoutMs. */
  rebalanceTimeoutMs: number;
  /** '' for a first join. */
  memberId: string;
  /** KIP-345 static membership (v5+); null for dynamic members. */
  groupInstanceId: string | null;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  /** Request header clientId and the connection's address, recorded on the member. */
  clientId: string;
  clientHost: string;
  /** KIP-394: v4+ answers a first join with MEMBER_ID_REQUIRED. */
  requireKnownMemberId: boolean;
  /** KIP-800 (v8+); null before. */
  reason: string | null;
}

export interface JoinGroupMember { memberId: string; groupInstanceId: string | null; metadata: Buffer }

export interface JoinGroupResponse {
  errorName: ErrorName;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  /** KIP-814 (v9+): a static leader rejoining a Stable group must not reassign. */
  skipAssignment: boolean;
  memberId: string;
  /** Every member's metadata for the selected protocol — for the leader only. */
  members: JoinGroupMember[];
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v5+; null to skip the check. */
  protocolType: string | null;
  protocolName: string | null;
  /** The leader's assignments; empty from followers. */
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResponse {
  errorName: ErrorName;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface HeartbeatRequest { groupId: string; generationId: number; memberId: string; groupInstanceId: string | null }

export interface LeaveGroupRequest {
  groupId: string;
  /** v0–v2 send one member (memberId only); v3+ a batch (KIP-345). */
  members: { memberId: string; groupInstanceId: string | null; reason: string | null }[];
}

export interface LeaveGroupResponse {
  errorName: ErrorName;
  members: { memberId: string; groupInstanceId: string | null; errorName: ErrorName }[];
}

export interface OffsetCommitPartition {
  partitionIndex: number;
  committedOffset: number;
  /** -1 when unknown (before v6). */
  committedLeaderEpoch: number;
  /** v1 only; -1 = now. */
  commitTimestamp: number;
  committedMetadata: string | null;
}

export interface OffsetCommitRequest {
  groupId: string;
  /** -1 for simple consumers (no group management). */
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** v2–v4; -1 = broker default (offsets.retention.ms after the group becomes Empty). */
  retentionTimeMs: number;
  topics: { name: string; partitions: OffsetCommitPartition[] }[];
}

export interface PartitionErrors { name: string; partitions: { partitionIndex: number; errorName: ErrorName }[] }

export interface OffsetCommitResponse { topics: PartitionErrors[] }

export interface TxnOffsetCommitRequest {
  transactionalId: string;
  groupId: string;
  producerId: number;
  producerEpoch: number;
  /** KIP-447 (v3+); -1, '' and null before. */
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  topics: { name: string; partitions: Omit<OffsetCommitPartition, 'commitTimestamp'>[] }[];
}

export interface OffsetFetchGroupRequest {
  groupId: string;
  /** null = every partition the group has an offset for (v2+). */
  topics: { name: string; partitionIndexes: number[] }[] | null;
}

export interface OffsetFetchPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  metadata: string | null;
  errorName: ErrorName;
}

export interface OffsetFetchGroupResponse {
  groupId: string;
  errorName: ErrorName;
  topics: { name: string; partitions: OffsetFetchPartition[] }[];
}

export interface DescribedGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
}

export interface DescribedGroup {
  errorName: ErrorName;
  groupId: string;
  groupState: string;
  protocolType: string;
  /** The selected protocol; '' unless Stable (Kafka's GroupSummary). */
  protocolData: string;
  members: DescribedGroupMember[];
}

export interface ListedGroup { groupId: string; protocolType: string; groupState: string; groupType: string }

export interface OffsetDeleteRequest { groupId: string; topics: { name: string; partitions: { partitionIndex: number }[] }[] }

export interface OffsetDeleteResponse { errorName: ErrorName; topics: PartitionErrors[] }
