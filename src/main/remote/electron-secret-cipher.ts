/**
 * Issue 17: Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret) as the
 * SecretCipher of the profile file. Thin on purpose: Electron does not run in tests; the file
 * store is tested with another cipher. Returns null where safeStorage has no keychain (Linux
 * without a secret service): the app then keeps profiles in memory only, as serve mode does.
 */
import type { SecretCipher } from './profile-store';

/** The part of electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (encrypted) => safeStorage.decryptString(encrypted) };
}
