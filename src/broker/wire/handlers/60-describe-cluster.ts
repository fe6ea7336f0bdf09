// DescribeCluster (key 60), versions 0-1: cluster id, active controller and brokers as this broker knows them (KIP-700).
// endpointType (v1) 1 = brokers is served; 2 = controllers gets UNSUPPORTED_ENDPOINT_TYPE, as on a Kafka broker.
import { describeCluster } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code, onListener } from './common';

export const describeClusterHandler = defineHandler(describeCluster, {
  advertised: { min: 0, max: 1 },
  handle(request, context) {
    const endpointType = context.apiVersion >= 1 ? request.endpointType : 1;
    const result = context.services.cluster.describeCluster(context.brokerId);
    // Issue 16: no ACL is needed (AuthHelper.computeDescribeClusterResponse); KIP-430 operations when
    // asked: 0 without DESCRIBE on the cluster.
    const authz = requestAuthorizer(context, 'DescribeCluster');
    if (endpointType !== 1) {
      return { throttleTimeMs: 0, errorCode: code('UNSUPPORTED_ENDPOINT_TYPE'), errorMessage: 'only broker endpoints are served', endpointType, clusterId: result.clusterId, controllerId: -1, brokers: [], clusterAuthorizedOperations: -2147483648 };
    }
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      endpointType,
      clusterId: result.clusterId,
      controllerId: result.controllerId,
      brokers: result.brokers.map((b) => onListener(context, b)).map((b) => ({ brokerId: b.brokerId, host: b.host, port: b.port, rack: b.rack })),
      clusterAuthorizedOperations: authz.clusterAuthorizedOperations(request.includeClusterAuthorizedOperations),
    };
  },
});
