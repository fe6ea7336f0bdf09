"""SASL conformance client: run by sasl-clients.test.ts. argv: library bootstrap protocol mechanism user password cafile topic.
Produces 20 records and consumes them back; prints one JSON object ({"produced", "consumed"} or {"error"})."""
import json
import sys

library, bootstrap, protocol, mechanism, user, password, cafile, topic = sys.argv[1:9]
out = {}
try:
    if library == "confluent":
        from confluent_kafka import Consumer, KafkaException, Producer
        conf = {"bootstrap.servers": bootstrap, "security.protocol": protocol, "sasl.mechanisms": mechanism,
                "sasl.username": user, "sasl.password": password}
        if cafile:
            conf["ssl.ca.location"] = cafile
        errors = []
        conf_p = dict(conf, **{"acks": "all", "error_cb": lambda e: errors.append(e)})
        producer = Producer(conf_p)
        delivered = []
        for i in range(20):
            producer.produce(topic, value=f"v{i}".encode(), callback=lambda err, msg: delivered.append(err))
        # An authentication failure is reported through error_cb at once; do not wait out the flush.
        for _ in range(200):
            if producer.flush(0.1) == 0 or errors:
                break
        if errors and not delivered:
            out["error"] = errors[0].name()
            out["message"] = errors[0].str()
        else:
            out["produced"] = sum(1 for e in delivered if e is None)
            consumer = Consumer(dict(conf, **{"group.id": "sasl-py", "auto.offset.reset": "earliest"}))
            consumer.subscribe([topic])
            values = []
            for _ in range(200):
                msg = consumer.poll(0.1)
                if msg is not None and msg.error() is None:
                    values.append(msg.value().decode())
                if len(values) == 20:
                    break
            consumer.close()
            out["consumed"] = len(values)
    else:
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition
        from kafka.errors import KafkaError
        conf = {"bootstrap_servers": bootstrap.split(","), "security_protocol": protocol, "sasl_mechanism": mechanism,
                "sasl_plain_username": user, "sasl_plain_password": password}
        if cafile:
            conf["ssl_cafile"] = cafile
        try:
            producer = KafkaProducer(acks="all", **conf)
            for i in range(20):
                producer.send(topic, value=f"v{i}".encode(), partition=0).get(timeout=20)
            producer.close()
            out["produced"] = 20
            consumer = KafkaConsumer(consumer_timeout_ms=3000, **conf)
            consumer.assign([TopicPartition(topic, 0)])
            consumer.seek_to_beginning()
            values = []
            for m in consumer:
                values.append(m.value.decode())
                if len(values) == 20:
                    break
            consumer.close()
            out["consumed"] = len(values)
        except KafkaError as e:
            out["error"] = type(e).__name__
            out["message"] = str(e)
except Exception as e:  # noqa: BLE001 - the test reads what failed
    out["error"] = type(e).__name__
    out["message"] = str(e)
print(json.dumps(out))
