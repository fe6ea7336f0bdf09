/**
 * IncrementalAlterConfigs (key 44), versions 0-1; flexible from v1 (KIP-339). Each config carries
 * an operation: 0 SET, 1 DELETE (revert to default), 2 APPEND, 3 SUBTRACT (list-valued configs).
 * Errors: INVALID_CONFIG, INVALID_REQUEST, UNKNOWN_TOPIC_OR_PARTITION, POLICY_VIOLATION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const CONFIG_OPERATION = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export const incrementalAlterConfigs = api(44, 'IncrementalAlterConfigs',
  message('IncrementalAlterConfigsRequest', '0-1', '1+', [
    array('resources', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      array('configs', [
        field('name', 'string', '0+'),
        field('configOperation', 'int8', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
    field('validateOnly', 'bool', '0+'),
  ]),
  message('IncrementalAlterConfigsResponse', '0-1', '1+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('responses', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
    ], '0+'),
  ]),
);

export type IncrementalAlterConfigsRequest = DecodedRequest<typeof incrementalAlterConfigs>;
export type IncrementalAlterConfigsResponse = EncodableResponse<typeof incrementalAlterConfigs>;
