// DescribeAcls (key 29), versions 0-3: the ACLs matching one filter, grouped by resource pattern (KafkaApis.handleDescribeAcls, AclApis).
// SECURITY_DISABLED without an authorizer; CLUSTER_AUTHORIZATION_FAILED without DESCRIBE on the cluster; INVALID_REQUEST for an UNKNOWN in the filter.
import { describeAcls, type DescribeAclsResponse } from '../../protocol';
import { invalidFilterReason } from '../../cluster/security/acl-types';
import { defineHandler } from '../handler';
import { bindingCodes, filterFromWire, visibleInVersion } from './acl-codes';
import { requestAuthorizer } from './authorize';
import { code } from './common';

export const describeAclsHandler = defineHandler(describeAcls, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const failed = (errorName: string, errorMessage: string): DescribeAclsResponse => ({ throttleTimeMs: 0, errorCode: code(errorName), errorMessage, resources: [] });
    const authz = requestAuthorizer(context, 'DescribeAcls');
    if (!authz.enabled) return failed('SECURITY_DISABLED', 'No Authorizer is configured.');
    if (!authz.cluster('DESCRIBE')) return failed('CLUSTER_AUTHORIZATION_FAILED', authz.clusterDeniedMessage());
    const filter = filterFromWire(request);
    const invalid = invalidFilterReason(filter);
    if (invalid !== null) return failed('INVALID_REQUEST', invalid);
    const resources = new Map<string, DescribeAclsResponse['resources'][number]>();
    for (const b of context.services.security!.describeAcls(filter)) {
      if (!visibleInVersion(b, context.apiVersion)) continue;
      const c = bindingCodes(b);
      const key = JSON.stringify([c.resourceType, c.resourceName, c.patternType]);
      let entry = resources.get(key);
      if (!entry) resources.set(key, (entry = { resourceType: c.resourceType, resourceName: c.resourceName, patternType: c.patternType, acls: [] }));
      entry.acls.push({ principal: c.principal, host: c.host, operation: c.operation, permissionType: c.permissionType });
    }
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, resources: [...resources.values()] };
  },
});
