/**
 * Tunnel failures as the Kafka layer's user errors: each names the bastion, what went wrong and the
 * next step. They are KafkaUserErrors (so the client pool passes them through unchanged) with a
 * finer `problem` for tests and the UI.
 */
import { errorMessage } from '../../shared/errors';
import { KafkaUserError, type KafkaErrorCode } from '../errors/kafkaUserError';
import { CONNECT_CODES } from '../errors/network';
import { tunnelLabel, type SshTunnelConfig } from './types';

export type SshTunnelProblem =
  | 'HostKeyChanged'
  | 'HostKeyUnknown'
  | 'HostKeyRevoked'
  | 'KnownHostsUnreadable'
  | 'BadFingerprint'
  | 'AuthFailed'
  | 'KeyUnreadable'
  | 'PassphraseNeeded'
  | 'PassphraseWrong'
  | 'NoAgent'
  | 'Unreachable'
  | 'ForwardRefused'
  | 'ForwardFailed'
  | 'Closed';

const CODES: Record<SshTunnelProblem, KafkaErrorCode> = {
  HostKeyChanged: 'Authentication',
  HostKeyUnknown: 'Authentication',
  HostKeyRevoked: 'Authentication',
  KnownHostsUnreadable: 'Credentials',
  BadFingerprint: 'InvalidRequest',
  AuthFailed: 'Authentication',
  KeyUnreadable: 'Credentials',
  PassphraseNeeded: 'Credentials',
  PassphraseWrong: 'Credentials',
  NoAgent: 'Credentials',
  Unreachable: 'Unreachable',
  ForwardRefused: 'Unreachable',
  ForwardFailed: 'Unreachable',
  Closed: 'Unreachable',
};

export class SshTunnelError extends KafkaUserError {
  readonly problem: SshTunnelProblem;
  constructor(problem: SshTunnelProblem, message: string, hint: string, cause?: unknown) {
    super(message, { code: CODES[problem], hint, cause });
    this.problem = problem;
  }
}

/** Whether an error is a tunnel error (also across bundles: checks the shape, not the class). */
export function isSshTunnelError(err: unknown): err is SshTunnelError {
  return err instanceof Error && typeof (err as { problem?: unknown }).problem === 'string' && 'hint' in err;
}

/** Socket errors of the connection to the bastion, in words: as for a broker, but about an SSH server. */
const SSH_CONNECT: Record<string, string> = {
  ...CONNECT_CODES,
  ECONNREFUSED: 'refused the connection (no SSH server listens there)',
};

/** An error of the SSH connection itself (before or while signing in) → a tunnel error. */
export function sshConnectError(config: SshTunnelConfig, err: unknown): SshTunnelError {
  const who = tunnelLabel(config);
  const e = err as { code?: unknown; level?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const level = typeof e?.level === 'string' ? e.level : '';
  const text = errorMessage(err);
  if (level === 'client-authentication' || /authentication methods failed/i.test(text)) {
    const how =
      config.auth.kind === 'agent'
        ? 'none of the keys in the SSH agent was accepted'
        : `the key ${config.auth.privateKeyPath} was not accepted`;
    return new SshTunnelError(
      'AuthFailed',
      `The SSH bastion ${who} refused the sign-in: ${how}.`,
      `Check the user name "${config.username}" and that the public key is in ~/.ssh/authorized_keys of that user on the bastion.`,
      err,
    );
  }
  if (code in SSH_CONNECT || level === 'client-timeout' || /timed out/i.test(text)) {
    const what = SSH_CONNECT[code] ?? 'did not complete the SSH handshake in time';
    return new SshTunnelError(
      'Unreachable',
      `The SSH bastion ${who} ${what}.`,
      'Check the bastion host name and port, that it is running, and that a firewall or security group lets this machine reach it.',
      err,
    );
  }
  return new SshTunnelError(
    'Unreachable',
    `The SSH connection to ${who} failed: ${text}.`,
    'Check the bastion host, port and user; the log has the details.',
    err,
  );
}

/** A forward the bastion refused or could not open (SSH channel open failure). */
export function forwardError(config: SshTunnelConfig, target: string, err: unknown): SshTunnelError {
  const who = tunnelLabel(config);
  const reason = (err as { reason?: unknown })?.reason;
  const text = errorMessage(err).replace(/^\(SSH\)\s*/, '');
  // RFC 4254 §5.1: 1 administratively prohibited, 2 connect failed, 3 unknown channel type.
  if (reason === 1 || /prohibited/i.test(text)) {
    return new SshTunnelError(
      'ForwardRefused',
      `The SSH bastion ${who} refused to forward to ${target} (${text}).`,
      'Port forwarding must be allowed for this user on the bastion (sshd_config: AllowTcpForwarding yes, and PermitOpen must include the broker addresses).',
      err,
    );
  }
  return new SshTunnelError(
    'ForwardFailed',
    `The SSH bastion ${who} could not connect to ${target} (${text}).`,
    'Check that the bastion can reach the broker: the address must resolve on the bastion, and the brokers’ security group must let the bastion in on the listener port.',
    err,
  );
}
