# kafka-python's KafkaAdminClient against an authorizing broker: create_acls, describe_acls,
# delete_acls (DescribeAcls/CreateAcls/DeleteAcls v1). Prints one JSON object.
# Usage: acls-kafka-python.py <bootstrap> <mode: roundtrip | describe>
import json
import sys

from kafka.errors import KafkaError
from kafka.admin import (ACL, ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType,
                         KafkaAdminClient, ResourcePattern, ResourcePatternFilter, ResourceType)

bootstrap, mode = sys.argv[1], sys.argv[2]
admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id='acl-admin', request_timeout_ms=20000)


def text(acl):
    p = acl.resource_pattern
    return '%s %s %s %s %s %s %s' % (acl.principal, acl.host, acl.operation.name, acl.permission_type.name,
                                     p.resource_type.name, p.resource_name, p.pattern_type.name)


every_topic_acl = ACLFilter(principal=None, host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                            resource_pattern=ResourcePatternFilter(ResourceType.TOPIC, None, ACLResourcePatternType.ANY))

if mode == 'describe':
    try:
        acls, error = admin.describe_acls(every_topic_acl)
        print(json.dumps({'error': error.__name__, 'acls': sorted(text(a) for a in acls)}))
    except KafkaError as e:
        print(json.dumps({'error': type(e).__name__, 'acls': []}))
    sys.exit(0)

created = admin.create_acls([
    ACL('User:alice', '*', ACLOperation.READ, ACLPermissionType.ALLOW, ResourcePattern(ResourceType.TOPIC, 'orders', ACLResourcePatternType.LITERAL)),
    ACL('User:bob', '10.0.0.7', ACLOperation.WRITE, ACLPermissionType.DENY, ResourcePattern(ResourceType.TOPIC, 'pay', ACLResourcePatternType.PREFIXED)),
])
described, describe_error = admin.describe_acls(every_topic_acl)
only_alice, _ = admin.describe_acls(ACLFilter(principal='User:alice', host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                                              resource_pattern=ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY)))
deleted = admin.delete_acls([ACLFilter(principal='User:bob', host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                                       resource_pattern=ResourcePatternFilter(ResourceType.TOPIC, None, ACLResourcePatternType.ANY))])
after, _ = admin.describe_acls(every_topic_acl)
print(json.dumps({
    'created': len(created['succeeded']),
    'createFailed': [str(f) for f in created['failed']],
    'described': sorted(text(a) for a in described),
    'describeError': describe_error.__name__,
    'onlyAlice': sorted(text(a) for a in only_alice),
    'deleted': sorted(text(acl) for (_f, matches, _e) in deleted for (acl, _err) in matches),
    'after': sorted(text(a) for a in after),
}))
