// AlterClientQuotas (key 49), versions 0-1: sets or removes quota keys per entity (user, client-id, or the default of each), or only validates (KIP-546).
// CLUSTER_AUTHORIZATION_FAILED without ALTER_CONFIGS on the cluster; INVALID_REQUEST for an unknown key, entity type or a value ≤ 0.
import { alterClientQuotas, type AlterClientQuotasResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { requestAuthorizer } from './authorize';
import { code } from './common';

export const alterClientQuotasHandler = defineHandler(alterClientQuotas, {
  advertised: { min: 0, max: 1 },
  handle(request, context) {
    const each = (errorName: string, message: (i: number) => string | null): AlterClientQuotasResponse => ({
      throttleTimeMs: 0,
      entries: request.entries.map((e, i) => ({ errorCode: code(errorName), errorMessage: message(i), entity: e.entity })),
    });
    // ControllerApis.handleAlterClientQuotas: authorizeClusterOperation(ALTER_CONFIGS), its message in every entry.
    const authz = requestAuthorizer(context, 'AlterClientQuotas');
    if (!authz.cluster('ALTER_CONFIGS')) return each('CLUSTER_AUTHORIZATION_FAILED', () => authz.clusterDeniedMessage());
    const security = context.services.security;
    if (!security) return each('UNKNOWN_SERVER_ERROR', () => 'client quotas are not available on this host');
    const results = security.alterClientQuotas(request.entries, request.validateOnly);
    return {
      throttleTimeMs: 0,
      entries: request.entries.map((e, i) => ({ errorCode: results[i] === null ? 0 : code('INVALID_REQUEST'), errorMessage: results[i] ?? null, entity: e.entity })),
    };
  },
});
