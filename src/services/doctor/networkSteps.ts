/**
 * Per bootstrap broker: DNS, TCP connect and TLS handshake (chain against the configured CA, host
 * name, expiry), going where the address map sends the socket, as the Kafka clients would.
 */
import type { KafkaConnectionSpec } from '../../kafka/index';
import { kafkaModule } from '../lazyModules';
import { errorCode, resolveHost, tcpConnect, tlsHandshake, type ProbeAddress } from './probes';
import { StepFailure, StepTimeout, type StepOutcome, type StepRecorder } from './recorder';
import type { DoctorTimeouts, StepGroup } from './types';

const DAY_MS = 86_400_000;
const EXPIRY_WARN_DAYS = 14;

export const TIMEOUT_NEXT =
  'Nothing answered: this machine has no network path to the broker. Check that the cluster’s security group allows inbound traffic from your address on this port, that you are inside (or connected by VPN to) the cluster’s VPC, or turn on public access for the cluster. From outside the VPC, use an SSH tunnel (msk.sshTunnels) or an SSM port forward with msk.brokerAddressMap.';
export const REFUSED_NEXT =
  'The host answered but nothing listens on this port: check the port of the listener for this authentication (MSK: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM; with public access 9194, 9196, 9198) and, through a tunnel, that the tunnel is open and the address map points at its local port.';

export interface AddressPlan {
  /** The address the cluster gave ("host:port"). */
  address: string;
  host: string;
  port: number;
  /** Where the socket goes (the address map's entry, or the address itself). */
  target: ProbeAddress;
}

/** Addresses and where each goes; a malformed address or map entry throws a StepFailure. */
export function planAddresses(spec: KafkaConnectionSpec, addresses: readonly string[]): AddressPlan[] {
  const k = kafkaModule();
  let map;
  try {
    map = k.compileAddressMap(spec.addressMap);
  } catch (err) {
    throw new StepFailure(err instanceof Error ? err.message : String(err), 'Fix the entry in msk.brokerAddressMap.');
  }
  const unique = [...new Set(addresses.map((a) => a.trim()).filter(Boolean))];
  return unique.map((address) => {
    let parsed;
    try {
      parsed = k.parseHostPort(address);
    } catch (err) {
      throw new StepFailure(
        `The broker address ${err instanceof Error ? err.message : String(err)}.`,
        'Write bootstrap servers as host:port, separated by commas.',
      );
    }
    return { address, ...parsed, target: k.resolveAddress(map, parsed.host, parsed.port) };
  });
}

function via(plan: AddressPlan): string {
  const same = plan.target.host === plan.host && plan.target.port === plan.port;
  return same ? plan.address : `${plan.address} (via ${plan.target.host}:${plan.target.port})`;
}

/** A TCP connect step's outcome for one address (used for bootstrap and advertised brokers). */
export async function checkTcp(plan: AddressPlan, timeoutMs: number): Promise<StepOutcome> {
  try {
    await tcpConnect(plan.target, timeoutMs);
    return { detail: `connected to ${plan.target.host}:${plan.target.port}` };
  } catch (err) {
    const code = errorCode(err);
    if (err instanceof StepTimeout || code === 'ETIMEDOUT') {
      throw new StepFailure(`Timed out: ${err instanceof Error ? err.message : String(err)}.`, TIMEOUT_NEXT);
    }
    if (code === 'ECONNREFUSED')
      throw new StepFailure('Connection refused (nothing listens on this port).', REFUSED_NEXT);
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      throw new StepFailure(`The host is not reachable from this network (${code}).`, TIMEOUT_NEXT);
    }
    throw new StepFailure(`Could not connect: ${err instanceof Error ? err.message : String(err)}.`, TIMEOUT_NEXT);
  }
}

/** DNS, TCP and TLS for each bootstrap address. Resolves to the first bootstrap address that passed all (undefined: none). */
export async function networkSteps(
  rec: StepRecorder,
  spec: KafkaConnectionSpec,
  timeouts: DoctorTimeouts,
  group: StepGroup = 'network',
): Promise<string | undefined> {
  const k = kafkaModule();
  let plans: AddressPlan[] = [];
  const planned = await rec.run(group, 'plan', 'Bootstrap addresses', () => {
    plans = planAddresses(spec, spec.bootstrapServers);
    return Promise.resolve({ detail: plans.map(via).join(', ') || '(none)' });
  });
  if (planned.status === 'fail') return undefined;
  const useTls = k.usesTls(spec);
  let firstOk: string | undefined;
  for (const plan of plans) {
    const label = plan.address;
    const dns = await rec.run(group, `dns:${label}`, `DNS ${plan.target.host}`, async () => {
      try {
        const addresses = await resolveHost(plan.target.host, timeouts.dns);
        return { detail: addresses.join(', ') };
      } catch (err) {
        const code = errorCode(err);
        throw new StepFailure(
          `${plan.target.host} does not resolve (${code ?? (err instanceof Error ? err.message : String(err))}).`,
          'Private MSK broker names resolve only inside their VPC (or with its DNS through a VPN). From elsewhere, connect through an SSH tunnel (msk.sshTunnels) or map the address to a local port forward in msk.brokerAddressMap; otherwise check the spelling of the address.',
        );
      }
    });
    if (dns.status === 'fail') {
      rec.skip(group, `tcp:${label}`, `TCP connect to ${via(plan)}`, 'its name does not resolve');
      if (useTls) rec.skip(group, `tls:${label}`, `TLS handshake with ${plan.address}`, 'its name does not resolve');
      continue;
    }
    const tcp = await rec.run(group, `tcp:${label}`, `TCP connect to ${via(plan)}`, () => checkTcp(plan, timeouts.tcp));
    if (tcp.status === 'fail') {
      if (useTls) rec.skip(group, `tls:${label}`, `TLS handshake with ${plan.address}`, 'the TCP connection failed');
      continue;
    }
    if (!useTls) {
      firstOk ??= plan.address;
      continue;
    }
    const tlsStep = await rec.run(group, `tls:${label}`, `TLS handshake with ${plan.address}`, () =>
      checkTls(plan, spec, timeouts.tls),
    );
    if (tlsStep.status !== 'fail') firstOk ??= plan.address;
  }
  return firstOk;
}

async function checkTls(plan: AddressPlan, spec: KafkaConnectionSpec, timeoutMs: number): Promise<StepOutcome> {
  let r;
  try {
    r = await tlsHandshake(
      plan.target,
      {
        serverName: plan.host,
        ca: spec.ca,
        ...(spec.auth.kind === 'mtls' ? { cert: spec.auth.cert, key: spec.auth.key } : {}),
      },
      timeoutMs,
    );
  } catch (err) {
    if (err instanceof StepTimeout) {
      throw new StepFailure(
        `The port accepted the connection, but the TLS handshake got no answer (${err.message}).`,
        `Something between here and the broker swallows the traffic (a firewall, a proxy, a half-open tunnel), or this is not a TLS port (MSK TLS ports: 9094, 9096, 9098). ${TIMEOUT_NEXT}`,
      );
    }
    const msg = err instanceof Error ? err.message : String(err);
    if (/wrong version number|packet length too long|unknown protocol/i.test(msg)) {
      throw new StepFailure(
        `The port does not speak TLS (${msg}).`,
        'This is a plaintext listener: use the TLS port (MSK: 9094, 9096, 9098) or turn TLS off for this connection.',
      );
    }
    throw new StepFailure(
      `The TLS handshake failed: ${msg}.`,
      'Check this is a TLS listener and that its certificate is valid.',
    );
  }
  const names = r.altNames ? `names ${r.altNames}` : `subject ${r.subject}`;
  const detail = `${r.protocol ?? 'TLS'}; certificate ${names}; issuer ${r.issuer}; valid until ${r.validTo.toISOString()}`;
  const caSetting =
    spec.auth.kind === 'mtls' || spec.tls ? 'msk.tls.caFile (or the CA file of the connection)' : 'the CA file';
  const now = Date.now();
  if (r.validTo.getTime() < now) {
    throw new StepFailure(
      `The broker’s certificate expired on ${r.validTo.toISOString()} (${detail}).`,
      'The broker must get a new certificate (MSK renews its own; for a private CA, issue a new one).',
    );
  }
  if (!r.authorized) {
    throw new StepFailure(
      `The broker’s certificate chain is not trusted: ${r.authorizationError ?? 'unknown reason'} (issuer ${r.issuer}).`,
      spec.ca
        ? `The configured CA did not sign this certificate: set ${caSetting} to the CA that issued it (“${r.issuer}”).`
        : `Set ${caSetting} to the PEM file of the CA that issued it (“${r.issuer}”); MSK’s own certificates need none.`,
    );
  }
  if (r.hostMismatch) {
    throw new StepFailure(
      `The certificate does not name ${plan.host}: ${r.hostMismatch}.`,
      'Connect with a name the certificate covers (the broker’s advertised name); through a tunnel, keep that name and map it to the local port in msk.brokerAddressMap instead of connecting to localhost.',
    );
  }
  const daysLeft = Math.floor((r.validTo.getTime() - now) / DAY_MS);
  if (daysLeft < EXPIRY_WARN_DAYS) {
    return { status: 'warn', detail, next: `The certificate expires in ${daysLeft} days: renew it soon.` };
  }
  return { detail };
}
