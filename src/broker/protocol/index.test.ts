import { describe, expect, it } from 'vitest';
import {
  encodeResponseChunks,
  API_NAMES, ProtocolDecodeError, apiSchemas, decodeRequestBody, decodeRequestHeader, decodeResponse,
  encodeApiVersionsFallback, encodeRequest, encodeResponse, errorCode, errorName, requestHeaderVersion,
  responseHeaderVersion,
} from './index';
import { flexibleFrom } from './api-keys';

const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

describe('hand-derived encodings', () => {
  it('ApiVersions v3 request with client software name and version (KIP-511, header v2)', () => {
    const bytes = encodeRequest(18, 3, 1, 'rdkafka', { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' });
    const payload = [
      0, 18, 0, 3, 0, 0, 0, 1, // api key, version, correlation id
      0, 7, ...ascii('rdkafka'), // client_id: int16 length even in header v2
      0, // header tagged fields
      11, ...ascii('librdkafka'), // compact string: length + 1
      6, ...ascii('2.3.0'),
      0, // body tagged fields
    ];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);

    const frame = bytes.subarray(4);
    const { header, bodyOffset } = decodeRequestHeader(frame);
    expect(header).toEqual({ apiKey: 18, apiVersion: 3, correlationId: 1, clientId: 'rdkafka', headerVersion: 2 });
    expect(bodyOffset).toBe(18);
    expect(decodeRequestBody(18, 3, frame, bodyOffset)).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.3.0' });
  });

  it('Metadata v1 request for one topic and for all topics (header v1, int32 arrays)', () => {
    const one = [0, 3, 0, 1, 0, 0, 0, 7, 0, 1, 0x63, 0, 0, 0, 1, 0, 4, ...ascii('test')];
    expect([...encodeRequest(3, 1, 7, 'c', { topics: [{ name: 'test' }] })]).toEqual([0, 0, 0, one.length, ...one]);
    const all = [0, 3, 0, 1, 0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    const bytes = encodeRequest(3, 1, 7, null, { topics: null });
    expect([...bytes]).toEqual([0, 0, 0, all.length, ...all]);
    const { header, bodyOffset } = decodeRequestHeader(bytes.subarray(4));
    expect(header.clientId).toBeNull();
    expect(decodeRequestBody(3, 1, bytes.subarray(4), bodyOffset)).toEqual({
      topics: null, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
  });

  it('Produce v9 request (flexible: header v2, compact strings/arrays/bytes, tag bytes per struct)', () => {
    const records = Buffer.from([1, 2, 3]);
    const bytes = encodeRequest(0, 9, 2, 'p', { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 0, records }] }] });
    const payload = [
      0, 0, 0, 9, 0, 0, 0, 2, 0, 1, 0x70, 0, // header v2
      0, // transactionalId: compact null
      0xff, 0xff, 0, 0, 0x03, 0xe8, // acks -1, timeoutMs 1000
      2, 2, 0x74, // topicData: 1 element; name "t"
      2, 0, 0, 0, 0, 4, 1, 2, 3, 0, // partitionData: 1 element; index 0; records (3 bytes); tags
      0, 0, // topic tags, body tags
    ];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);
  });

  it('Fetch v12 response with a tagged currentLeader (KIP-951) and an empty, non-null record set', () => {
    const bytes = encodeResponse(1, 12, 3, {
      throttleTimeMs: 0, errorCode: 0, sessionId: 0,
      responses: [{ topic: 't', partitions: [{
        partitionIndex: 0, errorCode: 6, highWatermark: 5, lastStableOffset: 5, logStartOffset: 0,
        abortedTransactions: null, currentLeader: { leaderId: 2, leaderEpoch: 7 }, records: Buffer.alloc(0),
      }] }],
    });
    const i64 = (n: number) => [0, 0, 0, 0, 0, 0, 0, n];
    const payload = [
      0, 0, 0, 3, 0, // correlation id, header v1 tags
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // throttleTimeMs, errorCode, sessionId
      2, 2, 0x74, // responses: 1; topic "t"
      2, 0, 0, 0, 0, 0, 6, ...i64(5), ...i64(5), ...i64(0), // partitions: 1; index, NOT_LEADER_OR_FOLLOWER, hw, lso, lso
      0, // abortedTransactions: null
      0xff, 0xff, 0xff, 0xff, // preferredReadReplica -1
      1, // records: empty (length 0 + 1)
      1, 1, 9, 0, 0, 0, 2, 0, 0, 0, 7, 0, // 1 tagged field: tag 1, size 9: leaderId, leaderEpoch, struct tags
      0, 0, // topic tags, body tags
    ];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);
    expect(decodeResponse(1, 12, bytes.subarray(4)).body.responses[0].partitions[0].currentLeader).toEqual({ leaderId: 2, leaderEpoch: 7 });
  });

  it('Metadata v12 request by topic id (uuid, compact nullable name)', () => {
    const id = 'AAECAwQFBgcICQoLDA0ODw';
    const bytes = encodeRequest(3, 12, 1, null, { topics: [{ topicId: id, name: null }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: true });
    const payload = [
      0, 3, 0, 12, 0, 0, 0, 1, 0xff, 0xff, 0, // header v2, null client id
      2, ...Array.from({ length: 16 }, (_, i) => i), 0, 0, // topics: 1; uuid; name null; tags
      0, 1, 0, // allowAutoTopicCreation false, includeTopicAuthorizedOperations true, body tags
    ];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);
  });

  it('ApiVersions v3 response: header v0 (no tag byte), compact apiKeys array', () => {
    const bytes = encodeResponse(18, 3, 5, { errorCode: 0, apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 12 }], throttleTimeMs: 0 });
    const payload = [0, 0, 0, 5, 0, 0, 2, 0, 3, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);
    expect(decodeResponse(18, 3, bytes.subarray(4))).toMatchObject({ correlationId: 5, body: { apiKeys: [{ apiKey: 3, maxVersion: 12 }] } });
  });

  it('the ApiVersions fallback is the v0 body with UNSUPPORTED_VERSION', () => {
    const bytes = encodeApiVersionsFallback(9, 35, [{ apiKey: 18, minVersion: 0, maxVersion: 3 }]);
    const payload = [0, 0, 0, 9, 0, 35, 0, 0, 0, 1, 0, 18, 0, 0, 0, 3];
    expect([...bytes]).toEqual([0, 0, 0, payload.length, ...payload]);
  });

  it('a flexible response header carries a tag byte (Metadata v9)', () => {
    const bytes = encodeResponse(3, 9, 0x01020304, { brokers: [], topics: [] });
    // corr, header tags, throttle, brokers [] (1), clusterId null (0), controllerId -1, topics [] (1),
    // clusterAuthorizedOperations (v8-10) INT32_MIN, body tags
    expect([...bytes.subarray(4)]).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 1, 0x80, 0, 0, 0, 0]);
  });
});

describe('schema coverage', () => {
  // [apiKey, min, max] that issues 3 and 4 ask the broker to serve.
  const REQUIRED: [number, number, number][] = [
    [18, 0, 3], [3, 0, 12], [0, 0, 11], [1, 4, 16], [2, 0, 8], [22, 0, 5], [23, 0, 4], [19, 0, 7], [20, 0, 6],
    [37, 0, 3], [21, 0, 2], [32, 0, 4], [33, 0, 2], [44, 0, 1], [60, 0, 1], [35, 0, 4], [43, 0, 2], [45, 0, 0],
    [46, 0, 0], [10, 0, 5], [11, 0, 9], [14, 0, 5], [12, 0, 4], [13, 0, 5], [8, 0, 9], [9, 0, 9], [16, 0, 5],
    [15, 0, 5], [42, 0, 2], [47, 0, 0], [24, 0, 3], [25, 0, 3], [26, 0, 3], [28, 0, 3], [65, 0, 0], [66, 0, 0],
    [61, 0, 0],
  ];
  it.each(REQUIRED)('API %i covers versions %i-%i', (key, min, max) => {
    const s = apiSchemas.get(key)!;
    expect(s, API_NAMES.get(key)).toBeDefined();
    for (const m of [s.request, s.response]) {
      expect(m.validVersions.min).toBeLessThanOrEqual(min);
      expect(m.validVersions.max).toBeGreaterThanOrEqual(max);
    }
  });

  it('no KIP-890 transaction versions are modelled', () => {
    expect(apiSchemas.get(24)!.request.validVersions.max).toBe(3);
    expect(apiSchemas.get(26)!.request.validVersions.max).toBe(3);
  });
});

describe('headers', () => {
  it('header versions follow flexible versions; ApiVersions responses are always v0', () => {
    expect(requestHeaderVersion(3, 8)).toBe(1);
    expect(requestHeaderVersion(3, 9)).toBe(2);
    expect(responseHeaderVersion(3, 9)).toBe(1);
    expect(responseHeaderVersion(18, 3)).toBe(0);
    expect(requestHeaderVersion(18, 3)).toBe(2);
    expect(requestHeaderVersion(18, 7)).toBe(2);
    expect(requestHeaderVersion(7, 0)).toBe(0);
    expect(requestHeaderVersion(17, 1)).toBe(1);
    expect(requestHeaderVersion(999, 0)).toBe(1);
  });

  it('the header flexible table agrees with every schema', () => {
    for (const s of apiSchemas.values()) {
      expect(flexibleFrom(s.apiKey), s.name).toBe(s.request.flexibleVersions?.min ?? -1);
      expect(s.response.flexibleVersions).toEqual(s.request.flexibleVersions);
      expect(API_NAMES.get(s.apiKey)).toBe(s.name);
    }
  });

  it('skips tagged fields in a v2 header', () => {
    const frame = Buffer.from([0, 3, 0, 12, 0, 0, 0, 1, 0xff, 0xff, 1, 5, 2, 0xaa, 0xbb, 0x42]);
    const { header, bodyOffset } = decodeRequestHeader(frame);
    expect(header).toMatchObject({ apiKey: 3, apiVersion: 12, clientId: null, headerVersion: 2 });
    expect(frame[bodyOffset]).toBe(0x42);
  });

  it('truncated headers throw ProtocolDecodeError', () => {
    const full = encodeRequest(3, 9, 1, 'client', { topics: [] }).subarray(4);
    for (let n = 0; n < 17; n++) expect(() => decodeRequestHeader(full.subarray(0, n))).toThrow(ProtocolDecodeError);
  });
});

describe('chunked response encoding', () => {
  it('references large record sets instead of copying them, and concatenates to encodeResponse', () => {
    const big = Buffer.alloc(4096, 0xab);
    const small = Buffer.alloc(10, 0xcd);
    const body = {
      responses: [{ topic: 't', partitions: [
        { partitionIndex: 0, highWatermark: 1, records: big },
        { partitionIndex: 1, highWatermark: 1, records: small },
        { partitionIndex: 2, highWatermark: 1, records: big },
      ] }],
    };
    const chunks = encodeResponseChunks(1, 11, 3, body);
    expect(chunks.filter((c) => c.buffer === big.buffer)).toHaveLength(2);
    const joined = Buffer.concat(chunks);
    expect(joined).toEqual(encodeResponse(1, 11, 3, body));
    expect(joined.readInt32BE(0)).toBe(joined.length - 4);
    const decoded = decodeResponse(1, 11, joined.subarray(4));
    expect(decoded.body.responses[0].partitions.map((p: { records: Buffer }) => p.records.length)).toEqual([4096, 10, 4096]);
  });

  it('a response without large records is one chunk', () => {
    expect(encodeResponseChunks(18, 0, 1, { errorCode: 0, apiKeys: [] })).toHaveLength(1);
  });
});

describe('body errors', () => {
  it('unknown APIs and versions are typed errors', () => {
    const frame = Buffer.alloc(8);
    expect(() => decodeRequestBody(999, 0, frame, 0)).toThrow(expect.objectContaining({ reason: 'unknown-api' }));
    expect(() => decodeRequestBody(18, 4, frame, 0)).toThrow(expect.objectContaining({ reason: 'unsupported-version' }));
  });

  it('trailing bytes after a body are tolerated', () => {
    const bytes = encodeRequest(3, 1, 1, 'c', { topics: [] });
    const frame = Buffer.concat([bytes.subarray(4), Buffer.from([1, 2, 3])]);
    const { bodyOffset } = decodeRequestHeader(frame);
    expect(decodeRequestBody(3, 1, frame, bodyOffset).topics).toEqual([]);
  });
});

describe('error codes', () => {
  it('maps names and codes both ways', () => {
    expect(errorCode('NOT_LEADER_OR_FOLLOWER')).toBe(6);
    expect(errorName(6)).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(errorName(35)).toBe('UNSUPPORTED_VERSION');
    expect(errorName(100)).toBe('UNKNOWN_TOPIC_ID');
    expect(errorName(-1)).toBe('UNKNOWN_SERVER_ERROR');
    expect(errorName(4242)).toBe('UNKNOWN_ERROR_4242');
    expect(() => errorCode('NO_SUCH_ERROR')).toThrow();
  });
});
