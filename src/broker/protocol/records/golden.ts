// Golden batch bytes written by others, not by our encoder.
//
// ONE_RECORD_BATCH: a one-record uncompressed batch (null key, value "This is the first message.",
// producerId 1, partitionLeaderEpoch -1, timestamp 0x189AF784072 = 2023-07-28) with its CRC-32C
// 0xE23FC974, published as a test fixture in a Rust Kafka codec found through code search (the
// search index did not name the repository). Our CRC, header and record readers must agree with it.
export const ONE_RECORD_BATCH = Buffer.from(
  '0000000000000000' + '00000052' + 'ffffffff' + '02' + 'e23fc974' + '0000' + '00000000' +
  '00000189af784072' + '00000189af784072' + '0000000000000001' + '0000' + '00000000' + '00000001' +
  '40' + '00' + '00' + '00' + '01' + '34' + Buffer.from('This is the first message.').toString('hex') + '00',
  'hex',
);

// LIBRDKAFKA_BATCHES: the `records` field of Produce v7 requests sent by kcat 1.7.1 (librdkafka
// 2.0.2) to a throwaway capturing responder, one per codec, captured 2026-11-21 with
//   printf 'k1:<fox text>\nk2:<fox text again>\n:value with a null key\nk3:\n' |
//     kcat -P -t t -p 0 -K: -Z -X compression.codec=<codec> -H trace=abc -H empty= -X linger.ms=50
// Four records: keys k1, k2, null (-Z) and k3 with a null value (a tombstone), each with headers
// trace=abc and empty="". librdkafka writes raw snappy, LZ4 frames and partitionLeaderEpoch 0.
export const LIBRDKAFKA_BATCHES = {
  none: Buffer.from(
    '00000000000000000000014d0000000002704bbbab000000000003000001a1fd4fa577000001a1fd4fa577ffffffffff' +
    'ffffffffffffffffff00000004e401000000046b31b00174686520717569636b2062726f776e20666f78206a756d7073' +
    '206f76657220746865206c617a7920646f672c2074686520717569636b2062726f776e20666f78206a756d7073206f76' +
    '657220746865206c617a7920646f67040a7472616365066162630a656d70747900be01000002046b328a017468652071' +
    '7569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f6720616761696e20616e64' +
    '20616761696e20616e6420616761696e040a7472616365066162630a656d7074790058000004012a76616c7565207769' +
    '74682061206e756c6c206b6579040a7472616365066162630a656d7074790032000006046b3301040a74726163650661' +
    '62630a656d70747900',
    'hex',
  ),
  gzip: Buffer.from(
    '0000000000000000000000cb00000000029008fd8a000100000003000001a1fd4fa7b2000001a1fd4fa7b2ffffffffff' +
    'ffffffffffffffffff000000041f8b0800000000000003958f410e823014055bd3b0e0146f6ddc889771fb29156a4b8b' +
    'a505f1089ec613781a0f226eed8add4b6692c9fb70c69830c7178f9dc22d696950073f3b5cfc1dd7d40f23fca4027ed8' +
    'd26341e3db0336c8a28c81a42aa896a5ea87b8b0f7dadc09533db734412d690772cdffca03e7f512df4f6493c2ac6307' +
    '824bd6c2a825972bc60a614e3c275fe9f02ec11c010000',
    'hex',
  ),
  snappy: Buffer.from(
    '0000000000000000000000ca0000000002f8f5a3e5000200000003000001a1fd4fa9e5000001a1fd4fa9e5ffffffffff' +
    'ffffffffffffffffff000000049c02a0e401000000046b31b00174686520717569636b2062726f776e20666f78206a75' +
    '6d7073206f76657220011f246c617a7920646f672c20010e9a2d0068040a7472616365066162630a656d70747900be01' +
    '000002046b328aae74002420616761696e20616e643e0a004661006858000004012a76616c756520776974682061206e' +
    '756c6c206b6579462d001c32000006046b3301461a00',
    'hex',
  ),
  lz4: Buffer.from(
    '0000000000000000000000dd0000000002a92a25b0000300000003000001a1fd4fac18000001a1fd4fac18ffffffffff' +
    'ffffffffffffffffff0000000404224d186040829d000000f01ae401000000046b31b00174686520717569636b206272' +
    '6f776e20666f78206a756d7073206f766572201f00916c617a7920646f672c0e000f2d0014ff0c040a74726163650661' +
    '62630a656d70747900be01000002046b328a740019ac20616761696e20616e640a000e6100fe0c58000004012a76616c' +
    '756520776974682061206e756c6c206b65792d008932000006046b33011a00506d7074790000000000',
    'hex',
  ),
  zstd: Buffer.from(
    '0000000000000000000000c4000000000206c7b473000400000003000001a1fd4fae4a000001a1fd4fae4affffffffff' +
    'ffffffffffffffffff0000000428b52ffd0058550400f2071d23a0a739ff9ff555f5ebd0c8ef2632f2bda9898c6cfbd2' +
    'b67155c1db637250356b0abb6589e014b2abd4767f8fc2f3d96cd19b3e860249ed1618c8878d1b3e43710ab09b1c5be7' +
    'e374b216467ab19c89baa089cceb82df9bcdcb86e2138f430f5744c36114e572b71a45bcd94c8d8153bb9b1e0106003d' +
    '3d3e546fc8e0d91682ee0ee638a0a9f6',
    'hex',
  ),
} as const;

export const LIBRDKAFKA_TEXT_1 = 'the quick brown fox jumps over the lazy dog, the quick brown fox jumps over the lazy dog';
export const LIBRDKAFKA_TEXT_2 = 'the quick brown fox jumps over the lazy dog again and again and again';
