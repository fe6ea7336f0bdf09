/**
 * Kafka's error codes: number, NAME, whether clients retry it, and one plain sentence for the UI.
 * Source: the protocol guide's "Error Codes" table and org.apache.kafka.common.protocol.Errors
 * (retriable = the Java exception is a RetriableException). Sentences are ours.
 */

export interface KafkaError {
  readonly code: number;
  readonly name: string;
  readonly retriable: boolean;
  readonly message: string;
}

const R = true;
const _ = false;

// [code, NAME, retriable, sentence]. Code 99 is unassigned in current Kafka.
const TABLE: readonly (readonly [number, string, boolean, string])[] = [
  [-1, 'UNKNOWN_SERVER_ERROR', _, 'The broker hit an unexpected error while handling the request.'],
  [0, 'NONE', _, 'No error.'],
  [1, 'OFFSET_OUT_OF_RANGE', _, 'The requested offset is outside the range the partition currently holds.'],
  [2, 'CORRUPT_MESSAGE', R, 'A record failed its CRC check, is too large or is otherwise corrupt.'],
  [3, 'UNKNOWN_TOPIC_OR_PARTITION', R, 'This broker does not host that topic or partition.'],
  [4, 'INVALID_FETCH_SIZE', _, 'The requested fetch size is invalid.'],
  [5, 'LEADER_NOT_AVAILABLE', R, 'The partition has no leader right now, usually during an election.'],
  [6, 'NOT_LEADER_OR_FOLLOWER', R, 'This broker is not the leader (or a follower) of the partition; refresh metadata.'],
  [7, 'REQUEST_TIMED_OUT', R, 'The request did not complete within its timeout.'],
  [8, 'BROKER_NOT_AVAILABLE', _, 'The broker is not available.'],
  [9, 'REPLICA_NOT_AVAILABLE', R, 'The replica is not available for this partition.'],
  [10, 'MESSAGE_TOO_LARGE', _, 'A record batch is larger than the broker or topic accepts.'],
  [11, 'STALE_CONTROLLER_EPOCH', _, 'The request came from an outdated controller.'],
  [12, 'OFFSET_METADATA_TOO_LARGE', _, 'The metadata string attached to a committed offset is too long.'],
  [13, 'NETWORK_EXCEPTION', R, 'The connection closed before a response arrived.'],
  [14, 'COORDINATOR_LOAD_IN_PROGRESS', R, 'The coordinator is still loading its state; try again shortly.'],
  [15, 'COORDINATOR_NOT_AVAILABLE', R, 'The group or transaction coordinator is not available.'],
  [16, 'NOT_COORDINATOR', R, 'This broker is not the coordinator for that group or transactional id.'],
  [17, 'INVALID_TOPIC_EXCEPTION', _, 'The topic name is invalid, or the operation is not allowed on it.'],
  [18, 'RECORD_LIST_TOO_LARGE', _, 'The batch is larger than the configured segment size.'],
  [19, 'NOT_ENOUGH_REPLICAS', R, 'Too few in-sync replicas to accept the write (min.insync.replicas).'],
  [20, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', R, 'The write was appended, but too few in-sync replicas remained to acknowledge it.'],
  [21, 'INVALID_REQUIRED_ACKS', _, 'The acks value is not one of -1, 0 or 1.'],
  [22, 'ILLEGAL_GENERATION', _, 'The group generation in the request is not the current one.'],
  [23, 'INCONSISTENT_GROUP_PROTOCOL', _, 'The member offers no protocol in common with the rest of the group.'],
  [24, 'INVALID_GROUP_ID', _, 'The group id is empty or invalid.'],
  [25, 'UNKNOWN_MEMBER_ID', _, 'The coordinator does not know this member id.'],
  [26, 'INVALID_SESSION_TIMEOUT', _, 'The session timeout is outside the range the broker allows.'],
  [27, 'REBALANCE_IN_PROGRESS', _, 'The group is rebalancing; the member must rejoin.'],
  [28, 'INVALID_COMMIT_OFFSET_SIZE', _, 'The offset commit data has an invalid size.'],
  [29, 'TOPIC_AUTHORIZATION_FAILED', _, 'Not authorized to access the topic.'],
  [30, 'GROUP_AUTHORIZATION_FAILED', _, 'Not authorized to access the group.'],
  [31, 'CLUSTER_AUTHORIZATION_FAILED', _, 'Not authorized for this cluster operation.'],
  [32, 'INVALID_TIMESTAMP', _, 'A record timestamp is outside the accepted range.'],
  [33, 'UNSUPPORTED_SASL_MECHANISM', _, 'The broker does not support that SASL mechanism.'],
  [34, 'ILLEGAL_SASL_STATE', _, 'The request is not valid in the current SASL state.'],
  [35, 'UNSUPPORTED_VERSION', _, 'The broker does not support this version of the API.'],
  [36, 'TOPIC_ALREADY_EXISTS', _, 'A topic with this name already exists.'],
  [37, 'INVALID_PARTITIONS', _, 'The partition count is invalid (below 1, or not an increase).'],
  [38, 'INVALID_REPLICATION_FACTOR', _, 'The replication factor is below 1 or above the number of brokers.'],
  [39, 'INVALID_REPLICA_ASSIGNMENT', _, 'The replica assignment is invalid.'],
  [40, 'INVALID_CONFIG', _, 'A configuration name or value is invalid.'],
  [41, 'NOT_CONTROLLER', R, 'This broker is not the active controller.'],
  [42, 'INVALID_REQUEST', _, 'The request is malformed or not valid for this broker.'],
  [43, 'UNSUPPORTED_FOR_MESSAGE_FORMAT', _, 'The topic message format does not support this request.'],
  [44, 'POLICY_VIOLATION', _, 'The request breaks a configured broker policy.'],
  [45, 'OUT_OF_ORDER_SEQUENCE_NUMBER', _, 'The producer sequence number skipped ahead; a batch is missing.'],
  [46, 'DUPLICATE_SEQUENCE_NUMBER', _, 'The producer sent a batch the broker already has.'],
  [47, 'INVALID_PRODUCER_EPOCH', _, 'The producer epoch is older than the current one for this producer id.'],
  [48, 'INVALID_TXN_STATE', _, 'The transactional operation is not valid in the current transaction state.'],
  [49, 'INVALID_PRODUCER_ID_MAPPING', _, 'The producer id is not assigned to this transactional id.'],
  [50, 'INVALID_TRANSACTION_TIMEOUT', _, 'The transaction timeout exceeds transaction.max.timeout.ms.'],
  [51, 'CONCURRENT_TRANSACTIONS', R, 'The previous transaction of this producer is still completing.'],
  [52, 'TRANSACTION_COORDINATOR_FENCED', _, 'A newer transaction coordinator has taken over.'],
  [53, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', _, 'Not authorized to use the transactional id.'],
  [54, 'SECURITY_DISABLED', _, 'Security features are disabled on this broker.'],
  [55, 'OPERATION_NOT_ATTEMPTED', _, 'The broker skipped this part because another part of the request failed.'],
  [56, 'KAFKA_STORAGE_ERROR', R, 'The broker could not read or write the log on disk.'],
  [57, 'LOG_DIR_NOT_FOUND', _, 'The log directory is not in the broker configuration.'],
  [58, 'SASL_AUTHENTICATION_FAILED', _, 'SASL authentication failed.'],
  [59, 'UNKNOWN_PRODUCER_ID', _, 'The broker has no state for this producer id (it may have expired).'],
  [60, 'REASSIGNMENT_IN_PROGRESS', _, 'A partition reassignment is already in progress.'],
  [61, 'DELEGATION_TOKEN_AUTH_DISABLED', _, 'Delegation tokens are not enabled.'],
  [62, 'DELEGATION_TOKEN_NOT_FOUND', _, 'The delegation token does not exist.'],
  [63, 'DELEGATION_TOKEN_OWNER_MISMATCH', _, 'The principal is not the owner or renewer of the token.'],
  [64, 'DELEGATION_TOKEN_REQUEST_NOT_ALLOWED', _, 'Delegation token requests need an authenticated connection.'],
  [65, 'DELEGATION_TOKEN_AUTHORIZATION_FAILED', _, 'Not authorized for the delegation token.'],
  [66, 'DELEGATION_TOKEN_EXPIRED', _, 'The delegation token has expired.'],
  [67, 'INVALID_PRINCIPAL_TYPE', _, 'The principal type is not supported.'],
  [68, 'NON_EMPTY_GROUP', _, 'The group still has members.'],
  [69, 'GROUP_ID_NOT_FOUND', _, 'The group does not exist.'],
  [70, 'FETCH_SESSION_ID_NOT_FOUND', R, 'The fetch session id is unknown to the broker.'],
  [71, 'INVALID_FETCH_SESSION_EPOCH', R, 'The fetch session epoch does not match.'],
  [72, 'LISTENER_NOT_FOUND', R, 'The leader has no listener matching the one this request came in on.'],
  [73, 'TOPIC_DELETION_DISABLED', _, 'Topic deletion is disabled (delete.topic.enable=false).'],
  [74, 'FENCED_LEADER_EPOCH', R, 'The leader epoch in the request is older than the broker\'s.'],
  [75, 'UNKNOWN_LEADER_EPOCH', R, 'The leader epoch in the request is newer than the broker\'s.'],
  [76, 'UNSUPPORTED_COMPRESSION_TYPE', _, 'The client does not support the topic\'s compression type.'],
  [77, 'STALE_BROKER_EPOCH', _, 'The broker epoch has changed.'],
  [78, 'OFFSET_NOT_AVAILABLE', R, 'The new leader\'s high watermark has not caught up yet.'],
  [79, 'MEMBER_ID_REQUIRED', _, 'The member must rejoin with the member id the coordinator just assigned.'],
  [80, 'PREFERRED_LEADER_NOT_AVAILABLE', R, 'The preferred leader is not available.'],
  [81, 'GROUP_MAX_SIZE_REACHED', _, 'The group already has group.max.size members.'],
  [82, 'FENCED_INSTANCE_ID', _, 'Another member with the same group.instance.id replaced this static member.'],
  [83, 'ELIGIBLE_LEADERS_NOT_AVAILABLE', R, 'No eligible replica can become leader.'],
  [84, 'ELECTION_NOT_NEEDED', R, 'The partition already has the leader the election would pick.'],
  [85, 'NO_REASSIGNMENT_IN_PROGRESS', _, 'No reassignment is in progress for the partition.'],
  [86, 'GROUP_SUBSCRIBED_TO_TOPIC', _, 'The group is still subscribed to the topic, so its offsets cannot be deleted.'],
  [87, 'INVALID_RECORD', _, 'A record failed the broker\'s validation.'],
  [88, 'UNSTABLE_OFFSET_COMMIT', R, 'Offsets of a pending transaction are not yet stable.'],
  [89, 'THROTTLING_QUOTA_EXCEEDED', R, 'The request exceeded a throttling quota.'],
  [90, 'PRODUCER_FENCED', _, 'A newer producer with the same transactional id has fenced this one.'],
  [91, 'RESOURCE_NOT_FOUND', _, 'The request refers to a resource that does not exist.'],
  [92, 'DUPLICATE_RESOURCE', _, 'The request names the same resource twice.'],
  [93, 'UNACCEPTABLE_CREDENTIAL', _, 'The credential does not meet the acceptance criteria.'],
  [94, 'INCONSISTENT_VOTER_SET', _, 'The sender or receiver is not in the current Raft voter set.'],
  [95, 'INVALID_UPDATE_VERSION', _, 'The feature update version is invalid.'],
  [96, 'FEATURE_UPDATE_FAILED', _, 'The finalized feature update failed on the broker.'],
  [97, 'PRINCIPAL_DESERIALIZATION_FAILURE', _, 'A forwarded request carried a principal the controller could not read.'],
  [98, 'SNAPSHOT_NOT_FOUND', _, 'The requested snapshot does not exist.'],
  [100, 'UNKNOWN_TOPIC_ID', R, 'This broker does not host a topic with that id.'],
  [101, 'DUPLICATE_BROKER_REGISTRATION', _, 'The broker id is already registered.'],
  [102, 'BROKER_ID_NOT_REGISTERED', _, 'The broker id is not registered.'],
  [103, 'INCONSISTENT_TOPIC_ID', R, 'The topic id in the request does not match the log\'s.'],
  [104, 'INCONSISTENT_CLUSTER_ID', _, 'The cluster id in the request does not match this cluster.'],
  [105, 'TRANSACTIONAL_ID_NOT_FOUND', _, 'The transactional id is unknown.'],
  [106, 'FETCH_SESSION_TOPIC_ID_ERROR', R, 'The fetch session mixed topic ids inconsistently.'],
  [107, 'INELIGIBLE_REPLICA', _, 'The proposed ISR contains a replica that may not join it.'],
  [108, 'NEW_LEADER_ELECTED', _, 'The ISR changed, but a new leader was elected meanwhile.'],
  [109, 'OFFSET_MOVED_TO_TIERED_STORAGE', _, 'The requested offset now lives only in tiered storage.'],
  [110, 'FENCED_MEMBER_EPOCH', _, 'The member epoch is fenced; the member must rejoin with epoch 0.'],
  [111, 'UNRELEASED_INSTANCE_ID', _, 'Another member still holds this group.instance.id.'],
  [112, 'UNSUPPORTED_ASSIGNOR', _, 'The group does not support the requested assignor.'],
  [113, 'STALE_MEMBER_EPOCH', _, 'The member epoch is stale; retry with the updated epoch.'],
  [114, 'MISMATCHED_ENDPOINT_TYPE', _, 'The request was sent to the wrong kind of endpoint.'],
  [115, 'UNSUPPORTED_ENDPOINT_TYPE', _, 'This endpoint type is not supported yet.'],
  [116, 'UNKNOWN_CONTROLLER_ID', _, 'The controller id is unknown.'],
  [117, 'UNKNOWN_SUBSCRIPTION_ID', _, 'The telemetry subscription id is unknown or outdated.'],
  [118, 'TELEMETRY_TOO_LARGE', _, 'The telemetry push is larger than the broker accepts.'],
  [119, 'INVALID_REGISTRATION', _, 'The controller rejected the broker registration.'],
  [120, 'TRANSACTION_ABORTABLE', _, 'The transaction hit an error; the producer can abort it and continue.'],
  [121, 'INVALID_RECORD_STATE', _, 'The record state does not allow that acknowledgement.'],
  [122, 'SHARE_SESSION_NOT_FOUND', R, 'The share session was not found.'],
  [123, 'INVALID_SHARE_SESSION_EPOCH', R, 'The share session epoch is invalid.'],
  [124, 'FENCED_STATE_EPOCH', _, 'The share-group state epoch is outdated.'],
  [125, 'INVALID_VOTER_KEY', _, 'The voter key does not match the receiving replica.'],
  [126, 'DUPLICATE_VOTER', _, 'The voter is already in the voter set.'],
  [127, 'VOTER_NOT_FOUND', _, 'The voter is not in the voter set.'],
  [128, 'INVALID_REGULAR_EXPRESSION', _, 'The regular expression is not valid.'],
];

/** Every known error, by code. */
export const ERRORS: ReadonlyMap<number, KafkaError> = new Map(
  TABLE.map(([code, name, retriable, message]) => [code, { code, name, retriable, message }]),
);

const BY_NAME: ReadonlyMap<string, KafkaError> = new Map([...ERRORS.values()].map((e) => [e.name, e]));

/** The code of a Kafka error NAME, e.g. errorCode('NOT_LEADER_OR_FOLLOWER') === 6. Throws on an unknown name. */
export function errorCode(name: string): number {
  const e = BY_NAME.get(name);
  if (e === undefined) throw new Error(`unknown Kafka error name ${name}`);
  return e.code;
}

/** The NAME of a code, e.g. errorName(6) === 'NOT_LEADER_OR_FOLLOWER'; unknown codes give "UNKNOWN_ERROR_<code>". */
export function errorName(code: number): string {
  return ERRORS.get(code)?.name ?? `UNKNOWN_ERROR_${code}`;
}

/** The full entry of a code, or undefined. */
export function errorInfo(code: number): KafkaError | undefined {
  return ERRORS.get(code);
}
