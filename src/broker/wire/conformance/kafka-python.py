"""kafka-python conformance client: run by kafka-python.test.ts. argv: bootstrap. Prints one JSON object."""
import json
import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic

bootstrap = sys.argv[1].split(",")
out = {}

admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="conformance-kafka-python")
admin.create_topics([NewTopic("py-kp", num_partitions=2, replication_factor=3)])
described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "py-kp")])
entries = described[0].resources[0][4]
out["configNames"] = sorted(e[0] for e in entries)

producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5, retries=5)
futures = [producer.send("py-kp", key=f"k{i}".encode(), value=f"v{i}".encode(), partition=i % 2) for i in range(500)]
producer.flush(30)
results = [f.get(timeout=30) for f in futures]
out["produced"] = len(results)
producer.close()

consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=5000)
tp = TopicPartition("py-kp", 0)
consumer.assign([tp])
consumer.seek(tp, 100)
values = []
for msg in consumer:
    values.append(msg.value.decode())
    if len(values) == 150:
        break
out["firstAfterSeek"] = values[0] if values else None
out["readAfterSeek"] = len(values)
consumer.seek_to_beginning(tp)
out["positionAtBeginning"] = consumer.position(tp)
consumer.seek_to_end(tp)
out["positionAtEnd"] = consumer.position(tp)
consumer.close()

admin.delete_topics(["py-kp"])
out["topicsAfterDelete"] = sorted(t for t in admin.list_topics() if t.startswith("py-"))
admin.close()
print(json.dumps(out))
