/**
 * The lab's TLS material, made on first use and kept on disk so clients can trust the CA across
 * restarts: a self-signed CA and one broker certificate (the same for every broker, as all brokers
 * share this process) whose subjectAltName holds 127.0.0.1, localhost and the advertised host.
 * Clients point `ssl.ca.location` at `<dir>/ca.pem`. Given PEM files (Kafka's
 * `ssl.keystore.type=PEM` with ssl.keystore.location / ssl.truststore.location) replace it.
 *
 * X.509 building is node-forge's (node:crypto has no certificate builder); the RSA keys come from
 * node:crypto (fast, native) and are handed to forge as PEM.
 */
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import type { TlsMaterial } from '../wire/listener-config';

export interface LabTls extends TlsMaterial {
  /** Path of the CA certificate (the ready line's ssl.ca.location). */
  caLocation: string;
  dir: string;
}

/** Default folder: $KAFKA_LAB_CONFIG_DIR/tls, $XDG_CONFIG_HOME/kafka-lab/tls or ~/.config/kafka-lab/tls (serve mode's settings folder). */
export function defaultTlsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAFKA_LAB_CONFIG_DIR) return join(env.KAFKA_LAB_CONFIG_DIR, 'tls');
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'kafka-lab', 'tls');
}

const YEAR_MS = 365 * 86_400_000;

function rsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    pem,
  };
}

function serial(): string {
  // Positive 16-byte serial (RFC 5280 §4.1.2.2).
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f;
  return bytes.toString('hex');
}

/** A certificate signed by `issuer` (or self-signed when issuer is null). */
function certificate(subjectCn: string, keys: { publicKey: forge.pki.rsa.PublicKey }, signer: { cert: forge.pki.Certificate | null; key: forge.pki.rsa.PrivateKey }, options: { ca: boolean; altNames?: string[]; subject?: { name: string; value: string }[] }): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now + (options.ca ? 10 : 2) * YEAR_MS);
  const subject = options.subject ?? [{ name: 'organizationName', value: 'Kafka Lab' }, { name: 'commonName', value: subjectCn }];
  cert.setSubject(subject);
  cert.setIssuer(signer.cert ? signer.cert.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: options.ca, critical: true },
    { name: 'keyUsage', critical: true, ...(options.ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, keyEncipherment: true }) },
    { name: 'subjectKeyIdentifier' },
  ];
  if (!options.ca) extensions.push({ name: 'extKeyUsage', serverAuth: true, clientAuth: true });
  if (options.altNames) {
    extensions.push({ name: 'subjectAltName', altNames: options.altNames.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) });
  }
  cert.setExtensions(extensions);
  cert.sign(signer.key, forge.md.sha256.create());
  return cert;
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The hosts a broker certificate must name: 127.0.0.1, localhost, ::1 and the advertised host. */
export function brokerAltNames(advertisedHost: string): string[] {
  return [...new Set(['127.0.0.1', 'localhost', '::1', advertisedHost])];
}

function certCovers(pem: string, hosts: string[]): boolean {
  try {
    const cert = new X509Certificate(pem);
    if (Date.parse(cert.validTo) < Date.now() + 86_400_000) return false;
    return hosts.every((h) => (isIP(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h) !== undefined));
  } catch {
    return false;
  }
}

/**
 * The lab's CA and broker certificate in `dir`, made when absent (or when the broker certificate
 * does not name `advertisedHost`, or expires within a day). Files: ca.pem, ca-key.pem (0600),
 * broker.pem (certificate then CA), broker-key.pem (0600).
 */
export function ensureLabTls(dir: string, advertisedHost: string): LabTls {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca-key.pem');
  const certPath = join(dir, 'broker.pem');
  const keyPath = join(dir, 'broker-key.pem');
  if (!existsSync(caPath) || !existsSync(caKeyPath)) {
    const keys = rsaKeyPair();
    const ca = certificate('Kafka Lab CA', keys, { cert: null, key: keys.privateKey }, { ca: true });
    writePrivate(caKeyPath, keys.pem);
    writeFileSync(caPath, forge.pki.certificateToPem(ca));
  }
  const caPem = readFileSync(caPath, 'utf8');
  const hosts = brokerAltNames(advertisedHost);
  if (!existsSync(certPath) || !existsSync(keyPath) || !certCovers(readFileSync(certPath, 'utf8'), hosts)) {
    const ca = forge.pki.certificateFromPem(caPem);
    const caKey = forge.pki.privateKeyFromPem(readFileSync(caKeyPath, 'utf8')) as forge.pki.rsa.PrivateKey;
    const keys = rsaKeyPair();
    const cert = certificate('kafka-lab-broker', keys, { cert: ca, key: caKey }, { ca: false, altNames: hosts });
    writePrivate(keyPath, keys.pem);
    writeFileSync(certPath, forge.pki.certificateToPem(cert) + caPem);
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), ca: caPem, caLocation: caPath, dir };
}

/**
 * A client certificate for mTLS (ssl.client.auth=required) signed by the lab's CA in `dir`, with
 * subject `CN=<commonName>,O=Kafka Lab`: its Kafka principal is `User:CN=<commonName>,O=Kafka Lab`.
 * Writes <name>.pem and <name>-key.pem into `dir` and returns their paths.
 */
export function issueClientCertificate(dir: string, commonName: string, fileName = `client-${commonName.replace(/[^A-Za-z0-9_-]/g, '_')}`): { certLocation: string; keyLocation: string } {
  const ca = forge.pki.certificateFromPem(readFileSync(join(dir, 'ca.pem'), 'utf8'));
  const caKey = forge.pki.privateKeyFromPem(readFileSync(join(dir, 'ca-key.pem'), 'utf8')) as forge.pki.rsa.PrivateKey;
  const keys = rsaKeyPair();
  const cert = certificate(commonName, keys, { cert: ca, key: caKey }, { ca: false });
  const certLocation = join(dir, `${fileName}.pem`);
  const keyLocation = join(dir, `${fileName}-key.pem`);
  writeFileSync(certLocation, forge.pki.certificateToPem(cert));
  writePrivate(keyLocation, keys.pem);
  return { certLocation, keyLocation };
}

/** Given PEM files (ssl.keystore.location with key and certificate, ssl.truststore.location with the CA). */
export function readPemTls(keystoreLocation: string, truststoreLocation: string): LabTls {
  const keystore = readFileSync(keystoreLocation, 'utf8');
  const key = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.exec(keystore)?.[0];
  const certs = keystore.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!key || !certs) throw new Error(`ssl.keystore.location ${keystoreLocation}: expected a PEM private key and certificate (ssl.keystore.type=PEM)`);
  return { key, cert: certs.join('\n'), ca: readFileSync(truststoreLocation, 'utf8'), caLocation: truststoreLocation, dir: '' };
}
