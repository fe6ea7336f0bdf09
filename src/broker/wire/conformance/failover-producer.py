"""librdkafka (confluent-kafka-python) producer for failover.test.ts.

argv: bootstrap topic total. Produces with acks=all and idempotence, paced, printing "acked N"
every 50 acknowledgements so the test can stop the leader mid-stream; ends with one JSON line.
"""
import json
import sys
import time

from confluent_kafka import Producer

bootstrap, topic, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
acked = []
errors = []


def on_delivery(err, msg):
    if err is not None:
        errors.append(str(err))
    else:
        acked.append(msg.value().decode())


producer = Producer({
    "bootstrap.servers": bootstrap,
    "acks": "all",
    "enable.idempotence": True,
    "linger.ms": 2,
    "message.timeout.ms": 30000,
    "topic.metadata.refresh.interval.ms": 1000,
})
sent = 0
reported = 0
deadline = time.time() + 60
while len(acked) < total and time.time() < deadline:
    if sent - len(acked) - len(errors) < 50:
        producer.produce(topic, value=f"m-{sent}", on_delivery=on_delivery)
        sent += 1
    producer.poll(0.002)
    if len(acked) // 50 > reported:
        reported = len(acked) // 50
        print(f"acked {len(acked)}", flush=True)
producer.flush(30)
print(json.dumps({"acked": acked, "errors": errors[:10], "errorCount": len(errors), "sent": sent}), flush=True)
