/**
 * DescribeCluster (key 60), versions 0-1; always flexible (KIP-700). Brokers, cluster id and
 * controller id without topic metadata; endpointType (v1, KIP-919) is 1 for brokers, 2 for
 * controllers (MISMATCHED_ENDPOINT_TYPE otherwise).
 */
import { api, array, field, message } from '../schema';
import type { DecodedRequest, EncodableResponse } from '../typed';
import { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';

export const describeCluster = api(60, 'DescribeCluster',
  message('DescribeClusterRequest', '0-1', '0+', [
    field('includeClusterAuthorizedOperations', 'bool', '0+'),
    field('endpointType', 'int8', '1+', { default: 1 }),
  ]),
  message('DescribeClusterResponse', '0-1', '0+', [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
    field('endpointType', 'int8', '1+', { default: 1 }),
    field('clusterId', 'string', '0+'),
    field('controllerId', 'int32', '0+', { default: -1 }),
    array('brokers', [
      field('brokerId', 'int32', '0+'),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '0+', { nullable: '0+', default: null }),
    ], '0+'),
    field('clusterAuthorizedOperations', 'int32', '0+', { default: AUTHORIZED_OPERATIONS_OMITTED }),
  ]),
);

export type DescribeClusterRequest = DecodedRequest<typeof describeCluster>;
export type DescribeClusterResponse = EncodableResponse<typeof describeCluster>;
