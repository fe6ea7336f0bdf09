"""Authorization with real principals (SASL_PLAINTEXT + SCRAM-SHA-256), run step by step by
authz-principals.test.ts. argv: step bootstrap user password [args...]. Prints one JSON object.
Steps (confluent-kafka-python unless noted):
  produce TOPIC N             produce N records, report delivered and error names
  consume-group TOPIC GROUP   subscribe in GROUP until 3 records or an authorization error
  transaction TXID            init_transactions with transactional.id TXID
  acl-create JSON             kafka-python create_acls of [[principal, operation, resourceType, name], ...]
  acl-describe PRINCIPAL      kafka-python describe_acls of every ACL of PRINCIPAL
  acl-delete PRINCIPAL        kafka-python delete_acls of every ACL of PRINCIPAL
  cluster-ops                 kafka-python describe_acls and create_acls (need DESCRIBE / ALTER on the cluster)"""
import json
import sys
import time

step, bootstrap, user, password = sys.argv[1:5]
args = sys.argv[5:]
out = {}


def confluent_conf(**extra):
    conf = {"bootstrap.servers": bootstrap, "security.protocol": "SASL_PLAINTEXT", "sasl.mechanisms": "SCRAM-SHA-256",
            "sasl.username": user, "sasl.password": password}
    conf.update(extra)
    return conf


def admin():
    from kafka.admin import KafkaAdminClient
    return KafkaAdminClient(bootstrap_servers=bootstrap, security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-256",
                            sasl_plain_username=user, sasl_plain_password=password, request_timeout_ms=20000)


def acl_text(acl):
    p = acl.resource_pattern
    return "%s %s %s %s %s %s" % (acl.principal, acl.operation.name, acl.permission_type.name, p.resource_type.name, p.resource_name, p.pattern_type.name)


def principal_filter(principal):
    from kafka.admin import ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePatternFilter, ResourceType
    return ACLFilter(principal=principal, host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                     resource_pattern=ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY))


if step == "produce":
    from confluent_kafka import Producer
    errors, delivered = [], []
    producer = Producer(confluent_conf(**{"acks": "all", "error_cb": lambda e: errors.append(e.name())}))
    for i in range(int(args[1])):
        producer.produce(args[0], value=f"v{i}".encode(), partition=0, callback=lambda err, msg: delivered.append(err))
    producer.flush(30)
    out = {"delivered": sum(1 for e in delivered if e is None), "errors": sorted(set(errors + [e.name() for e in delivered if e is not None]))}
elif step == "consume-group":
    from confluent_kafka import Consumer
    errors, values = [], []
    consumer = Consumer(confluent_conf(**{"group.id": args[1], "auto.offset.reset": "earliest", "enable.auto.commit": False,
                                          "error_cb": lambda e: errors.append(e.name())}))
    consumer.subscribe([args[0]])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(values) < 3:
        msg = consumer.poll(0.1)
        if msg is None:
            continue
        if msg.error() is not None:
            errors.append(msg.error().name())
            if "AUTHORIZATION_FAILED" in msg.error().name():
                break
        else:
            values.append(msg.value().decode())
    consumer.close()
    out = {"values": values, "errors": sorted(set(errors))}
elif step == "transaction":
    from confluent_kafka import KafkaException, Producer
    producer = Producer(confluent_conf(**{"transactional.id": args[0]}))
    try:
        producer.init_transactions(20)
        out = {"error": None}
    except KafkaException as e:
        out = {"error": e.args[0].name(), "message": e.args[0].str()}
elif step == "acl-create":
    from kafka.admin import ACL, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern, ResourceType
    acls = [ACL(p, "*", ACLOperation[op], ACLPermissionType.ALLOW, ResourcePattern(ResourceType[rt], name, ACLResourcePatternType.LITERAL))
            for p, op, rt, name in json.loads(args[0])]
    created = admin().create_acls(acls)
    out = {"created": len(created["succeeded"]), "failed": [str(f) for f in created["failed"]]}
elif step == "acl-describe":
    acls, error = admin().describe_acls(principal_filter(args[0]))
    out = {"error": error.__name__, "acls": sorted(acl_text(a) for a in acls)}
elif step == "acl-delete":
    deleted = admin().delete_acls([principal_filter(args[0])])
    out = {"deleted": sorted(acl_text(acl) for (_f, matches, _e) in deleted for (acl, _err) in matches),
           "errors": [e.__name__ for (_f, _m, e) in deleted]}
elif step == "cluster-ops":
    from kafka.admin import ACL, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern, ResourceType
    from kafka.errors import KafkaError
    client = admin()
    try:
        _acls, error = client.describe_acls(principal_filter(None))
        out["describe"] = error.__name__
    except KafkaError as e:
        out["describe"] = type(e).__name__
        out["describeMessage"] = str(e)
    try:
        created = client.create_acls([ACL("User:bob", "*", ACLOperation.ALL, ACLPermissionType.ALLOW,
                                          ResourcePattern(ResourceType.TOPIC, "orders", ACLResourcePatternType.LITERAL))])
        out["create"] = [e.__name__ for (_acl, e) in created["failed"]] or ["succeeded"]
    except KafkaError as e:
        out["create"] = [type(e).__name__]
print(json.dumps(out))
