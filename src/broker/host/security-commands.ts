/**
 * The Security view's commands (issue 16), applied by the host to the cluster's security model as
 * the lab's operator: create or delete one ACL, set or remove one client quota. Each goes through
 * the model's inputs (security-model.ts), so it is replayed and reaches the timeline.
 */
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { KafkaCluster } from '../cluster/api';
import type { AclBinding, AclBindingFilter } from '../cluster/security/acl-types';
import { attachSecurity } from '../cluster/security/security-model';

export type SecurityCommand = Extract<ClusterCommand, { type: 'create-acl' | 'delete-acl' | 'set-client-quota' }>;

export function isSecurityCommand(cmd: ClusterCommand): cmd is SecurityCommand {
  return cmd.type === 'create-acl' || cmd.type === 'delete-acl' || cmd.type === 'set-client-quota';
}

export function applySecurityCommand(cluster: KafkaCluster, cmd: SecurityCommand): CommandResult {
  const security = attachSecurity(cluster);
  switch (cmd.type) {
    case 'create-acl': {
      const [r] = security.createAcls([cmd.acl as AclBinding]);
      return r!.errorName === 'NONE' ? { ok: true, message: 'ACL created' } : { ok: false, errorName: r!.errorName, message: r!.errorMessage ?? r!.errorName };
    }
    case 'delete-acl': {
      const a = cmd.acl as AclBinding;
      const filter: AclBindingFilter = { resourceType: a.resourceType, resourceName: a.resourceName, patternType: a.patternType, principal: a.principal, host: a.host, operation: a.operation, permissionType: a.permissionType };
      const [r] = security.deleteAcls([filter]);
      if (r!.errorName !== 'NONE') return { ok: false, errorName: r!.errorName, message: r!.errorMessage ?? r!.errorName };
      return r!.deleted.length > 0 ? { ok: true, message: 'ACL deleted' } : { ok: false, errorName: 'RESOURCE_NOT_FOUND', message: 'No such ACL (already deleted?).' };
    }
    case 'set-client-quota': {
      const entity = Object.entries(cmd.entity).map(([entityType, entityName]) => ({ entityType, entityName: entityName ?? null }));
      const [error] = security.alterClientQuotas([{ entity, ops: [{ key: cmd.key, value: cmd.value ?? 0, remove: cmd.value === null }] }], false);
      return error === null || error === undefined ? { ok: true, message: cmd.value === null ? 'quota removed' : 'quota set' } : { ok: false, errorName: 'INVALID_REQUEST', message: error };
    }
  }
}
