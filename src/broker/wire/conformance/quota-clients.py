"""Client quota conformance client (confluent-kafka-python / librdkafka), run by request-quotas.test.ts
and client-quotas.test.ts. argv: mode bootstrap client_id topic seconds.
- produce: produces 5 records, one at a time, reporting every throttle_cb (librdkafka reports the
  throttle time of each broker response that carries one).
- consume: consumes the topic's partition 0 from the beginning for `seconds`, with 110 KB fetches (about a second of a 100 KB/s quota),
  reporting every throttle_cb and each message's arrival (ms since start, bytes).
Prints one JSON object."""
import json
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition

mode, bootstrap, client_id, topic, seconds = sys.argv[1:6]
throttles = []


def on_throttle(event):
    throttles.append({"broker": event.broker_id, "ms": int(event.throttle_time * 1000)})


out = {}
if mode == "produce":
    producer = Producer({"bootstrap.servers": bootstrap, "client.id": client_id, "acks": "all", "throttle_cb": on_throttle})
    errors = []
    for i in range(5):
        producer.produce(topic, value=f"r{i}".encode(), partition=0, callback=lambda err, msg: errors.append(err))
        producer.flush(30)
    producer.poll(0)
    out = {"delivered": sum(1 for e in errors if e is None), "errors": [str(e) for e in errors if e is not None], "throttles": throttles}
else:
    consumer = Consumer({"bootstrap.servers": bootstrap, "client.id": client_id, "group.id": client_id, "enable.auto.commit": False,
                         "fetch.max.bytes": 110000, "max.partition.fetch.bytes": 110000, "message.max.bytes": 110000, "throttle_cb": on_throttle})
    consumer.assign([TopicPartition(topic, 0, 0)])
    started = time.monotonic()
    arrivals = []
    while time.monotonic() - started < float(seconds):
        msg = consumer.poll(0.05)
        if msg is not None and msg.error() is None:
            arrivals.append([int((time.monotonic() - started) * 1000), len(msg.value())])
    consumer.close()
    out = {"arrivals": arrivals, "throttles": throttles}
print(json.dumps(out))
