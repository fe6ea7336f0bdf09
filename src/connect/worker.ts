/**
 * A Kafka Connect worker in distributed-mode storage, a plain client of any Kafka cluster (kafkajs):
 * it creates and replays `connect-configs`, `connect-offsets` and `connect-status`, runs the
 * connectors stored there and serves Connect's REST API (default 127.0.0.1:8083).
 *
 *   const worker = await ConnectWorker.start({ bootstrapServers: ['127.0.0.1:9092'] });
 *   worker.url  // http://127.0.0.1:8083
 *   await worker.close();  // stops the tasks (their last offsets committed) and the REST server
 *
 * One worker per `group.id` here: Kafka spreads connectors and tasks over a group of workers with
 * its Connect rebalance protocol, which this worker does not speak.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import { DEFAULT_CONNECT_PORT } from './cli-flag';
import { Herder } from './herder';
import { ConnectRestError } from './rest/errors';
import { createRestServer } from './rest/server';
import { KafkaLogs } from './storage/kafka-log';
import { CONFIG_TOPIC, OFFSET_TOPIC, STATUS_TOPIC } from './storage/keys';


export type ConnectWorkerOptions = {
  bootstrapServers: string[];
  /** REST port (rest.port / listeners); default 8083, 0 = ephemeral. */
  restPort?: number;
  /** REST bind address; default 127.0.0.1. */
  restHost?: string;
  /** Kafka's group.id of the worker cluster; default "connect-cluster". */
  groupId?: string;
  log?: (level: 'info' | 'warn', message: string) => void;
};

export class ConnectWorker {
  private constructor(
    private readonly server: Server,
    private readonly logs: KafkaLogs,
    private readonly herder: Herder,
    private readonly admin: Admin,
    private readonly producer: Producer,
    readonly url: string,
  ) {}

  static async start(options: ConnectWorkerOptions): Promise<ConnectWorker> {
    const log = options.log ?? (() => undefined);
    const restHost = options.restHost ?? '127.0.0.1';
    const groupId = options.groupId ?? 'connect-cluster';
    const kafka = new Kafka({ clientId: `${groupId}-worker`, brokers: options.bootstrapServers, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
    let clusterId = '';
    const herderRef: { herder?: Herder } = {};
    // The REST server listens first: its address is the worker id (Kafka: the advertised REST URL's host:port).
    const server = createRestServer({
      herder: () => {
        if (!herderRef.herder) throw new ConnectRestError(503, 'The Connect worker is still starting: it is reading its internal topics');
        return herderRef.herder;
      },
      clusterId: () => clusterId,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.restPort ?? DEFAULT_CONNECT_PORT, restHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const workerId = `${restHost}:${port}`;
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    try {
      await admin.connect();
      await producer.connect();
      clusterId = (await admin.describeCluster()).clusterId;
      const herder = new Herder(kafka, workerId, log);
      const logs = new KafkaLogs(kafka, admin, producer, [CONFIG_TOPIC, OFFSET_TOPIC, STATUS_TOPIC], `${groupId}-${workerId}-storage`, herder.onRecord);
      await logs.start();
      await herder.startReplayed(logs);
      herderRef.herder = herder;
      log('info', `Connect worker ${workerId} (group.id ${groupId}) running ${herder.listConnectors().length} connector(s)`);
      return new ConnectWorker(server, logs, herder, admin, producer, `http://${restHost.includes(':') ? `[${restHost}]` : restHost}:${port}`);
    } catch (err) {
      server.close();
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /** Stops the tasks (each commits its last offsets), the REST server and the clients. */
  async close(): Promise<void> {
    this.server.close();
    this.server.closeAllConnections();
    await this.herder.stopAll();
    await this.logs.stop();
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
