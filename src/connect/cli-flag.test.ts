import { describe, expect, it } from 'vitest';
import { takeConnectFlag } from './cli-flag';

describe('--connect [PORT]', () => {
  it('takes the flag with or without a port and leaves the other arguments', () => {
    expect(takeConnectFlag(['--brokers', '3'])).toEqual({ argv: ['--brokers', '3'] });
    expect(takeConnectFlag(['--connect', '--brokers', '1'])).toEqual({ argv: ['--brokers', '1'], connectPort: 8083 });
    expect(takeConnectFlag(['--brokers', '1', '--connect'])).toEqual({ argv: ['--brokers', '1'], connectPort: 8083 });
    expect(takeConnectFlag(['--connect', '8084', '--in-memory'])).toEqual({ argv: ['--in-memory'], connectPort: 8084 });
    expect(takeConnectFlag(['--connect=0'])).toEqual({ argv: [], connectPort: 0 });
  });
  it('refuses a port that is not a number', () => {
    expect(() => takeConnectFlag(['--connect=http'])).toThrow('--connect expects a port number (0-65535), got "http"');
    expect(() => takeConnectFlag(['--connect=70000'])).toThrow('--connect expects a port number');
  });
});
