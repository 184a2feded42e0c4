/**
 * SSH host key fingerprints the way OpenSSH prints them ("SHA256:" + unpadded base64 of the SHA-256
 * of the key blob), and the key type named inside a key blob.
 */
import { createHash } from 'node:crypto';

/** "SHA256:…" of a public key blob (the bytes after the key type in known_hosts, base64-decoded). */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * A pinned fingerprint as a person may paste it ("SHA256:abc…", "abc…", with or without base64
 * padding, surrounding spaces) → the canonical "SHA256:abc…"; undefined when it is not a SHA-256
 * fingerprint (e.g. an old MD5 "aa:bb:…" one).
 */
export function normaliseFingerprint(text: string): string | undefined {
  let t = text.trim();
  if (/^sha256:/i.test(t)) t = t.slice('sha256:'.length);
  t = t.replace(/=+$/, '');
  // 32 bytes → 43 base64 characters without padding.
  if (!/^[A-Za-z0-9+/]{43}$/.test(t)) return undefined;
  return `SHA256:${t}`;
}

/** The key type written at the start of a key blob, e.g. "ssh-ed25519"; undefined for a malformed blob. */
export function keyTypeOf(keyBlob: Buffer): string | undefined {
  if (keyBlob.length < 4) return undefined;
  const len = keyBlob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > keyBlob.length) return undefined;
  const name = keyBlob.subarray(4, 4 + len).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}
