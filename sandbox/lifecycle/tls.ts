/**
 * The sandbox's certificates, made with openssl on the first start under .sandbox/tls/ (PEM):
 * a CA, the broker certificate (SAN DNS:localhost, IP:127.0.0.1, IP:::1) and client
 * certificates CN=admin and CN=readonly for mutual TLS.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRINCIPAL_NAMES, type PrincipalName } from './secrets';

export interface TlsFiles {
  dir: string;
  caFile: string;
  caKey: string;
  brokerCert: string;
  brokerKey: string;
  /** Private key + certificate chain in one PEM file: the broker's keystore (ssl.keystore.type=PEM). */
  brokerKeystore: string;
  clients: Record<PrincipalName, { cert: string; key: string }>;
}

export function tlsFiles(dir: string): TlsFiles {
  const clients = {} as Record<PrincipalName, { cert: string; key: string }>;
  for (const name of PRINCIPAL_NAMES) clients[name] = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca.key'),
    brokerCert: join(dir, 'broker.pem'),
    brokerKey: join(dir, 'broker.key'),
    brokerKeystore: join(dir, 'broker-keystore.pem'),
    clients,
  };
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() || e.message}`);
  }
}

function issue(files: TlsFiles, name: string, subject: string, extensions: string): { cert: string; key: string } {
  const key = join(files.dir, `${name}.key`);
  const cert = join(files.dir, `${name}.pem`);
  const csr = join(files.dir, `${name}.csr`);
  const ext = join(files.dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  // PKCS#8 unencrypted key ("BEGIN PRIVATE KEY"): what Kafka's PEM keystore and Node both read.
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject], files.dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      files.caFile,
      '-CAkey',
      files.caKey,
      '-CAcreateserial',
      '-days',
      '3650',
      '-sha256',
      '-out',
      cert,
      '-extfile',
      ext,
    ],
    files.dir,
  );
  rmSync(csr, { force: true });
  rmSync(ext, { force: true });
  chmodSync(key, 0o600);
  return { cert, key };
}

/** Makes whatever is missing; a complete set is reused as it is. */
export function ensureTls(dir: string): TlsFiles {
  const files = tlsFiles(dir);
  mkdirSync(dir, { recursive: true });
  const all = [
    files.caFile,
    files.caKey,
    files.brokerCert,
    files.brokerKey,
    files.brokerKeystore,
    ...PRINCIPAL_NAMES.flatMap((n) => [files.clients[n].cert, files.clients[n].key]),
  ];
  if (all.every((f) => existsSync(f))) return files;

  if (!existsSync(files.caFile) || !existsSync(files.caKey)) {
    const caExt = join(dir, 'ca.ext');
    writeFileSync(
      caExt,
      [
        '[req]',
        'distinguished_name=dn',
        'x509_extensions=v3_ca',
        '[dn]',
        '[v3_ca]',
        'basicConstraints=critical,CA:TRUE',
        'keyUsage=critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier=hash',
        '',
      ].join('\n'),
    );
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        files.caKey,
        '-out',
        files.caFile,
        '-days',
        '3650',
        '-sha256',
        '-subj',
        '/O=MSK Sandbox/CN=MSK Sandbox CA',
        '-config',
        caExt,
      ],
      dir,
    );
    rmSync(caExt, { force: true });
    chmodSync(files.caKey, 0o600);
  }
  issue(
    files,
    'broker',
    '/O=MSK Sandbox/CN=localhost',
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '',
    ].join('\n'),
  );
  writeFileSync(
    files.brokerKeystore,
    readFileSync(files.brokerKey, 'utf8') + readFileSync(files.brokerCert, 'utf8') + readFileSync(files.caFile, 'utf8'),
    { mode: 0o600 },
  );
  for (const name of PRINCIPAL_NAMES) {
    // Subject is exactly CN=<name>: the broker maps it to the principal User:<name>.
    issue(
      files,
      name,
      `/CN=${name}`,
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=clientAuth',
        '',
      ].join('\n'),
    );
  }
  return files;
}
