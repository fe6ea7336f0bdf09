// DescribeClientQuotas (key 48), versions 0-1: the quota configs of the entities matching the filter (KIP-546; ClientQuotaControlManager).
// CLUSTER_AUTHORIZATION_FAILED without DESCRIBE_CONFIGS on the cluster; INVALID_REQUEST for an unknown entity type or match type.
import { describeClientQuotas, type DescribeClientQuotasResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { requestAuthorizer } from './authorize';
import { code } from './common';

export const describeClientQuotasHandler = defineHandler(describeClientQuotas, {
  advertised: { min: 0, max: 1 },
  handle(request, context) {
    const failed = (errorName: string, errorMessage: string): DescribeClientQuotasResponse => ({ throttleTimeMs: 0, errorCode: code(errorName), errorMessage, entries: null });
    if (!requestAuthorizer(context, 'DescribeClientQuotas').cluster('DESCRIBE_CONFIGS')) return failed('CLUSTER_AUTHORIZATION_FAILED', 'Cluster authorization failed.');
    const security = context.services.security;
    if (!security) return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, entries: [] };
    const found = security.describeClientQuotas(request.components, request.strict);
    if (typeof found === 'string') return failed('INVALID_REQUEST', found);
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      entries: found.map((q) => ({
        entity: Object.entries(q.entity).map(([entityType, entityName]) => ({ entityType, entityName: entityName ?? null })),
        values: Object.entries(q.values).map(([key, value]) => ({ key, value })),
      })),
    };
  },
});
