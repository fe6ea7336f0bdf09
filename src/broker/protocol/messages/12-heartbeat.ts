/**
 * Heartbeat (key 12), versions 0-4; flexible from v4. Keeps a member's session alive; the answer
 * REBALANCE_IN_PROGRESS tells it to rejoin. Errors: UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
 * FENCED_INSTANCE_ID, NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE.
 */
import { api, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const heartbeat = api(12, 'Heartbeat',
  message('HeartbeatRequest', '0-4', '4+', [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
  ]),
  message('HeartbeatResponse', '0-4', '4+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
  ]),
);

export type HeartbeatRequest = DecodedRequest<typeof heartbeat>;
export type HeartbeatResponse = EncodableResponse<typeof heartbeat>;
