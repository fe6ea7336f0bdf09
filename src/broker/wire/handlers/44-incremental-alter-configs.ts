// IncrementalAlterConfigs (key 44), versions 0-1: SET (0), DELETE (1), APPEND (2), SUBTRACT (3) on single config entries (KIP-339).
// validateOnly supported; per resource INVALID_CONFIG, UNKNOWN_TOPIC_OR_PARTITION, INVALID_REQUEST (unknown operation or unserved resource type).
import { incrementalAlterConfigs } from '../../protocol';
import type { ConfigResourceRef, IncrementalOp } from '../../cluster/api';
import { deniedConfigResources, requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { alterConfigsResponse, isServedResource } from './33-alter-configs';
import { code } from './common';

const OPS: readonly IncrementalOp[] = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

export const incrementalAlterConfigsHandler = defineHandler(incrementalAlterConfigs, {
  advertised: { min: 0, max: 1 },
  handle(request, context) {
    const badOp = request.resources.find((r) => r.configs.some((c) => OPS[c.configOperation] === undefined));
    if (badOp) {
      return {
        throttleTimeMs: 0,
        responses: request.resources.map((r) => ({ errorCode: code('INVALID_REQUEST'), errorMessage: 'unknown config operation', resourceType: r.resourceType, resourceName: r.resourceName })),
      };
    }
    // Issue 16: ALTER_CONFIGS on the topic or the cluster (KafkaApis.handleIncrementalAlterConfigsRequest).
    const denied = deniedConfigResources(requestAuthorizer(context, 'IncrementalAlterConfigs'), 'ALTER_CONFIGS', request.resources);
    const served = request.resources.filter((r, index) => !denied.has(index) && isServedResource(r.resourceType));
    const results = context.services.cluster.incrementalAlterConfigs(
      context.brokerId,
      served.map((r) => ({
        resourceType: r.resourceType as ConfigResourceRef['resourceType'],
        resourceName: r.resourceName,
        configs: r.configs.map((c) => ({ name: c.name, op: OPS[c.configOperation]!, value: c.value })),
      })),
      request.validateOnly,
    );
    context.services.kick();
    return alterConfigsResponse(request.resources, results, denied);
  },
});
