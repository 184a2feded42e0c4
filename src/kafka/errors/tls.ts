/** TLS problems: certificate names, trust, expiry, client certificates, keys, a non-TLS port. */
import { usesTls } from '../connection';
import { scrubLogText } from '../logging';
import { addressText, brokerOf, codeOf, first, msgOf, PORT_HINT, type ErrorLike } from './chain';
import { KafkaUserError, type KafkaErrorContext } from './kafkaUserError';

const CA_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
]);
const EXPIRY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CLIENT_CERT_REFUSED =
  /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|ACCESS_DENIED|HANDSHAKE_FAILURE|CERTIFICATE_EXPIRED)/;

export function tlsError(chain: ErrorLike[], ctx: KafkaErrorContext, cause: unknown): KafkaUserError | undefined {
  const broker = brokerOf(chain);
  const where = broker ? addressText(broker, ctx) : ctx.spec.bootstrapServers.join(', ');
  const addresses = broker ? [broker] : [...ctx.spec.bootstrapServers];

  const altname = first(
    chain,
    (e) => codeOf(e) === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate's altnames/i.test(msgOf(e)),
  );
  if (altname) {
    const m = /Host: ([^\s]+?)\.? is not in the cert's altnames: (.*)$/i.exec(msgOf(altname));
    const ip = /IP: ([^\s]+) is not in the cert's list: (.*)$/i.exec(msgOf(altname));
    const name = m?.[1] ?? ip?.[1] ?? (broker ? broker.replace(/:\d+$/, '') : 'the broker');
    const names = (m?.[2] ?? ip?.[2] ?? '').trim();
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} is not valid for the name "${name}"${names ? ` (it is valid for ${names})` : ''}.`,
      {
        code: 'Tls',
        hint: 'Connect with a name the certificate lists. Through a tunnel, keep the real broker addresses in the bootstrap list and add an address map to the local tunnel ports, so the name check uses the real names.',
        addresses,
        cause,
      },
    );
  }
  const ca = first(chain, (e) => CA_CODES.has(codeOf(e)));
  if (ca) {
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} is not signed by a certificate authority this connection trusts (${codeOf(ca)}).`,
      {
        code: 'Tls',
        hint: ctx.spec.addressMap
          ? 'Set the CA certificate (PEM) that signed the broker certificates in the connection settings.'
          : 'Set the CA certificate (PEM) that signed the broker certificates in the connection settings. MSK-managed certificates are trusted by default; a private CA or a local broker needs its CA set.',
        addresses,
        cause,
      },
    );
  }
  const expired = first(chain, (e) => EXPIRY_CODES.has(codeOf(e)));
  if (expired) {
    return new KafkaUserError(
      `The TLS certificate of the broker at ${where} ${codeOf(expired) === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'}.`,
      {
        code: 'Tls',
        hint: "Check this computer's clock, or ask the cluster owner to renew the certificate.",
        addresses,
        cause,
      },
    );
  }
  // The TLS alert the broker sent, from the Node error code or (in kafkajs wrappers) the message.
  const alertOf = (e: ErrorLike): string | undefined =>
    CLIENT_CERT_REFUSED.exec(codeOf(e))?.[1] ??
    CLIENT_CERT_REFUSED.exec(msgOf(e).toUpperCase().replace(/ /g, '_'))?.[1];
  const alert = chain.map(alertOf).find((a) => a !== undefined);
  if (alert && (ctx.spec.auth.kind === 'mtls' || /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA/.test(alert))) {
    return new KafkaUserError(
      ctx.spec.auth.kind === 'mtls'
        ? `The broker at ${where} refused the client certificate of ${ctx.spec.label}.`
        : `The broker at ${where} requires a client certificate (mutual TLS).`,
      {
        code: 'Authentication',
        hint:
          ctx.spec.auth.kind === 'mtls'
            ? "Check the certificate is signed by a CA the cluster trusts (MSK: the cluster's AWS Private CA), has not expired, and matches the private key."
            : 'Use the mTLS auth kind with a client certificate and key, or the port of another listener.',
        addresses,
        cause,
      },
    );
  }
  const keyProblem = first(
    chain,
    (e) =>
      /^ERR_OSSL_(X509_KEY_VALUES_MISMATCH|PEM_|EVP_|ASN1_)/.test(codeOf(e)) ||
      /PEM routines|key values mismatch/i.test(msgOf(e)),
  );
  if (keyProblem) {
    return new KafkaUserError(
      `The client certificate or key of ${ctx.spec.label} cannot be used: ${scrubLogText(msgOf(keyProblem))}.`,
      {
        code: 'Tls',
        hint: 'Paste the PEM certificate ("-----BEGIN CERTIFICATE-----") and its matching unencrypted PEM private key.',
        cause,
      },
    );
  }
  const wrongProtocol = first(
    chain,
    (e) =>
      codeOf(e) === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
      /wrong version number|packet length too long|unknown protocol/i.test(msgOf(e)),
  );
  if (wrongProtocol) {
    return new KafkaUserError(`The broker at ${where} does not speak TLS on this port.`, {
      code: 'Tls',
      hint: `Turn TLS off for this connection, or use the broker's TLS port. ${PORT_HINT}`,
      addresses,
      cause,
    });
  }
  const disconnected = first(chain, (e) => /socket disconnected before secure TLS connection/i.test(msgOf(e)));
  if (disconnected && usesTls(ctx.spec)) {
    return new KafkaUserError(`The broker at ${where} closed the connection during the TLS handshake.`, {
      code: 'Tls',
      hint: `The port may not be a TLS listener, or it may require a client certificate. ${PORT_HINT}`,
      addresses,
      cause,
    });
  }
  return undefined;
}
