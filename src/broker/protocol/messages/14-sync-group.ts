/**
 * SyncGroup (key 14), versions 0-5; flexible from v4. The leader sends every member's assignment;
 * each member receives its own bytes, passed through opaque. v3+ static membership; v5 echoes
 * protocol type and name (KIP-559). Errors: UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
 * REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID, INCONSISTENT_GROUP_PROTOCOL.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const syncGroup = api(14, 'SyncGroup',
  message('SyncGroupRequest', '0-5', '4+', [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    field('protocolType', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    field('protocolName', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    array('assignments', [
      field('memberId', 'string', '0+'),
      field('assignment', 'bytes', '0+'),
    ], '0+'),
  ]),
  message('SyncGroupResponse', '0-5', '4+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    field('protocolType', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    field('protocolName', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    field('assignment', 'bytes', '0+'),
  ]),
);

export type SyncGroupRequest = DecodedRequest<typeof syncGroup>;
export type SyncGroupResponse = EncodableResponse<typeof syncGroup>;
