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
