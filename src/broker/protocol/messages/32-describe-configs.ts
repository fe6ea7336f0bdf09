/**
 * DescribeConfigs (key 32), versions 0-4; flexible from v4. Resource types: 2 topic, 4 broker,
 * 8 broker logger (KIP-412). A null configurationKeys list means every config, each with its
 * value, source and default flag (v0) or configSource (v1+: 1 dynamic topic, 2 dynamic broker,
 * 3 dynamic default broker, 4 static broker, 5 default, 6 dynamic broker logger), plus synonyms
 * (v1+, KIP-226) and type and documentation (v3+, KIP-569).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';

export const describeConfigs = api(32, 'DescribeConfigs',
  message('DescribeConfigsRequest', '0-4', '4+', [
    array('resources', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      array('configurationKeys', 'string', '0+', { nullable: '0+' }),
    ], '0+'),
    field('includeSynonyms', 'bool', '1+', { default: false }),
    field('includeDocumentation', 'bool', '3+', { default: false }),
  ]),
  message('DescribeConfigsResponse', '0-4', '4+', [
    field('throttleTimeMs', 'int32', '0+'),
    array('results', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      array('configs', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
        field('readOnly', 'bool', '0+'),
        field('isDefault', 'bool', '0'),
        field('configSource', 'int8', '1+', { default: -1, ignorable: true }),
        field('isSensitive', 'bool', '0+'),
        array('synonyms', [
          field('name', 'string', '1+'),
          field('value', 'string', '1+', { nullable: '0+' }),
          field('source', 'int8', '1+'),
        ], '1+', { ignorable: true }),
        field('configType', 'int8', '3+', { default: 0, ignorable: true }),
        field('documentation', 'string', '3+', { nullable: '0+', ignorable: true }),
      ], '0+'),
    ], '0+'),
  ]),
);

export type DescribeConfigsRequest = DecodedRequest<typeof describeConfigs>;
export type DescribeConfigsResponse = EncodableResponse<typeof describeConfigs>;
export type DescribeConfigsResourceResult = DescribeConfigsResponse['results'][number]['configs'][number];
