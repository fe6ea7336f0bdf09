/**
 * The connector plugins this worker has (GET /connector-plugins). Like Kafka's Plugins, a connector
 * is found by its full class name, its simple name or the simple name without "Connector"
 * (FileStreamSource, FileStreamSourceConnector, org.apache.kafka.connect.file.FileStreamSourceConnector).
 */
import type { ConnectorPlugin } from './types';
import { fileStreamSink } from './file-sink';
import { fileStreamSource } from './file-source';

export const PLUGINS: ConnectorPlugin[] = [fileStreamSink, fileStreamSource];

export function findPlugin(name: string): ConnectorPlugin | undefined {
  return PLUGINS.find((p) => {
    const simple = p.className.slice(p.className.lastIndexOf('.') + 1);
    return name === p.className || name === simple || name === simple.replace(/Connector$/, '');
  });
}
