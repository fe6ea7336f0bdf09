// CreateAcls (key 30), versions 0-3: adds ACLs to the cluster metadata, one result per creation in order; an existing binding is left as it is (AclControlManager).
// SECURITY_DISABLED without an authorizer; CLUSTER_AUTHORIZATION_FAILED without ALTER on the cluster; INVALID_REQUEST for an invalid binding.
import { createAcls, type CreateAclsResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { bindingFromWire } from './acl-codes';
import { requestAuthorizer } from './authorize';
import { code } from './common';

export const createAclsHandler = defineHandler(createAcls, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const authz = requestAuthorizer(context, 'CreateAcls');
    const all = (errorName: string, errorMessage: string): CreateAclsResponse => ({ throttleTimeMs: 0, results: request.creations.map(() => ({ errorCode: code(errorName), errorMessage })) });
    if (!authz.enabled) return all('SECURITY_DISABLED', 'No Authorizer is configured.');
    if (!authz.cluster('ALTER')) return all('CLUSTER_AUTHORIZATION_FAILED', authz.clusterDeniedMessage());
    const results = context.services.security!.createAcls(request.creations.map(bindingFromWire));
    return { throttleTimeMs: 0, results: results.map((r) => ({ errorCode: code(r.errorName), errorMessage: r.errorMessage })) };
  },
});
