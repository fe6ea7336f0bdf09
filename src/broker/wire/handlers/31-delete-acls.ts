// DeleteAcls (key 31), versions 0-3: removes the ACLs matching each filter and answers them, one result per filter (AclControlManager.deleteAcls).
// SECURITY_DISABLED without an authorizer; CLUSTER_AUTHORIZATION_FAILED without ALTER on the cluster; INVALID_REQUEST for an UNKNOWN in a filter.
import { deleteAcls, type DeleteAclsResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { bindingCodes, filterFromWire } from './acl-codes';
import { requestAuthorizer } from './authorize';
import { code } from './common';

export const deleteAclsHandler = defineHandler(deleteAcls, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const authz = requestAuthorizer(context, 'DeleteAcls');
    const all = (errorName: string, errorMessage: string): DeleteAclsResponse => ({ throttleTimeMs: 0, filterResults: request.filters.map(() => ({ errorCode: code(errorName), errorMessage, matchingAcls: [] })) });
    if (!authz.enabled) return all('SECURITY_DISABLED', 'No Authorizer is configured.');
    if (!authz.cluster('ALTER')) return all('CLUSTER_AUTHORIZATION_FAILED', authz.clusterDeniedMessage());
    const results = context.services.security!.deleteAcls(request.filters.map(filterFromWire));
    return {
      throttleTimeMs: 0,
      filterResults: results.map((r) => ({
        errorCode: code(r.errorName),
        errorMessage: r.errorMessage,
        matchingAcls: r.deleted.map((b) => ({ errorCode: 0, errorMessage: null, ...bindingCodes(b) })),
      })),
    };
  },
});
