/**
 * The ACL and client quota APIs (issue 16), registered by ./index.ts: DescribeAcls, CreateAcls,
 * DeleteAcls (answering SECURITY_DISABLED without an authorizer, as Kafka does) and
 * DescribeClientQuotas, AlterClientQuotas (KIP-546).
 */
import { describeAclsHandler } from './29-describe-acls';
import { createAclsHandler } from './30-create-acls';
import { deleteAclsHandler } from './31-delete-acls';
import { describeClientQuotasHandler } from './48-describe-client-quotas';
import { alterClientQuotasHandler } from './49-alter-client-quotas';

export const ACL_AND_QUOTA_HANDLERS = [
  describeAclsHandler,
  createAclsHandler,
  deleteAclsHandler,
  describeClientQuotasHandler,
  alterClientQuotasHandler,
];
