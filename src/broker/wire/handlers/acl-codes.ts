/**
 * ACL filters and bindings between their wire codes (int8 ResourceType, PatternType, AclOperation,
 * AclPermissionType) and the model's names (src/broker/cluster/security/acl-types.ts), for
 * DescribeAcls, CreateAcls and DeleteAcls. An unknown code reads as UNKNOWN, which Kafka refuses
 * with INVALID_REQUEST.
 */
import {
  ACL_OPERATIONS, nameOfCode, PATTERN_TYPES, PERMISSION_TYPES, RESOURCE_TYPES,
  type AclBinding, type AclBindingFilter, type AclOperation, type PatternType, type PermissionType, type ResourceType,
} from '../../cluster/security/acl-types';
import type { DescribeAclsRequest } from '../../protocol';

/** An ACL binding filter as DescribeAcls carries it, and each of DeleteAcls' filters. */
export type WireFilter = DescribeAclsRequest;

export function filterFromWire(f: WireFilter): AclBindingFilter {
  return {
    resourceType: nameOfCode(RESOURCE_TYPES, f.resourceTypeFilter) ?? 'UNKNOWN',
    resourceName: f.resourceNameFilter,
    patternType: nameOfCode(PATTERN_TYPES, f.patternTypeFilter) ?? 'UNKNOWN',
    principal: f.principalFilter,
    host: f.hostFilter,
    operation: nameOfCode(ACL_OPERATIONS, f.operation) ?? 'UNKNOWN',
    permissionType: nameOfCode(PERMISSION_TYPES, f.permissionType) ?? 'UNKNOWN',
  };
}

/** A creation as the model takes it; names the codes as they are (validation refuses UNKNOWN/ANY). */
export function bindingFromWire(c: { resourceType: number; resourceName: string; resourcePatternType: number; principal: string; host: string; operation: number; permissionType: number }): AclBinding {
  return {
    resourceType: (nameOfCode(RESOURCE_TYPES, c.resourceType) ?? 'UNKNOWN') as ResourceType as AclBinding['resourceType'],
    resourceName: c.resourceName,
    patternType: (nameOfCode(PATTERN_TYPES, c.resourcePatternType) ?? 'UNKNOWN') as PatternType as AclBinding['patternType'],
    principal: c.principal,
    host: c.host,
    operation: (nameOfCode(ACL_OPERATIONS, c.operation) ?? 'UNKNOWN') as AclOperation as AclBinding['operation'],
    permissionType: (nameOfCode(PERMISSION_TYPES, c.permissionType) ?? 'UNKNOWN') as PermissionType as AclBinding['permissionType'],
  };
}

export function bindingCodes(b: AclBinding): { resourceType: number; resourceName: string; patternType: number; principal: string; host: string; operation: number; permissionType: number } {
  return {
    resourceType: RESOURCE_TYPES[b.resourceType],
    resourceName: b.resourceName,
    patternType: PATTERN_TYPES[b.patternType],
    principal: b.principal,
    host: b.host,
    operation: ACL_OPERATIONS[b.operation],
    permissionType: PERMISSION_TYPES[b.permissionType],
  };
}

/** Before v1 there are no pattern types: only LITERAL exists (a v0 PREFIXED binding cannot be described). */
export function visibleInVersion(b: AclBinding, apiVersion: number): boolean {
  return apiVersion >= 1 || b.patternType === 'LITERAL';
}
