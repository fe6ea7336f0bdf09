// DescribeConfigs (key 32), versions 0-4: every topic or broker config with its value, default, source (v1+), synonyms (v1+), type and documentation (v3+).
// Resource types: 2 topic, 4 broker (name = broker id, '' = cluster default); others get INVALID_REQUEST. Sensitive values are null.
import { describeConfigs } from '../../protocol';
import type { ConfigResourceRef } from '../../cluster/api';
import { RESOURCE_BROKER, RESOURCE_TOPIC } from '../../cluster/api';
import { AUTHORIZATION_ERROR_MESSAGES, deniedConfigResources, requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { describeEntry } from './config-entries';

export const describeConfigsHandler = defineHandler(describeConfigs, {
  advertised: { min: 0, max: 4 },
  handle(request, context) {
    // Issue 16: DESCRIBE_CONFIGS on the topic or the cluster (KafkaApis.handleDescribeConfigsRequest).
    const denied = deniedConfigResources(requestAuthorizer(context, 'DescribeConfigs'), 'DESCRIBE_CONFIGS', request.resources);
    const supported = request.resources.filter((r, index) => !denied.has(index) && (r.resourceType === RESOURCE_TOPIC || r.resourceType === RESOURCE_BROKER));
    const results = context.services.cluster.describeConfigs(
      context.brokerId,
      supported.map((r) => ({ resourceType: r.resourceType as ConfigResourceRef['resourceType'], resourceName: r.resourceName, configNames: r.configurationKeys })),
    );
    let i = 0;
    return {
      throttleTimeMs: 0,
      results: request.resources.map((resource, index) => {
        const deniedError = denied.get(index);
        if (deniedError !== undefined) return { errorCode: code(deniedError), errorMessage: AUTHORIZATION_ERROR_MESSAGES[deniedError] ?? null, resourceType: resource.resourceType, resourceName: resource.resourceName, configs: [] };
        if (resource.resourceType !== RESOURCE_TOPIC && resource.resourceType !== RESOURCE_BROKER) {
          return { errorCode: code('INVALID_REQUEST'), errorMessage: `resource type ${resource.resourceType} is not served`, resourceType: resource.resourceType, resourceName: resource.resourceName, configs: [] };
        }
        const r = results[i++]!;
        return {
          errorCode: code(r.errorName),
          errorMessage: r.errorMessage,
          resourceType: resource.resourceType,
          resourceName: resource.resourceName,
          configs: r.configs.map((c) => describeEntry(c, resource.resourceType === RESOURCE_TOPIC, request.includeSynonyms, request.includeDocumentation)),
        };
      }),
    };
  },
});
