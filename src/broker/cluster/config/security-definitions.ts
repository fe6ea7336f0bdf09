/**
 * Broker configs of authorization and client quotas (issue 16), with Kafka's names and defaults:
 * the authorizer (ServerConfigs.AUTHORIZER_CLASS_NAME_CONFIG; StandardAuthorizer's `super.users`
 * and `allow.everyone.if.no.acl.found`) and the quota windows of ClientQuotaManager
 * (QuotaConfig: `quota.window.num` samples of `quota.window.size.seconds`). All are static in Kafka
 * (read at start, not in DynamicBrokerConfig.AllDynamicConfigs), so they are set with `--config`
 * and altering them is refused. The model reads them in security/security-model.ts, the wire side's
 * quota manager in src/broker/wire/client-quotas.
 */
import type { ConfigDef } from './definitions';

export const SECURITY_BROKER_CONFIGS: ConfigDef[] = [
  { name: 'authorizer.class.name', type: 'string', defaultValue: '', staticOnly: true, documentation: 'The authorizer: org.apache.kafka.metadata.authorizer.StandardAuthorizer checks every request against the ACLs; empty (the default) allows everything and the ACL APIs answer SECURITY_DISABLED.' },
  { name: 'super.users', type: 'string', defaultValue: '', staticOnly: true, documentation: 'Principals allowed everything whatever the ACLs say, separated by semicolons: User:admin;User:kafka-lab.' },
  { name: 'allow.everyone.if.no.acl.found', type: 'boolean', defaultValue: 'false', staticOnly: true, documentation: 'With the authorizer on: allow a request on a resource that no ACL names at all (false: deny it).' },
  { name: 'quota.window.num', type: 'int', defaultValue: '11', min: 1, staticOnly: true, documentation: 'Samples kept to measure a client\'s rate against its quota.' },
  { name: 'quota.window.size.seconds', type: 'int', defaultValue: '1', min: 1, staticOnly: true, documentation: 'Length of one quota sample, in seconds.' },
];
