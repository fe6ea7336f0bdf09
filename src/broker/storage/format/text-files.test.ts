import { describe, expect, it } from 'vitest';
import { CheckpointFormatError, decodeLeaderEpochCheckpoint, decodeOffsetCheckpoint, encodeLeaderEpochCheckpoint, encodeOffsetCheckpoint } from './checkpoint-file';
import { baseOffsetOfFile, parsePartitionDirName, segmentFileName } from './file-names';
import { decodeMetaProperties, encodeMetaProperties } from './meta-properties';
import { decodePartitionMetadata, encodePartitionMetadata } from './partition-metadata';

describe('checkpoint files (Kafka CheckpointFile)', () => {
  it('reads an offset checkpoint as Kafka writes it', () => {
    const kafkaText = '0\n3\norders 0 42\norders 1 7\n__consumer_offsets 12 0\n';
    expect(decodeOffsetCheckpoint(kafkaText)).toEqual([
      { topic: 'orders', partition: 0, offset: 42 },
      { topic: 'orders', partition: 1, offset: 7 },
      { topic: '__consumer_offsets', partition: 12, offset: 0 },
    ]);
  });

  it('writes version, count and sorted entries', () => {
    expect(encodeOffsetCheckpoint([{ topic: 'b', partition: 1, offset: 5 }, { topic: 'a', partition: 2, offset: 9 }, { topic: 'b', partition: 0, offset: 3 }])).toBe('0\n3\na 2 9\nb 0 3\nb 1 5\n');
    expect(encodeOffsetCheckpoint([])).toBe('0\n0\n');
  });

  it('reads and writes the leader-epoch-checkpoint', () => {
    expect(encodeLeaderEpochCheckpoint([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 120 }])).toBe('0\n2\n0 0\n3 120\n');
    expect(decodeLeaderEpochCheckpoint('0\n2\n0 0\n3 120\n')).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 120 }]);
  });

  it('refuses a wrong version, a wrong count and malformed lines', () => {
    expect(() => decodeOffsetCheckpoint('1\n0\n')).toThrow(CheckpointFormatError);
    expect(() => decodeOffsetCheckpoint('0\n2\na 0 1\n')).toThrow(/says 2 entries/);
    expect(() => decodeOffsetCheckpoint('0\n1\na x 1\n')).toThrow(/malformed line 3/);
    expect(() => decodeLeaderEpochCheckpoint('0\n1\n1 2 3\n')).toThrow(/malformed line 3/);
    expect(() => decodeOffsetCheckpoint('')).toThrow(CheckpointFormatError);
  });
});

describe('partition.metadata (Kafka PartitionMetadataFile)', () => {
  it('round-trips Kafka text', () => {
    const text = 'version: 0\ntopic_id: 3q2-7wAAAAAAAAAAAAAAAQ\n';
    expect(decodePartitionMetadata(text)).toEqual({ topicId: '3q2-7wAAAAAAAAAAAAAAAQ' });
    expect(encodePartitionMetadata('3q2-7wAAAAAAAAAAAAAAAQ')).toBe(text);
  });
  it('refuses a bad version or topic id', () => {
    expect(() => decodePartitionMetadata('version: 1\ntopic_id: 3q2-7wAAAAAAAAAAAAAAAQ\n')).toThrow(/version/);
    expect(() => decodePartitionMetadata('version: 0\ntopic_id: nope\n')).toThrow();
  });
});

describe('meta.properties (Kafka MetaProperties)', () => {
  it('reads a file as a KRaft broker writes it', () => {
    const kafkaText = '#\n#Mon Dec 07 10:00:00 UTC 2026\nnode.id=2\ndirectory.id=AAAAAAAAAAAAAAAAAAAAAQ\nversion=1\ncluster.id=MkU3OEVBNTcwNTJENDM2Qk\n';
    expect(decodeMetaProperties(kafkaText)).toEqual({ version: 1, clusterId: 'MkU3OEVBNTcwNTJENDM2Qk', nodeId: 2, directoryId: 'AAAAAAAAAAAAAAAAAAAAAQ' });
  });
  it('round-trips and refuses a file without cluster.id', () => {
    const m = { version: 1, clusterId: 'lab', nodeId: 1, directoryId: null };
    expect(decodeMetaProperties(encodeMetaProperties(m))).toEqual(m);
    expect(() => decodeMetaProperties('version=1\nnode.id=1\n')).toThrow(/cluster.id/);
  });
});

describe('file names (Kafka LogFileUtils)', () => {
  it('pads base offsets to 20 digits and parses them back', () => {
    expect(segmentFileName(42, '.log')).toBe('00000000000000000042.log');
    expect(baseOffsetOfFile('00000000000000000042.timeindex', '.timeindex')).toBe(42);
    expect(baseOffsetOfFile('42.log', '.log')).toBeNull();
  });
  it('splits partition directories at the last dash', () => {
    expect(parsePartitionDirName('my-topic-3')).toEqual({ topic: 'my-topic', partition: 3 });
    expect(parsePartitionDirName('meta.properties')).toBeNull();
  });
});
