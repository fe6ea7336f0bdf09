/**
 * JoinGroup (key 11), versions 0-9; flexible from v6. Member metadata and the chosen protocol's
 * bytes pass through opaque (ConsumerProtocol is decoded only for display). v4+: the first join
 * without a member id gets MEMBER_ID_REQUIRED and an id (KIP-394); v5+ static membership via
 * groupInstanceId (KIP-345); v8 adds a reason (KIP-800); v9 skipAssignment (KIP-814).
 * Errors: INCONSISTENT_GROUP_PROTOCOL, UNKNOWN_MEMBER_ID, INVALID_SESSION_TIMEOUT,
 * REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID, GROUP_MAX_SIZE_REACHED, NOT_COORDINATOR.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const joinGroup = api(11, 'JoinGroup',
  message('JoinGroupRequest', '0-9', '6+', [
    field('groupId', 'string', '0+'),
    field('sessionTimeoutMs', 'int32', '0+'),
    field('rebalanceTimeoutMs', 'int32', '1+', { default: -1, ignorable: true }),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '5+', { nullable: '5+', default: null }),
    field('protocolType', 'string', '0+'),
    array('protocols', [
      field('name', 'string', '0+'),
      field('metadata', 'bytes', '0+'),
    ], '0+'),
    field('reason', 'string', '8+', { nullable: '8+', default: null, ignorable: true }),
  ]),
  message('JoinGroupResponse', '0-9', '6+', [
    field('throttleTimeMs', 'int32', '2+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('generationId', 'int32', '0+', { default: -1 }),
    field('protocolType', 'string', '7+', { nullable: '7+', default: null, ignorable: true }),
    field('protocolName', 'string', '0+', { nullable: '7+' }),
    field('leader', 'string', '0+'),
    field('skipAssignment', 'bool', '9+', { default: false }),
    field('memberId', 'string', '0+'),
    array('members', [
      field('memberId', 'string', '0+'),
      field('groupInstanceId', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
      field('metadata', 'bytes', '0+'),
    ], '0+'),
  ]),
);

export type JoinGroupRequest = DecodedRequest<typeof joinGroup>;
export type JoinGroupResponse = EncodableResponse<typeof joinGroup>;
