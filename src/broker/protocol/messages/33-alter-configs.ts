/**
 * AlterConfigs (key 33), versions 0-2; flexible from v2. Replaces the whole dynamic config set of
 * each resource (configs not listed revert to their defaults); superseded by
 * IncrementalAlterConfigs but still used by kafkajs and kafka-python. Errors: INVALID_CONFIG,
 * INVALID_REQUEST, UNKNOWN_TOPIC_OR_PARTITION, POLICY_VIOLATION.
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const alterConfigs = api(33, 'AlterConfigs',
  message('AlterConfigsRequest', '0-2', '2+', [
    array('resources', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      array('configs', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ], '0+'),
    ], '0+'),
    field('validateOnly', 'bool', '0+'),
  ]),
  message('AlterConfigsResponse', '0-2', '2+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('responses', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
    ], '0+'),
  ]),
);

export type AlterConfigsRequest = DecodedRequest<typeof alterConfigs>;
export type AlterConfigsResponse = EncodableResponse<typeof alterConfigs>;
