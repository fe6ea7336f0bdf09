/**
 * LeaveGroup (key 13), versions 0-5; flexible from v4. Up to v2 one memberId; v3+ a batch of
 * members, by member id or group instance id (KIP-345), each answered; v5 adds a reason
 * (KIP-800). Errors: UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID, NOT_COORDINATOR.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const leaveGroup = api(13, 'LeaveGroup',
  message('LeaveGroupRequest', '0-5', '4+', [
    field('groupId', 'string', '0+'),
    field('memberId', 'string', '0-2'),
    array('members', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
      field('reason', 'string', '5+', { nullable: '5+', default: null, ignorable: true }),
    ], '3+'),
  ]),
  message('LeaveGroupResponse', '0-5', '4+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0+'),
    array('members', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+' }),
      field('errorCode', 'int16', '3+'),
    ], '3+'),
  ]),
);

export type LeaveGroupRequest = DecodedRequest<typeof leaveGroup>;
export type LeaveGroupResponse = EncodableResponse<typeof leaveGroup>;
