// AlterConfigs (key 33), versions 0-2: replaces a topic's (or broker's dynamic) config set; entries not listed return to their defaults, as in Kafka.
// validateOnly supported; per resource INVALID_CONFIG, UNKNOWN_TOPIC_OR_PARTITION, INVALID_REQUEST (unserved resource type).
import { alterConfigs, type AlterConfigsResponse } from '../../protocol';
import type { AlterConfigsResult, ConfigResourceRef } from '../../cluster/api';
import { RESOURCE_BROKER, RESOURCE_TOPIC } from '../../cluster/api';
import { AUTHORIZATION_ERROR_MESSAGES, deniedConfigResources, requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';

/** Merges model results back into request order, answering unserved resource types INVALID_REQUEST. */
export function alterConfigsResponse(resources: { resourceType: number; resourceName: string }[], results: AlterConfigsResult[], denied: ReadonlyMap<number, string> = new Map()): AlterConfigsResponse {
  let i = 0;
  return {
    throttleTimeMs: 0,
    responses: resources.map((resource, index) => {
      const deniedError = denied.get(index);
      if (deniedError !== undefined) return { errorCode: code(deniedError), errorMessage: AUTHORIZATION_ERROR_MESSAGES[deniedError] ?? null, resourceType: resource.resourceType, resourceName: resource.resourceName };
      if (!isServedResource(resource.resourceType)) {
        return { errorCode: code('INVALID_REQUEST'), errorMessage: `resource type ${resource.resourceType} is not served`, resourceType: resource.resourceType, resourceName: resource.resourceName };
      }
      const r = results[i++]!;
      return { errorCode: code(r.errorName), errorMessage: r.errorMessage, resourceType: resource.resourceType, resourceName: resource.resourceName };
    }),
  };
}

export function isServedResource(resourceType: number): resourceType is ConfigResourceRef['resourceType'] {
  return resourceType === RESOURCE_TOPIC || resourceType === RESOURCE_BROKER;
}

export const alterConfigsHandler = defineHandler(alterConfigs, {
  advertised: { min: 0, max: 2 },
  handle(request, context) {
    // Issue 16: ALTER_CONFIGS on the topic or the cluster (KafkaApis.handleAlterConfigsRequest).
    const denied = deniedConfigResources(requestAuthorizer(context, 'AlterConfigs'), 'ALTER_CONFIGS', request.resources);
    const served = request.resources.filter((r, index) => !denied.has(index) && isServedResource(r.resourceType));
    const results = context.services.cluster.alterConfigs(
      context.brokerId,
      served.map((r) => ({
        resourceType: r.resourceType as ConfigResourceRef['resourceType'],
        resourceName: r.resourceName,
        configs: Object.fromEntries(r.configs.map((c) => [c.name, c.value])),
      })),
      request.validateOnly,
    );
    context.services.kick();
    return alterConfigsResponse(request.resources, results, denied);
  },
});
