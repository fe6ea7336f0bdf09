// ListGroups (key 16), versions 0-5: the groups THIS broker coordinates (clients ask every broker and merge), with protocol type ("consumer", or "" for offsets-only groups).
// v4+ filter by and report state (KIP-518); v5+ filter by and report type, always "classic" here (KIP-848 groups are not served).
import { listGroups } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

export const listGroupsHandler = defineHandler(listGroups, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const v = context.apiVersion;
    const c = coordinators(context);
    if (c === null) return { throttleTimeMs: 0, errorCode: code(NO_COORDINATOR), groups: [] };
    const r = c.groups.listGroups(context.brokerId, v >= 4 ? request.statesFilter : [], v >= 5 ? request.typesFilter : []);
    // Issue 16: DESCRIBE on the cluster lists every group, else only the groups the principal may DESCRIBE (KafkaApis.handleListGroupsRequest).
    const authz = requestAuthorizer(context, 'ListGroups');
    const everything = authz.cluster('DESCRIBE', false);
    return {
      throttleTimeMs: 0,
      errorCode: code(r.errorName),
      groups: r.groups.filter((g) => everything || authz.allowed('DESCRIBE', 'GROUP', g.groupId, false)).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.groupState, groupType: g.groupType })),
    };
  },
});
