/**
 * FindCoordinator (key 10), versions 0-5; flexible from v3. keyType (v1+): 0 group, 1 transaction.
 * Up to v3 one `key` and one answer; v4+ a batch of `coordinatorKeys` and a `coordinators` array
 * (KIP-699). Errors: COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS, INVALID_REQUEST.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const COORDINATOR_KEY_TYPE = { GROUP: 0, TRANSACTION: 1 } as const;

export const findCoordinator = api(10, 'FindCoordinator',
  message('FindCoordinatorRequest', '0-5', '3+', [
    field('key', 'string', '0-3'),
    field('keyType', 'int8', '1+', { default: 0 }),
    array('coordinatorKeys', 'string', '4+'),
  ]),
  message('FindCoordinatorResponse', '0-5', '3+', [
    field('throttleTimeMs', 'int32', '1+', { ignorable: true }),
    field('errorCode', 'int16', '0-3'),
    field('errorMessage', 'string', '1-3', { nullable: '1-3', ignorable: true }),
    field('nodeId', 'int32', '0-3'),
    field('host', 'string', '0-3'),
    field('port', 'int32', '0-3'),
    array('coordinators', [
      field('key', 'string', '4+'),
      field('nodeId', 'int32', '4+'),
      field('host', 'string', '4+'),
      field('port', 'int32', '4+'),
      field('errorCode', 'int16', '4+'),
      field('errorMessage', 'string', '4+', { nullable: '4+', ignorable: true }),
    ], '4+'),
  ]),
);

export type FindCoordinatorRequest = DecodedRequest<typeof findCoordinator>;
export type FindCoordinatorResponse = EncodableResponse<typeof findCoordinator>;
